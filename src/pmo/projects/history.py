"""What else appears on a project's History tab: team changes here; other apps register theirs in `ready()`."""

from __future__ import annotations

from pmo.core.history import RelatedHistory

from .models import ProjectMembership

#: Keyed by what they show, so registering twice replaces rather than repeats.
PROJECT_RELATED_HISTORY: dict[str, RelatedHistory] = {
    "team": RelatedHistory(
        records=lambda project: ProjectMembership.history.filter(project_id=project.pk).select_related(
            "user"
        ),
        describe=lambda record: f"{record.user} — {record.get_role_display()}",
    )
}
