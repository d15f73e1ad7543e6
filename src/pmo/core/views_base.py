"""Shared base views: every page a user sees is restricted by `Model.objects.visible_to(user)` here, once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import generic

from .history import history_rows
from .services import ConflictError


class VisibleMixin(LoginRequiredMixin):
    """Restricts the queryset to what the user may see; anything else is a 404."""

    model: ClassVar[type[models.Model]]
    related: ClassVar[tuple[str, ...]] = ()

    def get_queryset(self) -> models.QuerySet:
        return self.model.objects.visible_to(self.request.user).select_related(*self.related)


class ObjectPermissionMixin:
    """Refuses (403) unless the user holds `permission_required` on the object (or globally, on create)."""

    permission_required: ClassVar[str]

    def check_object_permission(self, obj: Any = None) -> None:
        if not self.request.user.has_perm(self.permission_required, obj):
            raise PermissionDenied(_("You are not allowed to do this."))


class DetailView(VisibleMixin, generic.DetailView):
    tab: ClassVar[str] = "overview"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(tab=self.tab, **kwargs)


class HistoryMixin:
    """The History tab: who changed what, when."""

    tab = "history"

    def get_related_history(self):
        """Histories of related objects to merge in (see pmo.core.history.RelatedHistory)."""
        return ()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = history_rows(self.object, related=self.get_related_history())
        return super().get_context_data(history=rows, **kwargs)


class HistoryView(HistoryMixin, DetailView):
    pass


class TableView(VisibleMixin, generic.ListView):
    """A list page that sorts (?sort=field, -field), searches (?q=) and pages (25 rows)."""

    paginate_by = 25
    sort_fields: ClassVar[dict[str, str]] = {}
    default_sort: ClassVar[str] = ""
    search_fields: ClassVar[tuple[str, ...]] = ()

    def get_sort(self) -> str:
        sort = self.request.GET.get("sort", self.default_sort)
        return sort if sort.lstrip("-") in self.sort_fields else self.default_sort

    def get_queryset(self) -> models.QuerySet:
        qs = self.filter_queryset(self.search_queryset(self.annotate(super().get_queryset())))
        sort = self.get_sort()
        if sort:
            field = self.sort_fields[sort.lstrip("-")]
            qs = qs.order_by(f"-{field}" if sort.startswith("-") else field, "pk")
        return qs

    def annotate(self, qs: models.QuerySet) -> models.QuerySet:
        """Add computed columns (before sorting, so they can be sorted on)."""
        return qs

    def search_queryset(self, qs: models.QuerySet) -> models.QuerySet:
        """Rows matching ?q= in any of `search_fields`."""
        query = search_param(self.request.GET)
        if query and self.search_fields:
            condition = models.Q()
            for name in self.search_fields:
                condition |= models.Q(**{f"{name}__icontains": query})
            qs = qs.filter(condition)
        return qs

    def filter_queryset(self, qs: models.QuerySet) -> models.QuerySet:
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET.copy()
        params.pop("page", None)
        without_sort = params.copy()
        without_sort.pop("sort", None)
        return super().get_context_data(
            sort=self.get_sort(),
            query=self.request.GET.get("q", ""),
            querystring=params.urlencode(),
            sort_querystring=without_sort.urlencode(),
            **kwargs,
        )


class ServiceFormMixin:
    """Create and edit forms hand the cleaned data to a service; its refusals become form errors.

    The form takes the user (to offer only what they see) and has `service_data()`; `service` is the app's
    create service `(acting_user=, **data)` or update service `(instance, acting_user=, expected_version=, **data)`.
    """

    service: ClassVar[Callable[..., models.Model]]
    success_message: ClassVar[str] = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def call_service(self, form) -> models.Model:
        raise NotImplementedError

    def form_valid(self, form) -> HttpResponse:
        try:
            self.object = self.call_service(form)
        except (ValidationError, ConflictError) as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class CreateView(LoginRequiredMixin, ObjectPermissionMixin, ServiceFormMixin, generic.FormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_object_permission()
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form) -> models.Model:
        return type(self).service(acting_user=self.request.user, **form.service_data())


class UpdateView(VisibleMixin, ObjectPermissionMixin, ServiceFormMixin, generic.UpdateView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        self.check_object_permission(obj)
        return obj

    def get_initial(self) -> dict[str, Any]:
        return {**super().get_initial(), "version": self.object.version}

    def call_service(self, form) -> models.Model:
        return type(self).service(
            self.object,
            acting_user=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **form.service_data(),
        )


def add_service_errors(form, error: Exception) -> None:
    """A service's refusal as form errors: on the fields it names (when the form has them), else on the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
    if isinstance(error, ConflictError):  # next to each field the others changed: what it holds now
        for name, _label, value in error.changes:
            if name in form.fields:
                form.add_error(name, _("Changed in the meantime to: %(value)s") % {"value": value})
        if "version" in form.fields:  # saving again (after checking) is based on what is there now
            form.data = form.data.copy()
            form.data[form.add_prefix("version")] = error.instance.version


def search_param(params, name: str = "q") -> str:
    """Search text from the query string, without NUL (PostgreSQL text cannot hold it: a 500, not a search)."""
    return params.get(name, "").replace("\x00", "").strip()


def id_param(params, name: str) -> int | None:
    """An id from the query string, or None when it is missing or not a plain id (never a 500)."""
    value = params.get(name, "")
    return int(value) if re.fullmatch(r"[0-9]{1,18}", value) else None


def report_error(request: HttpRequest, error: Exception) -> None:
    """Show a service's refusal (validation or conflict) as error messages on the next page."""
    for message in error.messages if isinstance(error, ValidationError) else [str(error)]:
        messages.error(request, message)


def run_action(
    request: HttpRequest, action: Callable[[], Any], success: Callable[[Any], str], form=None
) -> bool:
    """Run a service for a small POSTed form (add a team member, link an objective, …); the outcome becomes a
    message. Returns whether it succeeded."""
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return False
    try:
        result = action()
    except (ValidationError, ConflictError) as error:
        report_error(request, error)
        return False
    messages.success(request, success(result))
    return True
