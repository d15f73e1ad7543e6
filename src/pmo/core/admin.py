"""Administrators manage users here (and only they: the admin site requires staff status)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "job_title",
        "department",
        "is_active",
        "is_superuser",
    )
    list_filter = ("groups", "is_active", "is_superuser", "department")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("job_title", "department")}),
    )
