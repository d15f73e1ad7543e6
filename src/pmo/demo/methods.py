"""Demo methods: Rivierstad's stage-gate method (in the style of PRINCE2, two versions) and its agile/hybrid one, and
where the running projects stand in them — some complete, some with a deliverable missing at their gate, one with a
waiver."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from pmo.coe import services
from pmo.coe.models import Method, Need
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project

MUST, MAY, NO = Need.MANDATORY, Need.OPTIONAL, Need.NONE

#: name, description, phases: (name, gate, checklist, deliverables: (name, small, medium, large))
STAGE_GATE = (
    "Rivierstad Projectaanpak",
    "De stage-gate-aanpak van de gemeente, naar PRINCE2: elk project start met een business case en gaat per fase "
    "langs de stuurgroep. Kleine projecten doen minder papier.",
    (
        ("Verkenning", "Go voor initiatie", "Is het probleem helder?\nIs er een opdrachtgever?",
         (("Projectvoorstel", MUST, MUST, MUST), ("Globale business case", MAY, MUST, MUST))),
        ("Initiatie", "Go voor uitvoering", "Is de business case sluitend?\nZijn budget en mensen vrijgemaakt?",
         (("Business case", MAY, MUST, MUST), ("Projectinitiatiedocument (PID)", MUST, MUST, MUST), ("Risicolog", MAY, MAY, MUST),
          ("Communicatieplan", NO, MAY, MUST))),
        ("Uitvoering", "Go voor overdracht", "Zijn de producten getest en geaccepteerd?",
         (("Voortgangsrapportages", MUST, MUST, MUST), ("Testrapport", MAY, MUST, MUST), ("Acceptatieverklaring", MUST, MUST, MUST))),
        ("Afsluiting", "Decharge", "Zijn de baten belegd bij de lijn?",
         (("Eindrapport", MUST, MUST, MUST), ("Lessons learned", MUST, MUST, MUST), ("Overdrachtsdocument beheer", MAY, MUST, MUST))),
    ),
)  # fmt: skip

AGILE = (
    "Rivierstad Agile",
    "Voor digitale producten: korte cycli, een product owner, en een go/no-go na elke stap naar live.",
    (
        ("Discovery", "Go voor alpha", "Is de gebruikersbehoefte onderzocht?",
         (("Onderzoek gebruikersbehoeften", MUST, MUST, MUST), ("Product vision", MAY, MUST, MUST))),
        ("Alpha", "Go voor beta", "Werkt het prototype voor echte gebruikers?",
         (("Prototype en testresultaten", MUST, MUST, MUST), ("Productbacklog", MUST, MUST, MUST))),
        ("Beta", "Go voor live", "Voldoet de dienst aan de toegankelijkheidseisen?",
         (("Toegankelijkheidsverklaring", MUST, MUST, MUST), ("Beveiligingstoets (BIO)", MAY, MUST, MUST))),
        ("Live", "Overdracht aan beheer", "",
         (("Beheerafspraken", MUST, MUST, MUST), ("Lessons learned", MUST, MUST, MUST))),
    ),
)  # fmt: skip


def _method(spec, admin):
    name, description, phases = spec
    method = services.create_method(acting_user=admin, name=name, description=description)
    version = method.versions.get()
    for phase_name, gate, checklist, deliverables in phases:
        phase = services.add_phase(
            version, acting_user=admin, name=phase_name, gate=gate, checklist=checklist
        )
        for deliverable, small, medium, large in deliverables:
            services.add_deliverable_type(
                phase, acting_user=admin, name=deliverable, small=small, medium=medium, large=large
            )
    services.publish_version(version, acting_user=admin, notes="Eerste versie, vastgesteld door het MT.")
    return method


def load_methods(admin) -> int:
    """Create the demo methods and put the running projects on them, unless that was done; returns how many
    methods were created."""
    if Method.objects.exists():
        return 0
    stage_gate, agile = _method(STAGE_GATE, admin), _method(AGILE, admin)
    first = stage_gate.current
    # version 2 sharpens the closing phase: the benefits handover becomes mandatory for every size
    draft = services.new_version(stage_gate, acting_user=admin)
    closing = draft.phases.get(name="Afsluiting")
    services.add_deliverable_type(
        closing, acting_user=admin, name="Batenoverdracht", small=MUST, medium=MUST, large=MUST
    )
    services.publish_version(draft, acting_user=admin, notes="Batenoverdracht verplicht bij afsluiting.")
    coe = get_user_model().objects.filter(username="coe").first() or admin
    running = Project.objects.filter(lifecycle__in=(Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING))
    for n, project in enumerate(running.select_related("programme").order_by("code")):
        digital = project.programme is not None and project.programme.code == "PRG-DD"
        version = agile.current if digital else (first if n % 3 else stage_gate.current)
        size = ("small", "medium", "large")[min(2, int(project.budget) // 600_000)]
        services.follow_method(project, version, size=size, acting_user=admin)
        _progress(project, n, admin, coe)
    return 2


def _progress(project: Project, n: int, admin, coe) -> None:
    """Deliverables and gates so far: active projects are in their third phase, approved ones in their first;
    every fourth project still misses a mandatory deliverable at its gate, every seventh has a waiver."""
    from pmo.coe import compliance
    from pmo.coe.models import ProjectMethod

    target = {Lifecycle.APPROVED: 0, Lifecycle.ACTIVE: 2, Lifecycle.CLOSING: 3}[project.lifecycle]
    for step in range(target + 1):
        method = ProjectMethod.objects.select_related("phase", "method_version").get(project=project)
        rows = [r for r in compliance.rows_for(method) if r.phase.pk == method.phase_id]
        for k, row in enumerate(rows):
            last = step == target
            if last and n % 4 == 0 and row.mandatory and k == 0:
                continue  # missing at the gate ahead
            if last and n % 7 == 3 and row.mandatory:
                services.grant_waiver(
                    project, row.type, acting_user=coe, reason="Bestaand document van de lijn"
                )
                continue
            status = "draft" if last and not row.mandatory else "approved"
            services.update_deliverable(
                project,
                row.type,
                acting_user=admin,
                status=status,
                link=f"https://intranet.rivierstad.nl/{project.code}",
            )
        if step < target:
            services.decide_gate(project, acting_user=admin, decision="go", notes="Stuurgroep akkoord")
