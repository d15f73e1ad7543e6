"""Background jobs of the reports app (run by `pmo worker`)."""

from django_tasks import task

from pmo.core import jobs

from . import services
from .models import ReportPack


@task()
def make_pack(pack_id: int) -> None:
    services.execute(pack_id)


jobs.track(make_pack, ReportPack)
