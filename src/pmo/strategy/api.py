"""REST API for strategic objectives and project contributions."""

from __future__ import annotations

import django_filters
from rest_framework import serializers

from pmo.core.api import LinkViewSet, ServiceViewSet, VersionedSerializer, visible
from pmo.projects.models import Portfolio, Project

from . import services
from .models import ProjectObjective, StrategicObjective


class ObjectiveSerializer(VersionedSerializer):
    class Meta:
        model = StrategicObjective
        fields = [
            "id",
            "portfolio",
            "code",
            "title",
            "description",
            "parent",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []


class ObjectiveFilter(django_filters.FilterSet):
    portfolio = django_filters.ModelChoiceFilter(queryset=visible(Portfolio))
    parent = django_filters.ModelChoiceFilter(queryset=visible(StrategicObjective))

    class Meta:
        model = StrategicObjective
        fields = ["portfolio", "parent"]


class ProjectObjectiveFilter(django_filters.FilterSet):
    project = django_filters.ModelChoiceFilter(queryset=visible(Project))
    objective = django_filters.ModelChoiceFilter(queryset=visible(StrategicObjective))

    class Meta:
        model = ProjectObjective
        fields = ["project", "objective", "contribution"]


class ObjectiveViewSet(ServiceViewSet):
    model = StrategicObjective
    add_permission, change_permission = "strategy.add_objective", "strategy.change_objective"
    related = ("portfolio", "parent")
    serializer_class = ObjectiveSerializer
    create_service = staticmethod(services.create_objective)
    update_service = staticmethod(services.update_objective)
    relations = {"portfolio": Portfolio, "parent": StrategicObjective}
    filterset_class = ObjectiveFilter
    search_fields = ["code", "title", "description"]
    ordering_fields = ["code", "title"]


class ProjectObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectObjective
        fields = ["id", "project", "objective", "contribution", "created_at"]
        read_only_fields = ["created_at"]
        validators: list = []


class ProjectObjectiveViewSet(LinkViewSet):
    model = ProjectObjective
    related = ("project", "objective")
    relations = {"project": Project, "objective": StrategicObjective}
    serializer_class = ProjectObjectiveSerializer
    filterset_class = ProjectObjectiveFilter

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.link_project(
            data["project"],
            data["objective"],
            acting_user=self.request.user,
            contribution=data["contribution"],
        )

    def perform_destroy(self, instance):
        services.unlink_project(instance, acting_user=self.request.user)


def register(router) -> None:
    router.register("objectives", ObjectiveViewSet, basename="objective")
    router.register("project-objectives", ProjectObjectiveViewSet, basename="projectobjective")
