"""REST API for projects' place in their method: read it, and record a gate decision (refused, with the reason,
while a mandatory deliverable is missing and not waived)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from pmo.core.api import VisibleMixin

from . import compliance, services
from .models import Decision, GateDecision, ProjectMethod


class ProjectMethodSerializer(serializers.ModelSerializer):
    method = serializers.CharField(source="method_version.method.name", read_only=True)
    version_number = serializers.IntegerField(source="method_version.number", read_only=True)
    phase_name = serializers.CharField(source="phase.name", read_only=True)
    gate = serializers.CharField(source="phase.gate", read_only=True)
    compliance = serializers.SerializerMethodField()

    class Meta:
        model = ProjectMethod
        fields = [
            "id",
            "project",
            "method",
            "method_version",
            "version_number",
            "size",
            "phase",
            "phase_name",
            "gate",
            "finished",
            "compliance",
        ]
        read_only_fields = fields

    def get_compliance(self, obj: ProjectMethod) -> float | None:
        return compliance.score(compliance.rows_for(obj))


class GateDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = GateDecision
        fields = ["id", "project", "phase", "decision", "notes", "conditions", "decided_by", "created_at"]
        read_only_fields = ["id", "project", "phase", "decided_by", "created_at"]


class GateRequestSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")


class ProjectMethodViewSet(
    VisibleMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model = ProjectMethod
    related = ("project", "method_version__method", "phase")
    serializer_class = ProjectMethodSerializer
    filterset_fields = ["project", "finished"]

    @extend_schema(request=GateRequestSerializer, responses=GateDecisionSerializer)
    @action(detail=True, methods=["post"])
    def gate(self, request, pk=None):
        """Record the decision at the project's current gate; a go moves it to the next phase."""
        method = self.get_object()
        payload = GateRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        record = services.decide_gate(method.project, acting_user=request.user, **payload.validated_data)
        return Response(GateDecisionSerializer(record).data, status=201)


def register(router) -> None:
    router.register("project-methods", ProjectMethodViewSet, basename="projectmethod")
