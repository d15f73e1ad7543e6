"""Background jobs of the schedule app (run by `pmo worker`)."""

from django_tasks import task

from pmo.core import jobs

from . import risk
from .models import RiskRun


@task()
def run_risk_analysis(run_id: int) -> None:
    risk.execute(run_id)


jobs.track(run_risk_analysis, RiskRun)
