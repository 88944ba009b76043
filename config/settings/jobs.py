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
