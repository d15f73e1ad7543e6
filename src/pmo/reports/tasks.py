"""Background jobs of the reports app (run by `pmo worker`)."""

from django_tasks import task

from . import services


@task()
def make_pack(pack_id: int) -> None:
    services.execute(pack_id)
