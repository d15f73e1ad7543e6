"""Organisation roles (Django groups) and the questions every permission rule asks about a user."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgRole(models.TextChoices):
    """A role in the organisation, held through the Django group of the same name."""

    PORTFOLIO_MANAGER = "portfolio_manager", _("Portfolio manager")
    PMO_OFFICER = "pmo_officer", _("PMO officer")
    COE_LEAD = "coe_lead", _("CoE lead")
    EXECUTIVE = "executive", _("Executive")
    MEMBER = "member", _("Team member")


#: Roles that see the whole portfolio (every programme and project).
ORG_WIDE_VIEWERS = frozenset(
    {OrgRole.PORTFOLIO_MANAGER, OrgRole.PMO_OFFICER, OrgRole.COE_LEAD, OrgRole.EXECUTIVE}
)


def roles_of(user) -> frozenset[str]:
    """The organisation roles of a user, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_pmo_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._pmo_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def sees_everything(user) -> bool:
    """True for administrators and for the roles that oversee the whole portfolio."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or bool(roles_of(user) & ORG_WIDE_VIEWERS)
    )
