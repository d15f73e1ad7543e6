from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "pmo.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from pmo.core.history import RelatedHistory
        from pmo.core.search import Searchable, register
        from pmo.projects.history import PROJECT_RELATED_HISTORY
        from pmo.projects.tabs import Tab
        from pmo.projects.tabs import register as register_tab

        from .models import ProjectObjective, StrategicObjective

        PROJECT_RELATED_HISTORY["objectives"] = RelatedHistory(
            records=lambda project: ProjectObjective.history.filter(project_id=project.pk).select_related(
                "objective"
            ),
            describe=lambda record: f"{record.objective} ({record.get_contribution_display()})",
        )

        register_tab(Tab("objectives", _("Strategy"), "strategy:project_objectives", 20))
        register(
            Searchable(
                "objectives", _("Strategic objectives"), StrategicObjective, ("code", "title", "description")
            )
        )
