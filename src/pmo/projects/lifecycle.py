"""The project lifecycle: its states and which transitions are allowed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Lifecycle(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("Active")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")
    ON_HOLD = "on_hold", _("On hold")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")


TRANSITIONS: dict[str, tuple[str, ...]] = {
    Lifecycle.PROPOSAL: (Lifecycle.APPROVED, Lifecycle.REJECTED, Lifecycle.ON_HOLD, Lifecycle.CANCELLED),
    Lifecycle.APPROVED: (Lifecycle.ACTIVE, Lifecycle.ON_HOLD, Lifecycle.CANCELLED),
    Lifecycle.ACTIVE: (Lifecycle.CLOSING, Lifecycle.ON_HOLD, Lifecycle.CANCELLED),
    Lifecycle.CLOSING: (Lifecycle.CLOSED, Lifecycle.ACTIVE),
    Lifecycle.ON_HOLD: (Lifecycle.PROPOSAL, Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CANCELLED),
    Lifecycle.CLOSED: (),
    Lifecycle.CANCELLED: (),
    Lifecycle.REJECTED: (),
}

#: Portfolio decisions: only a portfolio manager takes them.
PORTFOLIO_DECISIONS = frozenset({Lifecycle.APPROVED, Lifecycle.REJECTED})

#: States that mean the portfolio has said yes to the project.
APPROVED_STATES = frozenset({Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING})

#: States in which a project still runs or may run.
OPEN_STATES = frozenset(
    {Lifecycle.PROPOSAL, Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING, Lifecycle.ON_HOLD}
)

#: The path a project normally follows, for the progress bar on its page.
MAIN_PATH = (Lifecycle.PROPOSAL, Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING, Lifecycle.CLOSED)

#: Colour class and icon per state: never colour alone.
BADGES = {
    Lifecycle.PROPOSAL: ("neutral", "◇"),
    Lifecycle.APPROVED: ("info", "✓"),
    Lifecycle.ACTIVE: ("ok", "▶"),
    Lifecycle.CLOSING: ("info", "◐"),
    Lifecycle.CLOSED: ("muted", "■"),
    Lifecycle.ON_HOLD: ("warn", "❚❚"),
    Lifecycle.CANCELLED: ("bad", "✕"),
    Lifecycle.REJECTED: ("bad", "✕"),
}


def allowed_next(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())
