"""A django-tasks backend for tests that runs each task in a thread of its own, as a worker
would: the request that queued the job returns at once and the job's page can watch its progress
move (the in-process ImmediateBackend of the demo has finished the job before the page shows)."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from django.db import connections
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

#: The setting that selects it: ``settings.TASKS = THREADED``.
THREADED = {"default": {"BACKEND": "tests.jobs.threaded.ThreadedBackend"}}


class ThreadedBackend(ImmediateBackend):
    """Runs each enqueued task in a new thread (its own database connection, closed at the end);
    `join()` waits for them all."""

    threads: ClassVar[list[threading.Thread]] = []

    def enqueue(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any]:
        self.validate_task(task)
        result: TaskResult[Any] = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

        def work() -> None:
            try:
                self._execute_task(result)
            finally:
                connections.close_all()

        thread = threading.Thread(target=work, name=f"task-{result.id}", daemon=True)
        self.threads.append(thread)
        thread.start()
        return result

    @classmethod
    def join(cls, timeout: float = 60) -> None:
        """Wait for every task started so far."""
        while cls.threads:
            cls.threads.pop().join(timeout)
