"""REST API for the projects' document registers: read-only, without the files' content (download those on the
project's Documents tab)."""

from __future__ import annotations

from rest_framework import mixins, serializers, viewsets

from pmo.core.api import VisibleMixin

from .models import Document


class DocumentSerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "project",
            "project_code",
            "title",
            "kind",
            "revision",
            "owner",
            "status",
            "review_date",
            "link",
            "filename",
            "content_type",
            "size",
            "download_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_download_url(self, obj: Document) -> str | None:
        return obj.get_download_url() if obj.filename else None


class DocumentViewSet(
    VisibleMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The documents of the projects the user sees."""

    model = Document
    related = ("project",)
    serializer_class = DocumentSerializer
    filterset_fields = ["project", "status", "kind"]
    search_fields = ["title", "kind", "filename"]
    ordering_fields = ["title", "status", "updated_at", "review_date"]

    def get_queryset(self):
        return super().get_queryset().defer("content").order_by("project", "title", "pk")


def register(router) -> None:
    router.register("documents", DocumentViewSet, basename="document")
