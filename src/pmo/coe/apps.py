from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoeConfig(AppConfig):
    name = "pmo.coe"
    label = "coe"
    verbose_name = _("Centre of Excellence")

    def ready(self) -> None:
        from pmo.projects.tabs import Tab
        from pmo.projects.tabs import register as register_tab

        from . import rules  # noqa: F401  (the permissions)

        register_tab(Tab("method", _("Method"), "coe:project_method", 25))
