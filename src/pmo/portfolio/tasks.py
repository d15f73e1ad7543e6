"""Background jobs of the portfolio app (run by `pmo worker`)."""

from django_tasks import task

from . import optimise


@task()
def run_scenario(scenario_id: int) -> None:
    optimise.execute(scenario_id)
