"""The django-tasks task that runs background jobs (in-process by default, a queue in
production: config/settings/jobs.py)."""

from django_tasks import task


@task()
def run_background_job(job_id: int) -> None:
    """Run the job `job_id` (see `bagalau.jobs.services.job_run`)."""
    from bagalau.jobs.services import job_run

    job_run(job_id)
