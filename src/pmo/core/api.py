"""The API's shared base: a viewset that applies visibility and writes through the services."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import mixins, parsers, serializers, viewsets
from rest_framework.exceptions import ParseError, PermissionDenied


class VersionedSerializer(serializers.ModelSerializer):
    """Sends `version`; a change must send back the version it was based on, and is refused (409) when the object
    changed meanwhile — never a silent overwrite."""

    version = serializers.IntegerField(
        required=False,
        help_text=_(
            "Version the change is based on: required when changing; a stale one is refused with 409."
        ),
    )
    #: fields whose change needs no version (they carry their own rules, like the lifecycle state)
    unversioned_fields: ClassVar[frozenset[str]] = frozenset()

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        if self.instance is not None and "version" not in attrs and set(attrs) - self.unversioned_fields:
            raise serializers.ValidationError(
                {
                    "version": [
                        _(
                            "Send the version you based this change on, so no one else's change is overwritten."
                        )
                    ]
                }
            )
        return attrs

    def create(
        self, validated_data: dict
    ) -> Any:  # pragma: no cover - writes go through the viewset's services
        raise NotImplementedError

    def update(self, instance: Any, validated_data: dict) -> Any:  # pragma: no cover
        raise NotImplementedError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, but a body nested too deeply to parse (``[[[[…]]]]``) is a 400, not a server error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the body is nested too deeply.")) from None


#: the error answers every API operation can give, as the exception handler writes them
_ERROR = {
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {"type": "string"}},
    ],
    "description": "`detail` with the reason, the refused fields each with their messages, or a list of messages.",
}
_ERRORS = {
    "400": "The input is refused (a field, a filter or a query parameter), with the reasons.",
    "401": "Not authenticated: send a token or log in.",
    "403": "Not allowed for this user.",
    "404": "Not found, or not visible to this user; also an invalid page number.",
}
_WRITE_ERRORS = {
    "409": "The object changed meanwhile: `current_version` tells the version to base the change on.",
    "415": "The body's content type is not JSON, form data or multipart.",
}


class DocumentedErrorsSchema(AutoSchema):
    """The generated operations, with the error answers documented too (4xx), so clients and contract tests know
    every status code the API can give."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(_ERRORS)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            errors.update(_WRITE_ERRORS)
        for code, description in errors.items():
            responses.setdefault(
                code, {"content": {"application/json": {"schema": _ERROR}}, "description": description}
            )
        return responses


def visible(model: type[models.Model]):
    """A queryset callable for filters and related fields: only what the requesting user sees."""

    def queryset(request):
        return model.objects.visible_to(request.user) if request is not None else model.objects.none()

    return queryset


class VisibleMixin:
    """Lists and reads only `model.objects.visible_to(user)`; offers each related field in `relations` only among
    the objects the user sees: an invisible object does not exist for them (400, as for a wrong id)."""

    model: ClassVar[type[models.Model]]
    parser_classes = (JSONParser, parsers.FormParser, parsers.MultiPartParser)
    schema = DocumentedErrorsSchema()
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


class ServiceViewSet(
    VisibleMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Lists and reads what `Model.objects.visible_to(user)` allows; writes call the app's services.

    Subclasses name `model`, the services `create_service(acting_user=, **data)` and
    `update_service(instance, acting_user=, expected_version=, **data)`, `related` for select_related and
    `relations` for the related fields.
    """

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    #: checked before the input is validated, so a user without the right learns nothing from the answer
    add_permission: ClassVar[str]
    change_permission: ClassVar[str]

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm(self.add_permission):
            raise PermissionDenied()
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        if not request.user.has_perm(self.change_permission, self.get_object()):
            raise PermissionDenied()
        return super().update(request, *args, **kwargs)

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
    VisibleMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A link between two objects (a team membership, a contribution): listed, read, added and removed."""
