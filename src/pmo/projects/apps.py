from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "pmo.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from pmo.core.search import Searchable, register

        from .models import Programme, Project

        register(
            Searchable("projects", _("Projects"), Project, ("code", "name", "description"), ("programme",))
        )
        register(Searchable("programmes", _("Programmes"), Programme, ("code", "name", "description")))
