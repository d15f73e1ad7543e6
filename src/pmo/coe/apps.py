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
        register_tab(Tab("reviews", _("Reviews"), "coe:project_reviews", 26))  # reviews and audits
        register_tab(Tab("lessons", _("Lessons"), "coe:project_lessons", 27))  # lessons learned
        register_tab(Tab("onboarding", _("Onboarding"), "coe:onboarding", 95))

        from pmo.core import panels

        from .views_lessons import project_panel, risk_panel

        panels.register("raid.risk", "lessons", risk_panel)
        panels.register("projects.project", "lessons", project_panel)
