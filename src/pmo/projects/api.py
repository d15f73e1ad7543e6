"""REST API for portfolios, programmes, projects and teams; same visibility and services as the pages."""

from __future__ import annotations

import django_filters
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from pmo.core.api import LinkViewSet, ServiceViewSet, VersionedSerializer, visible

from . import services
from .lifecycle import Lifecycle, allowed_next
from .models import Portfolio, Programme, ProgrammeMembership, Project, ProjectMembership


class PortfolioSerializer(VersionedSerializer):
    class Meta:
        model = Portfolio
        fields = ["id", "name", "description", "owner", "version", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class ProgrammeSerializer(VersionedSerializer):
    class Meta:
        model = Programme
        fields = [
            "id", "portfolio", "code", "name", "description", "manager", "sponsor", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]


class ProjectSerializer(VersionedSerializer):
    lifecycle = serializers.ChoiceField(
        choices=Lifecycle.choices,
        required=False,
        help_text=_(
            "Changing it moves the project through its lifecycle; a forbidden step is refused with 400."
        ),
    )
    allowed_transitions = serializers.SerializerMethodField()
    unversioned_fields = frozenset({"lifecycle"})

    class Meta:
        model = Project
        fields = [
            "id", "code", "name", "description", "portfolio", "programme", "sponsor", "manager",
            "planned_start", "planned_finish", "budget", "lifecycle", "allowed_transitions", "version",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        # Uniqueness is checked by the service, in the transaction that saves.
        extra_kwargs = {"portfolio": {"required": False}, "code": {"validators": []}}

    def get_allowed_transitions(self, project: Project) -> list[str]:
        return list(allowed_next(project.lifecycle))


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Lifecycle.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)
    version = serializers.IntegerField(required=False)


class ProjectFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=visible(Programme))
    portfolio = django_filters.ModelChoiceFilter(queryset=visible(Portfolio))

    class Meta:
        model = Project
        fields = {
            "lifecycle": ["exact", "in"],
            "programme": ["isnull"],
            "manager": ["exact"],
            "sponsor": ["exact"],
            "planned_start": ["gte", "lte"],
            "planned_finish": ["gte", "lte"],
        }


class ProgrammeFilter(django_filters.FilterSet):
    portfolio = django_filters.ModelChoiceFilter(queryset=visible(Portfolio))

    class Meta:
        model = Programme
        fields = ["portfolio", "manager", "sponsor"]


class ProjectLinkFilter(django_filters.FilterSet):
    project = django_filters.ModelChoiceFilter(queryset=visible(Project))

    class Meta:
        model = ProjectMembership
        fields = ["project", "user", "role"]


class ProgrammeLinkFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=visible(Programme))

    class Meta:
        model = ProgrammeMembership
        fields = ["programme", "user", "role"]


class PortfolioViewSet(ServiceViewSet):
    model = Portfolio
    add_permission, change_permission = "projects.add_portfolio", "projects.change_portfolio"
    serializer_class = PortfolioSerializer
    create_service = staticmethod(services.create_portfolio)
    update_service = staticmethod(services.update_portfolio)
    search_fields = ["name", "description"]
    ordering_fields = ["name", "created_at"]


class ProgrammeViewSet(ServiceViewSet):
    model = Programme
    add_permission, change_permission = "projects.add_programme", "projects.change_programme"
    serializer_class = ProgrammeSerializer
    create_service = staticmethod(services.create_programme)
    update_service = staticmethod(services.update_programme)
    relations = {"portfolio": Portfolio}
    filterset_class = ProgrammeFilter
    search_fields = ["code", "name", "description"]
    ordering_fields = ["code", "name"]


class ProjectViewSet(ServiceViewSet):
    model = Project
    add_permission, change_permission = "projects.add_project", "projects.change_project"
    related = ("programme", "portfolio", "manager", "sponsor")
    serializer_class = ProjectSerializer
    relations = {"portfolio": Portfolio, "programme": Programme}
    filterset_class = ProjectFilter
    search_fields = ["code", "name", "description"]
    ordering_fields = ["code", "name", "planned_start", "planned_finish", "budget", "lifecycle"]

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        if data.pop("lifecycle", Lifecycle.PROPOSAL) != Lifecycle.PROPOSAL:
            raise serializers.ValidationError({"lifecycle": [_("A new project starts as a proposal.")]})
        serializer.instance = services.create_project(acting_user=self.request.user, **data)

    @transaction.atomic  # a change of details and of state succeed or fail together
    def perform_update(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        target = data.pop("lifecycle", None)
        project = serializer.instance
        if data:
            project = services.update_project(
                project, acting_user=self.request.user, expected_version=expected, **data
            )
            expected = None
        if target is not None and target != project.lifecycle:
            project = services.transition_project(
                project, acting_user=self.request.user, to=target, expected_version=expected
            )
        serializer.instance = project

    @extend_schema(request=TransitionSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the project to another lifecycle state (400 with the reason when the lifecycle forbids it)."""
        project = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        project = services.transition_project(
            project,
            acting_user=request.user,
            to=payload.validated_data["to"],
            reason=payload.validated_data.get("reason", ""),
            expected_version=payload.validated_data.get("version"),
        )
        return Response(ProjectSerializer(project, context=self.get_serializer_context()).data)


class ProjectMembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectMembership
        fields = ["id", "project", "user", "role", "created_at"]
        read_only_fields = ["created_at"]
        validators: list = []


class ProjectMembershipViewSet(LinkViewSet):
    model = ProjectMembership
    related = ("project", "user")
    relations = {"project": Project}
    serializer_class = ProjectMembershipSerializer
    filterset_class = ProjectLinkFilter
    ordering_fields = ["project", "role"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.add_project_member(
            data["project"], acting_user=self.request.user, user=data["user"], role=data["role"]
        )

    def perform_destroy(self, instance):
        services.remove_project_member(instance, acting_user=self.request.user)


class ProgrammeMembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeMembership
        fields = ["id", "programme", "user", "role", "created_at"]
        read_only_fields = ["created_at"]
        validators: list = []


class ProgrammeMembershipViewSet(LinkViewSet):
    model = ProgrammeMembership
    related = ("programme", "user")
    relations = {"programme": Programme}
    serializer_class = ProgrammeMembershipSerializer
    filterset_class = ProgrammeLinkFilter

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.add_programme_member(
            data["programme"], acting_user=self.request.user, user=data["user"], role=data["role"]
        )

    def perform_destroy(self, instance):
        services.remove_programme_member(instance, acting_user=self.request.user)


def register(router) -> None:
    router.register("portfolios", PortfolioViewSet, basename="portfolio")
    router.register("programmes", ProgrammeViewSet, basename="programme")
    router.register("projects", ProjectViewSet, basename="project")
    router.register("project-memberships", ProjectMembershipViewSet, basename="projectmembership")
    router.register("programme-memberships", ProgrammeMembershipViewSet, basename="programmemembership")
    # -- documents and templates --
    from .api_documents import register as register_documents

    register_documents(router)
