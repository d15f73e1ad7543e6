"""The API's shared base: a viewset that applies visibility and writes through the services."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from rest_framework import mixins, serializers, viewsets


class VersionedSerializer(serializers.ModelSerializer):
    """Sends `version`; an update may send it back to be refused (409) when the object changed meanwhile."""

    version = serializers.IntegerField(
        required=False, help_text="Version the change is based on; a stale one is refused with 409."
    )

    def create(
        self, validated_data: dict
    ) -> Any:  # pragma: no cover - writes go through the viewset's services
        raise NotImplementedError

    def update(self, instance: Any, validated_data: dict) -> Any:  # pragma: no cover
        raise NotImplementedError


class ServiceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Lists and reads what `Model.objects.visible_to(user)` allows; writes call the app's services.

    Subclasses name `model`, the services `create_service(acting_user=, **data)` and
    `update_service(instance, acting_user=, expected_version=, **data)`, and `related` for select_related.
    """

    model: ClassVar[type[models.Model]]
    related: ClassVar[tuple[str, ...]] = ()
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> models.QuerySet:
        return self.model.objects.visible_to(self.request.user).select_related(*self.related)

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = type(self).create_service(acting_user=self.request.user, **data)

    def perform_update(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        serializer.instance = type(self).update_service(
            serializer.instance, acting_user=self.request.user, expected_version=expected, **data
        )


class LinkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A link between two objects (a team membership, a contribution): listed, read, added and removed.

    `model` gives visibility; `relations` names the serializer's related fields, each offered only among the
    objects the user sees (an invisible project does not exist for them: 400, not a leak).
    """

    model: ClassVar[type[models.Model]]
    related: ClassVar[tuple[str, ...]] = ()
    relations: ClassVar[dict[str, type[models.Model]]] = {}

    def get_queryset(self) -> models.QuerySet:
        return self.model.objects.visible_to(self.request.user).select_related(*self.related)

    def get_serializer(self, *args: Any, **kwargs: Any) -> serializers.Serializer:
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", {})
        for name, related_model in self.relations.items():
            if name in fields:
                fields[name].queryset = related_model.objects.visible_to(self.request.user)
        return serializer
