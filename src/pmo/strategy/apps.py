from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "pmo.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from pmo.core.search import Searchable, register

        from .models import StrategicObjective

        register(
            Searchable(
                "objectives", _("Strategic objectives"), StrategicObjective, ("code", "title", "description")
            )
        )
