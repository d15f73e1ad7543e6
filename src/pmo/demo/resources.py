"""Demo resources: eight roles, thirty people (some joining or leaving, all with summer and Christmas leave,
line work deducted) and a resource plan for every project that still counts — tentative for proposals — with
developers and architects asked for more than there are, as in most municipalities."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from pmo.engine.capacity import Demand as EngineDemand
from pmo.engine.capacity import add_months, load, months_from
from pmo.projects.models import Project, ProjectRole
from pmo.resources import services
from pmo.resources.adapters import COUNTING, portfolio_load
from pmo.resources.models import Demand, Person, ResourceRole

#: (role, description, run-the-business share of its people)
ROLES = [
    ("Projectleider", "Leidt projecten volgens de projectmethode.", "0.10"),
    ("Informatiearchitect", "Ontwerpt de informatievoorziening en bewaakt de architectuurprincipes.", "0.20"),
    ("Ontwikkelaar", "Bouwt en koppelt applicaties en formulieren.", "0.15"),
    ("Functioneel beheerder", "Beheert applicaties en vertaalt wensen van gebruikers.", "0.50"),
    ("Data-analist", "Ontsluit en analyseert gegevens voor beleid en sturing.", "0.20"),
    ("Beleidsadviseur", "Schrijft beleid en adviseert het bestuur.", "0.30"),
    ("Communicatieadviseur", "Zorgt voor communicatie met inwoners en medewerkers.", "0.25"),
    ("Tester", "Test functioneel en op toegankelijkheid.", "0.10"),
]

#: (name, username or None, role, team, FTE, joins, leaves)
PEOPLE = [
    ("Yasmina El Amrani", "pm", "Projectleider", "Projectenpool", "1.0", None, None),
    ("Bram de Vries", "b.devries", "Projectleider", "Projectenpool", "1.0", None, None),
    ("Bas Vos", "b.vos", "Projectleider", "Projectenpool", "0.9", None, None),
    ("Ruud Smit", "r.smit", "Projectleider", "Projectenpool", "1.0", None, None),
    ("Sanne Dekker", "s.dekker", "Projectleider", "Projectenpool", "0.8", None, None),
    ("Erik Schouten", "e.schouten", "Projectleider", "Projectenpool", "1.0", None, None),
    ("Thomas Willems", "t.willems", "Informatiearchitect", "Architectuur", "1.0", None, None),
    ("Mila Bakker", None, "Informatiearchitect", "Architectuur", "0.8", None, None),
    ("Joris Hendriks", None, "Ontwikkelaar", "Digitale Dienstverlening", "1.0", None, None),
    ("Samira Benali", None, "Ontwikkelaar", "Digitale Dienstverlening", "1.0", None, None),
    ("Pieter Kramer", None, "Ontwikkelaar", "Digitale Dienstverlening", "0.8", None, None),
    ("Lisa van Dam", None, "Ontwikkelaar", "Digitale Dienstverlening", "1.0", None, "+7"),
    ("Kevin Tan", None, "Ontwikkelaar", "Digitale Dienstverlening", "1.0", "+4", None),
    ("Marloes Vink", None, "Functioneel beheerder", "Applicatiebeheer", "1.0", None, None),
    ("Ahmed Ouali", None, "Functioneel beheerder", "Applicatiebeheer", "1.0", None, None),
    ("Wendy Smits", None, "Functioneel beheerder", "Applicatiebeheer", "0.6", None, None),
    ("Roos Maas", "r.maas", "Data-analist", "Informatievoorziening", "1.0", None, None),
    ("Tobias Verhoeven", None, "Data-analist", "Informatievoorziening", "0.9", None, None),
    ("Daan Jansen", "member", "Beleidsadviseur", "Ruimte", "1.0", None, None),
    ("Mohamed Bouzid", "m.bouzid", "Beleidsadviseur", "Ruimte", "1.0", None, None),
    ("Aylin Demir", "a.demir", "Beleidsadviseur", "Ruimte", "0.8", None, None),
    ("Noor Hoekstra", "n.hoekstra", "Beleidsadviseur", "Sociaal Domein", "0.9", None, None),
    ("Hatice Aydin", "h.aydin", "Beleidsadviseur", "Sociaal Domein", "1.0", None, None),
    ("Jeroen Kuipers", "j.kuipers", "Beleidsadviseur", "Veiligheid", "1.0", None, None),
    ("Eva Dijkstra", "e.dijkstra", "Communicatieadviseur", "Communicatie", "0.9", None, None),
    ("Bart Jongman", None, "Communicatieadviseur", "Communicatie", "1.0", None, None),
    ("Femke Koster", "f.koster", "Functioneel beheerder", "Publiekszaken", "0.8", None, None),
    ("Iris Mulder", None, "Tester", "Kwaliteit", "1.0", None, None),
    ("Vincent Groen", None, "Tester", "Kwaliteit", "0.8", None, "+10"),
    ("Lieke de Graaf", None, "Tester", "Kwaliteit", "1.0", "+2", None),
]

#: What a project typically asks besides its project manager: (role, FTE range), two to four of them.
NEEDS = [
    ("Informatiearchitect", (0.2, 0.5)),
    ("Ontwikkelaar", (0.6, 1.6)),
    ("Functioneel beheerder", (0.2, 0.5)),
    ("Data-analist", (0.2, 0.6)),
    ("Beleidsadviseur", (0.3, 0.8)),
    ("Communicatieadviseur", (0.1, 0.3)),
    ("Tester", (0.3, 0.8)),
]


def _leave(rng: random.Random, years: list[int]) -> list[tuple[dt.date, dt.date, str]]:
    out = []
    for year in years:
        summer = dt.date(year, 7, 1) + dt.timedelta(days=rng.randrange(0, 42))
        out.append((summer, summer + dt.timedelta(days=rng.choice([13, 20, 20, 27])), "Zomervakantie"))
        out.append((dt.date(year, 12, 24), dt.date(year, 12, 31), "Kerstvakantie"))
        if rng.random() < 0.5:
            spring = dt.date(year, 2, 15) + dt.timedelta(days=rng.randrange(0, 70))
            out.append((spring, spring + dt.timedelta(days=4), "Vrije week"))
    return out


def load_resources(admin, today: dt.date | None = None) -> int:
    """Create what is missing; returns the number of demand months created."""
    today = today or dt.date.today()
    roles = {r.name: r for r in ResourceRole.objects.all()}
    for name, description, _share in ROLES:
        if name not in roles:
            roles[name] = services.create_role(acting_user=admin, name=name, description=description)
    share = {name: Decimal(s) for name, _d, s in ROLES}
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=[p[1] for p in PEOPLE if p[1]])
    }
    people = {p.name: p for p in Person.objects.all()}
    for name, username, role, team, fte, joins, leaves in PEOPLE:
        if name in people:
            continue
        person = services.create_person(
            acting_user=admin,
            name=name,
            user=users.get(username),
            role=roles[role],
            team=team,
            fte=Decimal(fte),
            run_the_business=share[role],
            start_date=add_months(today, int(joins)) if joins else None,
            end_date=add_months(today, int(leaves)) if leaves else None,
        )
        rng = random.Random(name)
        for start, end, description in _leave(rng, [today.year, today.year + 1]):
            services.add_leave(person, acting_user=admin, start=start, end=end, description=description)
        people[name] = person
    return _load_demand(roles, people, today, admin)


#: Demand as a share of capacity the demo aims at per role: most have room, two are the bottleneck.
TARGET = {"Ontwikkelaar": 1.1, "Informatiearchitect": 1.05, "Projectleider": 0.85}


def _plans(project: Project, roles: dict, managers: dict, staff: dict, first: dt.date) -> list[tuple]:
    """(role, person, raw FTE, first day, last day) for one project: the project manager and team members by name,
    about half of the other roles by name too."""
    rng = random.Random(project.code + "resources")
    last = project.planned_finish
    plans = [
        (
            roles["Projectleider"],
            managers.get(project.manager_id),
            rng.choice([0.4, 0.5, 0.6, 0.8]),
            first,
            last,
        )
    ]
    for membership in project.memberships.filter(role=ProjectRole.TEAM_MEMBER).order_by("user_id"):
        member = managers.get(membership.user_id)  # a team member with an entry in People works on it by name
        if member is not None and member.role.name != "Projectleider":
            plans.append((member.role, member, rng.choice([0.2, 0.3, 0.4]), first, last))
    span = (last - first).days
    for role, (low, high) in rng.sample(NEEDS, rng.randint(2, 4)):
        start = first + dt.timedelta(days=rng.randrange(0, max(1, span // 3)))
        end = last - dt.timedelta(days=rng.randrange(0, max(1, span // 4)))
        person = rng.choice(staff[role]) if rng.random() < 0.5 else None
        plans.append((roles[role], person, rng.uniform(low, high), start, max(start, end)))
    return plans


def _load_demand(roles: dict, people: dict, today: dt.date, admin) -> int:
    """Every counting project's plan, scaled per role so that the coming year's demand is the `TARGET` share of
    the role's capacity (0.7 where not named)."""
    managers = {p.user_id: p for p in people.values() if p.user_id}
    staff: dict[str, list[Person]] = {}
    for person in sorted(people.values(), key=lambda p: p.name):
        staff.setdefault(person.role.name, []).append(person)
    projects = Project.objects.filter(
        lifecycle__in=COUNTING, planned_start__isnull=False, planned_finish__isnull=False
    )
    projects = [p for p in projects.order_by("code") if not Demand.objects.filter(project=p).exists()]
    window = months_from(today, 12)
    plans = []
    for project in projects:
        first = max(project.planned_start, today.replace(day=1) - dt.timedelta(days=90))
        if first <= project.planned_finish:
            plans += [(project, *plan) for plan in _plans(project, roles, managers, staff, first)]
    asked = load(
        [],
        [
            EngineDemand(project.pk, role.pk, month, fte)
            for project, role, _person, fte, start, end in plans
            for month in services.months_between(start, end)
        ],
        window,
        per="role",
    )
    capacity = portfolio_load(window)
    scale = {}
    for role in roles.values():
        have = _row_mean(capacity.rows, capacity.capacity, role.pk)
        need = _row_mean(asked.rows, asked.demand(), role.pk)
        scale[role.pk] = TARGET.get(role.name, 0.7) * have / need if need else 1.0
    before = Demand.objects.count()  # a plan may set months another plan of the project set already
    for project, role, person, fte, start, end in plans:
        amount = Decimal(str(max(0.1, round(fte * scale[role.pk], 1))))
        services.set_demand(
            project, acting_user=admin, role=role, person=person, first=start, last=end, amount=amount
        )
    return Demand.objects.count() - before


def _row_mean(rows: tuple[int, ...], values, role: int) -> float:
    return float(values[rows.index(role)].mean()) if role in rows else 0.0


#: The work packages of the housing project WR-02 draw on three crews; levelling makes them take turns.
CREWS = {
    "voorbereiding": ("Ontwerpteam", "3"),
    "uitvoering": ("Uitvoeringsploegen", "4"),
    "oplevering": ("Toezicht", "2"),
}


def load_levelled_plan(admin, code: str = "WR-02") -> int:
    """Give one demo plan resources and assignments and level it, so its Gantt shows tasks waiting for crews.
    Returns the number of assignments made."""
    from pmo.schedule import services as schedule_services
    from pmo.schedule.models import Schedule

    schedule = Schedule.objects.filter(project__code=code).first()
    if schedule is None or schedule.resources.exists():
        return 0
    crews = {
        phase: schedule_services.add_resource(
            schedule, acting_user=admin, name=name, max_units=Decimal(units)
        )
        for phase, (name, units) in CREWS.items()
    }
    made = 0
    for task in schedule.tasks.filter(is_summary=False).order_by("position"):
        phase = next((p for p in CREWS if p in task.name.lower()), None)
        if phase is not None:
            schedule_services.assign(task, crews[phase], acting_user=admin, units=Decimal(1))
            made += 1
    schedule_services.level_schedule(schedule, acting_user=admin)
    return made
