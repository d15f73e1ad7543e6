"""RAID log: logging, scale validation, escalation up the registers, heat map click-through, my actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pmo.core.services import ConflictError
from pmo.raid import services
from pmo.raid.models import Action, ActionStatus, Issue, Level, Risk

pytestmark = pytest.mark.django_db


def _risk(org, **fields):
    values = {"title": "Leverancier failliet", "probability": 4, "impact": 5, "owner": org.pm} | fields
    return services.log_item(Risk, acting_user=org.pm, project=org.project, **values)


def test_a_risk_is_scored_and_its_expected_value_uses_the_scale(org):
    risk = _risk(org, cost_impact=Decimal("200000"))
    assert risk.score == 20 and risk.band == "very_high" and risk.reference == f"R-{risk.pk}"
    assert risk.portfolio == org.project.portfolio and risk.programme == org.project.programme
    assert risk.expected_value({4: 60}) == Decimal("120000.00")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"probability": 6}, "probability", "less than or equal to 5"),
        ({"impact": 0}, "impact", "greater than or equal to 1"),
        ({"residual_probability": 2}, None, "residual probability and impact together"),
    ],
)
def test_a_probability_or_impact_off_the_scale_is_refused_naming_the_field(org, fields, field, message):
    with pytest.raises(ValidationError) as error:
        _risk(org, **fields)
    assert message in str(error.value)
    if field:
        assert field in error.value.message_dict
    assert not Risk.objects.exists()


def test_who_may_log_and_change(org):
    risk = _risk(org, owner=None)
    services.log_item(Issue, acting_user=org.member, project=org.project, title="Testomgeving ligt eruit")
    with pytest.raises(PermissionDenied):
        services.log_item(
            Risk, acting_user=org.outsider, project=org.project, title="x", probability=1, impact=1
        )
    with pytest.raises(PermissionDenied):
        services.log_item(
            Risk, acting_user=org.executive, project=org.project, title="x", probability=1, impact=1
        )
    with pytest.raises(PermissionDenied):
        services.update_item(risk, acting_user=org.member, title="Anders")
    services.update_item(risk, acting_user=org.pm, expected_version=risk.version, owner=org.member)
    risk.refresh_from_db()
    services.update_item(
        risk, acting_user=org.member, expected_version=risk.version, probability=2
    )  # the owner
    with pytest.raises(ConflictError):
        services.update_item(risk, acting_user=org.pm, expected_version=risk.version, impact=1)


def test_escalation_moves_up_the_registers_and_the_project_still_sees_it(org, client_for):
    risk = _risk(org)
    with pytest.raises(ValidationError, match="Say why"):
        services.escalate(risk, acting_user=org.pm, reason=" ")
    risk = services.escalate(risk, acting_user=org.pm, reason="Raakt alle projecten van het programma")
    assert risk.level == Level.PROGRAMME
    assert risk.history.first().history_change_reason.startswith("Escalated: Raakt")
    # the project manager no longer runs it; the programme office does
    with pytest.raises(PermissionDenied):
        services.escalate(risk, acting_user=org.pm, reason="nog hoger")
    risk = services.escalate(risk, acting_user=org.pmo_officer, reason="Portfoliobreed")
    assert risk.level == Level.PORTFOLIO
    with pytest.raises(ValidationError, match="already on the portfolio register"):
        services.escalate(risk, acting_user=org.portfolio_manager, reason="x")
    portfolio_register = client_for(org.portfolio_manager).get(reverse("raid:risk_list") + "?level=portfolio")
    assert risk.title in portfolio_register.content.decode()
    assert risk.title in client_for(org.member).get(risk.get_absolute_url()).content.decode()


def test_programme_register_lists_what_was_escalated_to_it(org, client_for):
    kept, moved = _risk(org, title="Blijft bij het project"), _risk(org, title="Naar het programma")
    services.escalate(moved, acting_user=org.pm, reason="Programmabreed")
    page = client_for(org.pmo_officer).get(reverse("raid:risk_list") + f"?programme={org.programme.pk}")
    html = page.content.decode()
    assert "Naar het programma" in html and kept.title not in html


def test_heat_map_counts_open_risks_and_each_cell_links_to_them(org, client_for):
    _risk(org, title="Vier vijf", probability=4, impact=5)
    _risk(org, title="Ook vier vijf", probability=4, impact=5)
    _risk(org, title="Twee twee", probability=2, impact=2)
    _risk(org, title="Gesloten", probability=4, impact=5, status="closed")
    client = client_for(org.member)
    tab = client.get(reverse("raid:project_raid", args=[org.project.pk]))
    assert tab.status_code == 200
    heat = tab.context["heat"]
    cell = heat["rows"][1]["cells"][4]  # rows run from probability 5 down; impact 5 is the last column
    assert (cell["count"], heat["total"]) == (2, 3)
    listed = client.get(cell["url"])
    titles = {r.title for r in listed.context["object_list"]}
    assert titles == {"Vier vijf", "Ook vier vijf"}


def test_my_actions_shows_open_actions_and_overdue_ones_stand_out(org, client_for):
    risk = _risk(org)
    late = services.log_item(
        Action, acting_user=org.pm, project=org.project, title="Tweede leverancier zoeken", owner=org.member,
        due=dt.date.today() - dt.timedelta(days=3), risk=risk,
    )  # fmt: skip
    services.log_item(Action, acting_user=org.pm, project=org.project, title="Later", owner=org.member)
    done = services.log_item(
        Action, acting_user=org.pm, project=org.project, title="Al klaar", owner=org.member, status="done"
    )
    assert done.completed_on == dt.date.today() and late.is_overdue
    page = client_for(org.member).get(reverse("raid:my_actions"))
    html = page.content.decode()
    assert "Tweede leverancier zoeken" in html and "Later" in html and "Al klaar" not in html
    assert "overdue" in html
    assert [
        a.title
        for a in client_for(org.member).get(reverse("raid:my_actions") + "?overdue=1").context["object_list"]
    ] == ["Tweede leverancier zoeken"]
    services.update_item(
        late, acting_user=org.member, expected_version=late.version, status=ActionStatus.DONE
    )
    assert not Action.objects.get(pk=late.pk).is_overdue


def test_an_action_must_point_at_a_risk_of_its_own_project(org):
    other = services.log_item(
        Risk, acting_user=org.admin, project=org.other_project, title="Elders", probability=1, impact=1
    )
    with pytest.raises(ValidationError, match="same project"):
        services.log_item(Action, acting_user=org.admin, project=org.project, title="x", risk=other)
    assert not Action.objects.exists()


def test_resolving_an_issue_needs_a_resolution(org):
    issue = services.log_item(Issue, acting_user=org.pm, project=org.project, title="Koppeling faalt")
    with pytest.raises(ValidationError, match="Describe the resolution"):
        services.update_item(issue, acting_user=org.pm, expected_version=issue.version, status="resolved")
    services.update_item(
        issue, acting_user=org.pm, expected_version=issue.version, status="resolved", resolution="Patch 2.1"
    )


def test_log_and_edit_through_the_forms(org, client_for):
    client = client_for(org.pm)
    response = client.post(
        reverse("raid:risk_create", args=[org.project.pk]),
        {
            "title": "Capaciteit architect",
            "probability": "3",
            "impact": "4",
            "status": "open",
            "owner": org.pm.pk,
        },
    )
    risk = Risk.objects.get()
    assert response.status_code == 302 and response["Location"] == risk.get_absolute_url()
    bad = client.post(
        risk.get_absolute_url(),
        {"version": risk.version, "title": "x", "probability": "9", "impact": "4", "status": "open"},
    )
    assert bad.status_code == 200 and "less than or equal to 5" in bad.content.decode()
    page = client_for(org.member).get(risk.get_absolute_url())  # read-only for a team member
    assert page.status_code == 200 and "disabled" in page.content.decode()
    assert client_for(org.member).post(risk.get_absolute_url(), {"title": "y"}).status_code == 403


def test_register_excel_export_imports_back_unchanged_and_formulas_stay_text(org, client_for):
    from pmo.interop.tables import read_table
    from pmo.raid.exchange import import_register

    risk = _risk(
        org, title='=HYPERLINK("http://evil")', cause="+cmd|' /C calc'!A0", cost_impact=Decimal("1000")
    )
    _risk(org, title="Tweede", probability=2, impact=2, category="technical")
    data = client_for(org.member).get(reverse("raid:risk_export") + f"?project={org.project.pk}").content
    table = read_table(data, "risks.xlsx")
    assert table.rows[0]["title"] == '=HYPERLINK("http://evil")'  # text, exactly as logged
    import io
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no cell is a formula
    before = list(Risk.objects.order_by("pk").values())
    result = import_register(org.project, Risk, data, "risks.xlsx", acting_user=org.pm)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert list(Risk.objects.order_by("pk").values()) == before
    assert Risk.objects.get(pk=risk.pk).history.count() == 1


def test_register_import_adds_and_updates_and_refuses_a_bad_row_whole(org):
    from pmo.raid.exchange import import_register

    risk = _risk(org, title="Bestaand")
    good = f"reference,title,probability,impact,status,owner\nR-{risk.pk},Bestaand,2,3,open,pm\n,Nieuw,1,5,Open,\n"
    result = import_register(org.project, Risk, good.encode(), "r.csv", acting_user=org.pm)
    assert (result.created, result.updated) == (1, 1)
    assert Risk.objects.get(pk=risk.pk).score == 6 and Risk.objects.count() == 2
    bad = "title,probability,impact,status\nA,3,3,open\nB,7,3,open\n"
    with pytest.raises(ValidationError, match=r"row 3: .*less than or equal to 5"):
        import_register(org.project, Risk, bad.encode(), "r.csv", acting_user=org.pm)
    unknown = "title,probability,impact,status,owner\nA,3,3,open,niemand\n"
    with pytest.raises(ValidationError, match="row 2, column 'owner': 'niemand' is not known here"):
        import_register(org.project, Risk, unknown.encode(), "r.csv", acting_user=org.pm)
    choice = "title,probability,impact,status\nA,3,3,misschien\n"
    with pytest.raises(
        ValidationError, match="row 2, column 'status': 'misschien' is not one of the choices"
    ):
        import_register(org.project, Risk, choice.encode(), "r.csv", acting_user=org.pm)
    assert Risk.objects.count() == 2  # nothing of the bad files


def test_assumptions_decisions_dependencies_and_change_requests(org, client_for):
    from pmo.raid.models import Assumption, ChangeRequest, Decision, Dependency

    services.log_item(
        Assumption, acting_user=org.pm, project=org.project, title="Leverancier levert API op tijd"
    )
    with pytest.raises(ValidationError, match="Give the date on which it was decided"):
        services.log_item(Decision, acting_user=org.pm, project=org.project, title="Go", status="decided")
    services.log_item(
        Decision, acting_user=org.pm, project=org.project, title="Go voor fase 2", status="decided",
        decided_on=dt.date(2026, 10, 1), decided_by="Stuurgroep",
    )  # fmt: skip
    change = services.log_item(
        ChangeRequest, acting_user=org.pm, project=org.project, title="Extra koppeling",
        cost_impact=Decimal("25000"), time_impact=15,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Record the decision"):
        services.update_item(change, acting_user=org.pm, expected_version=change.version, status="approved")
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        services.log_item(
            Dependency, acting_user=org.pm, project=org.project, title="x", depends_on=org.project
        )
    dependency = services.log_item(
        Dependency, acting_user=org.admin, project=org.other_project, title="Woningdata uit e-loket",
        depends_on=org.project, needed_by=dt.date(2027, 1, 15),
    )  # fmt: skip
    # the dependency of another project on P-1 shows on P-1's register, also for P-1's team member
    page = client_for(org.member).get(
        reverse("raid:item_list", args=["dependency"]) + f"?project={org.project.pk}"
    )
    assert [row[0] for row in page.context["rows"]] == [dependency]
    assert client_for(org.member).get(dependency.get_absolute_url()).status_code == 200
    tab = client_for(org.pm).get(reverse("raid:project_raid", args=[org.project.pk]))
    counts = {name: n for name, _label, n in tab.context["registers"]}
    assert counts == {"assumption": 1, "decision": 0, "dependency": 1, "changerequest": 1}
    listed = client_for(org.pm).get(
        reverse("raid:item_list", args=["changerequest"]) + f"?project={org.project.pk}"
    )
    assert "€\u00a025,000" in listed.content.decode()
    response = client_for(org.pm).post(
        reverse("raid:item_create", args=[org.project.pk, "assumption"]),
        {"title": "Budget 2027 blijft gelijk", "status": "open"},
    )
    assert response.status_code == 302 and Assumption.objects.count() == 2
    assert client_for(org.pm).get(reverse("raid:item_list", args=["nonsense"])).status_code == 404


def test_a_risk_that_delays_tasks_feeds_the_schedule_monte_carlo(org):
    from pmo.engine.schedule.montecarlo import simulate
    from pmo.schedule import services as schedule
    from pmo.schedule.risk import risk_model

    plan = schedule.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 3, 2))
    build = schedule.create_task(plan, acting_user=org.pm, name="Bouw", duration=20)
    other = services.log_item(
        Risk, acting_user=org.admin, project=org.other_project, title="Elders", probability=1, impact=1
    )
    with pytest.raises(ValidationError, match="this project's schedule"):
        services.update_item(
            other, acting_user=org.admin, tasks=[build], delay_low=10, delay_likely=20, delay_high=50
        )
    with pytest.raises(ValidationError, match="low ≤ most likely ≤ high"):
        _risk(org, delay_low=50, delay_likely=20, delay_high=60)
    _risk(
        org,
        title="Leverancier te laat",
        probability=5,
        tasks=[build],
        delay_low=50,
        delay_likely=50,
        delay_high=50,
    )
    model, _plan = risk_model(plan)
    assert model.drivers[0].name.endswith("Leverancier te laat")
    assert model.drivers[0].probability == 0.85 and model.drivers[0].impact == (1.5, 1.5, 1.5)
    result = simulate(model, iterations=4000, seed=2)
    assert result.probability_by(20) == pytest.approx(
        0.15, abs=0.03
    )  # on time only when the risk does not occur


def test_risk_trend_reads_the_history(org, client_for):
    from django.utils import timezone

    from pmo.raid.trend import risk_trend

    today = dt.date(2026, 11, 20)
    old = _risk(org, title="Oud", probability=5, impact=5)  # very high
    closed = _risk(org, title="Gesloten", probability=2, impact=2)  # low
    services.update_item(closed, acting_user=org.pm, status="closed")

    def at(risk, day):  # move the risk's history back in time, as if it had happened then
        for record, when in zip(risk.history.order_by("history_id"), day, strict=True):
            type(record).objects.filter(pk=record.pk).update(
                history_date=timezone.make_aware(dt.datetime.combine(when, dt.time(12)))
            )

    at(old, [dt.date(2026, 6, 10)])
    at(closed, [dt.date(2026, 8, 5), dt.date(2026, 10, 15)])
    rows = {r["date"]: r for r in risk_trend(Risk.objects.filter(project=org.project), months=6, today=today)}
    assert rows[dt.date(2026, 5, 31)]["total"] == 0
    assert (rows[dt.date(2026, 6, 30)]["very_high"], rows[dt.date(2026, 6, 30)]["total"]) == (1, 1)
    assert (rows[dt.date(2026, 8, 31)]["low"], rows[dt.date(2026, 8, 31)]["total"]) == (1, 2)
    assert rows[dt.date(2026, 10, 31)]["total"] == 1 and rows[today]["total"] == 1
    page = client_for(org.member).get(reverse("raid:project_raid", args=[org.project.pk]))
    assert (
        "Open risks over the last twelve months" in page.content.decode()
        and "band-very_high" in page.content.decode()
    )


def test_the_coe_keeps_the_scale_and_labels_follow_the_language(org, client_for):
    from django.utils import translation

    from pmo.raid.models import ScaleLevel, scale_labels

    level = ScaleLevel.objects.get(kind="probability", level=5)
    client = client_for(org.coe)
    data = {f"{level.pk}-label_en": "Almost certain", f"{level.pk}-label_nl": "Bijna zeker",
            f"{level.pk}-meaning": "more than 90%", f"{level.pk}-probability": "95", f"{level.pk}-version": level.version}  # fmt: skip
    assert client.post(reverse("raid:scale_update", args=[level.pk]), data).status_code == 302
    level.refresh_from_db()
    assert (level.label_en, level.probability) == ("Almost certain", 95)
    with translation.override("nl"):
        assert scale_labels()["probability"][5] == "Bijna zeker"
    bad = {**data, f"{level.pk}-probability": "150", f"{level.pk}-version": level.version}
    client.post(reverse("raid:scale_update", args=[level.pk]), bad)
    assert ScaleLevel.objects.get(pk=level.pk).probability == 95
    assert client_for(org.member).post(reverse("raid:scale_update", args=[level.pk]), data).status_code == 403
    assert "Almost certain" in client_for(org.member).get(reverse("raid:scale")).content.decode()
