from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "pmo.resources"
    label = "resources"
    verbose_name = _("Resources")

    def ready(self) -> None:
        from pmo.projects.tabs import Tab, register

        from . import rules  # noqa: F401  (registers the permissions)

        register(Tab("resources", _("Resource plan"), "resources:project_plan", 35))
