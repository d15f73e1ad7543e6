"""Background jobs of the portfolio app (run by `pmo worker`)."""

from django_tasks import task

from pmo.core import jobs

from . import optimise
from .models import Scenario


@task()
def run_scenario(scenario_id: int) -> None:
    optimise.execute(scenario_id)


jobs.track(run_scenario, Scenario)
