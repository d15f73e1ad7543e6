from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "pmo.schedule"
    label = "schedule"
    verbose_name = _("Schedule")

    def ready(self) -> None:
        from pmo.projects.facts import register as register_facts
        from pmo.projects.tabs import Tab, register

        from .facts import milestone_facts, work_progress

        register_facts("milestones", milestone_facts)
        register_facts("work", work_progress)
        register(Tab("schedule", _("Schedule"), "schedule:project_schedule", 15))
        register(Tab("risk", _("Schedule risk"), "schedule:project_risk", 16))
