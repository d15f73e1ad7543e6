"""REST API for roles, people and demand: the directory is read by everyone signed in and kept by the PMO; demand
is read where the project is visible (it is written on the project's Resource plan tab, a month range at a time)."""

from __future__ import annotations

import django_filters
from rest_framework import mixins, serializers, viewsets

from pmo.core.api import ServiceViewSet, VersionedSerializer, VisibleMixin, visible
from pmo.projects.models import Project

from . import services
from .models import Demand, Person, ResourceRole


class RoleSerializer(VersionedSerializer):
    class Meta:
        model = ResourceRole
        fields = ["id", "name", "description", "version", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []


class PersonSerializer(VersionedSerializer):
    fte = serializers.DecimalField(  # the service checks it and names the person when it is negative
        max_digits=4, decimal_places=2, required=False, help_text=Person._meta.get_field("fte").help_text
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "user",
            "role",
            "team",
            "fte",
            "run_the_business",
            "start_date",
            "end_date",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []


class RoleViewSet(ServiceViewSet):
    model = ResourceRole
    add_permission = change_permission = "resources.manage_capacity"
    serializer_class = RoleSerializer
    create_service = staticmethod(services.create_role)
    update_service = staticmethod(services.update_role)
    search_fields = ["name", "description"]
    ordering_fields = ["name"]


class PersonFilter(django_filters.FilterSet):
    class Meta:
        model = Person
        fields = ["role", "team"]


class PersonViewSet(ServiceViewSet):
    model = Person
    add_permission = change_permission = "resources.manage_capacity"
    related = ("role",)
    serializer_class = PersonSerializer
    create_service = staticmethod(services.create_person)
    update_service = staticmethod(services.update_person)
    filterset_class = PersonFilter
    search_fields = ["name", "team"]
    ordering_fields = ["name", "fte", "team"]


class DemandSerializer(serializers.ModelSerializer):
    class Meta:
        model = Demand
        fields = ["id", "project", "role", "person", "month", "fte", "commitment"]


class DemandFilter(django_filters.FilterSet):
    project = django_filters.ModelChoiceFilter(queryset=visible(Project))
    month_from = django_filters.DateFilter(field_name="month", lookup_expr="gte")
    month_to = django_filters.DateFilter(field_name="month", lookup_expr="lte")

    class Meta:
        model = Demand
        fields = ["project", "role", "person", "commitment", "month_from", "month_to"]


class DemandViewSet(VisibleMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    model = Demand
    serializer_class = DemandSerializer
    filterset_class = DemandFilter
    ordering_fields = ["month", "fte"]


def register(router) -> None:
    router.register("roles", RoleViewSet, basename="resourcerole")
    router.register("people", PersonViewSet, basename="person")
    router.register("demand", DemandViewSet, basename="demand")
