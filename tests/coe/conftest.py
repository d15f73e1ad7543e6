"""A published two-phase method and the org's project following it as a medium-sized project."""

from __future__ import annotations

import pytest

from pmo.coe import services
from pmo.coe.models import Need


@pytest.fixture
def method(org):
    """“Fasering” v1: Initiatie (business case mandatory for medium and large, risk log optional) → Uitvoering
    (test report mandatory for everyone)."""
    created = services.create_method(acting_user=org.admin, name="Fasering", description="Stage-gate")
    draft = created.versions.get()
    start = services.add_phase(draft, acting_user=org.admin, name="Initiatie", gate="Go voor uitvoering",
                               checklist="Is de business case sluitend?\nZijn de risico's bekend?")  # fmt: skip
    build = services.add_phase(draft, acting_user=org.admin, name="Uitvoering", gate="Decharge")
    services.add_deliverable_type(start, acting_user=org.admin, name="Business case", small=Need.OPTIONAL,
                                  medium=Need.MANDATORY, large=Need.MANDATORY)  # fmt: skip
    services.add_deliverable_type(start, acting_user=org.admin, name="Risicolog", small=Need.NONE,
                                  medium=Need.OPTIONAL, large=Need.MANDATORY)  # fmt: skip
    services.add_deliverable_type(build, acting_user=org.admin, name="Testrapport")
    return services.publish_version(draft, acting_user=org.admin)


@pytest.fixture
def following(org, method):
    return services.follow_method(org.project, method, size="medium", acting_user=org.pm)
