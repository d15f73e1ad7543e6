from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Portfolio, Programme, ProgrammeMembership, Project, ProjectMembership


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Domain data is changed through the application (its services), not the admin: here it is only read."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "programme", "manager", "lifecycle", "budget")
    list_filter = ("lifecycle", "programme")
    search_fields = ("code", "name")


admin.site.register([Portfolio, Programme, ProgrammeMembership, ProjectMembership], ReadOnlyAdmin)
