from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RaidConfig(AppConfig):
    name = "pmo.raid"
    label = "raid"
    verbose_name = _("RAID log")

    def ready(self) -> None:
        from pmo.core.search import Searchable, register
        from pmo.projects.facts import register as register_facts
        from pmo.projects.tabs import Tab
        from pmo.projects.tabs import register as register_tab
        from pmo.schedule.risk import DRIVER_SOURCES

        from .adapters import schedule_drivers
        from .facts import raid_facts
        from .models import Issue, Risk

        register_facts("raid", raid_facts)
        if schedule_drivers not in DRIVER_SOURCES:
            DRIVER_SOURCES.append(schedule_drivers)
        register_tab(Tab("raid", _("RAID log"), "raid:project_raid", 30))
        register(Searchable("risks", _("Risks"), Risk, ("title", "cause", "event", "effect")))
        register(Searchable("issues", _("Issues"), Issue, ("title", "description")))
