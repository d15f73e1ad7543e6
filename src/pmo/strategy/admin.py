from django.contrib import admin

from pmo.projects.admin import ReadOnlyAdmin

from .models import ProjectObjective, StrategicObjective

admin.site.register([StrategicObjective, ProjectObjective], ReadOnlyAdmin)
