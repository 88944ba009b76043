"""Background jobs: in-process by default; in production the database queue
(TASKS_BACKEND=django_tasks_db.backend.DatabaseBackend) with `manage.py db_worker`."""

from config.env import env

TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# An organisation with at least this many servants prepares its XLSX exports as background jobs
# (bagalau.exports.jobs) instead of building them within the request.
EXPORTS_LARGE_BODY = env.int("EXPORTS_LARGE_BODY", default=500)
