from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "pmo.progress"
    label = "progress"
    verbose_name = _("Progress")

    def ready(self) -> None:
        from pmo.projects.facts import register as register_facts
        from pmo.projects.tabs import Tab, register

        from .earned_value import evm_facts

        register_facts("evm", evm_facts)
        register(Tab("reports", _("Status reports"), "progress:project_reports", 40))
        register(Tab("costs", _("Cost and earned value"), "progress:project_costs", 45))
