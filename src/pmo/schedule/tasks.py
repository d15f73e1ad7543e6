"""Background jobs of the schedule app (run by `pmo worker`)."""

from django_tasks import task

from . import risk


@task()
def run_risk_analysis(run_id: int) -> None:
    risk.execute(run_id)
