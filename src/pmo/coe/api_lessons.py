"""REST API for the lessons-learned register: list and filter it, or search it (?q=, best match first)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets

from pmo.core.api import VisibleMixin
from pmo.projects.models import Project

from . import lessons
from .models import Lesson

SEARCH_LIMIT = 50


class LessonSerializer(serializers.ModelSerializer):
    tags = serializers.ListField(source="tag_list", child=serializers.CharField(), read_only=True)
    project = serializers.SerializerMethodField(
        help_text="The project it came from, if you may see that project."
    )

    class Meta:
        model = Lesson
        fields = [
            "id",
            "title",
            "what_happened",
            "cause",
            "recommendation",
            "category",
            "kind",
            "phase",
            "tags",
            "project",
            "recorded_on",
        ]
        read_only_fields = fields

    def get_project(self, obj: Lesson) -> int | None:
        if obj.project_id is None:
            return None
        if "visible_projects" not in self.context:
            user = self.context["request"].user
            self.context["visible_projects"] = set(
                Project.objects.visible_to(user).values_list("pk", flat=True)
            )
        return obj.project_id if obj.project_id in self.context["visible_projects"] else None


@extend_schema(
    parameters=[
        OpenApiParameter(
            "q", OpenApiTypes.STR, description="Search text: the best 50 matches, best first, unpaged order."
        )
    ]
)
class LessonViewSet(VisibleMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    model = Lesson
    related = ("project",)
    serializer_class = LessonSerializer
    filterset_fields = ["category", "kind", "project"]

    def get_queryset(self):
        return super().get_queryset().defer("search_terms")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        query = self.request.query_params.get("q", "").strip()[:300]
        if query and self.action == "list":
            return [found.lesson for found in lessons.search(query, lessons=queryset, limit=SEARCH_LIMIT)]
        return queryset


def register(router) -> None:
    router.register("lessons", LessonViewSet, basename="lesson")
