"""Background jobs: in-process by default; a database-backed queue with a worker in production."""

from config.env import env

TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
