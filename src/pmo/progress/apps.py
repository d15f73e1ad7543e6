from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "pmo.progress"
    label = "progress"
    verbose_name = _("Progress")

    def ready(self) -> None:
        from pmo.projects.tabs import Tab, register

        register(Tab("reports", _("Status reports"), "progress:project_reports", 40))
