"""Benefits management: profiles, the benefit map's rules, plans and measurements, checks and the roll-up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pmo.engine.capacity import add_months
from pmo.projects import services as project_services
from pmo.strategy import benefits, services
from pmo.strategy.forms import PlanForm, parse_number
from pmo.strategy.models import Benefit, BenefitLink, BenefitValue, ChangeKind, ValueKind

pytestmark = pytest.mark.django_db

THIS_MONTH = timezone.localdate().replace(day=1)


def _benefit(org, code="B1", **fields):
    defaults = {
        "title": "Lagere kosten telefonie",
        "kind": "cashable",
        "owner": org.portfolio_manager,
        "measure": "Besparing per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 100,
    }
    return services.create_benefit(
        acting_user=org.admin, portfolio=org.portfolio, code=code, **{**defaults, **fields}
    )


def _change(org, code="W1", kind=ChangeKind.BUSINESS):
    return services.create_change(
        acting_user=org.admin, portfolio=org.portfolio, code=code, title=f"Verandering {code}", kind=kind
    )


def test_map_accepts_only_the_arrows_of_a_benefits_dependency_network(org):
    benefit, business = _benefit(org), _change(org)
    enabling = _change(org, "W2", ChangeKind.ENABLING)
    for source, target in [
        (org.project, enabling),
        (enabling, business),
        (business, benefit),
        (org.other_project, benefit),
        (benefit, org.objective),
    ]:
        services.link_benefit_map(source, target, acting_user=org.admin)
    assert BenefitLink.objects.count() == 5
    assert BenefitLink.history.count() == 5  # every arrow in the audit trail
    with pytest.raises(ValidationError, match="goes from a project to a change or benefit"):
        services.link_benefit_map(org.project, org.objective, acting_user=org.admin)
    with pytest.raises(ValidationError, match="is a business change"):
        services.link_benefit_map(business, _change(org, "W3", ChangeKind.ENABLING), acting_user=org.admin)
    with pytest.raises(ValidationError, match="already linked"):
        services.link_benefit_map(business, benefit, acting_user=org.admin)
    with pytest.raises(ValidationError, match="Only projects, changes"):
        services.link_benefit_map(org.programme, benefit, acting_user=org.admin)


def test_a_chain_of_enabling_changes_cannot_loop(org):
    a, b, c = (_change(org, code, ChangeKind.ENABLING) for code in ("W1", "W2", "W3"))
    services.link_benefit_map(a, b, acting_user=org.admin)
    services.link_benefit_map(b, c, acting_user=org.admin)
    with pytest.raises(ValidationError, match="would make a loop"):
        services.link_benefit_map(c, a, acting_user=org.admin)
    with pytest.raises(ValidationError, match="cannot lead to itself"):
        services.link_benefit_map(a, a, acting_user=org.admin)
    with pytest.raises(ValidationError, match="stays an enabling change"):
        services.update_change(a, acting_user=org.admin, kind=ChangeKind.BUSINESS)


def test_links_stay_within_one_portfolio(org):
    other = project_services.create_portfolio(acting_user=org.admin, name="Ander portfolio")
    foreign = services.create_benefit(acting_user=org.admin, portfolio=other, code="X1", title="Elders")
    with pytest.raises(ValidationError, match="belong to different portfolios"):
        services.link_benefit_map(org.project, foreign, acting_user=org.admin)
    benefit = _benefit(org)
    services.link_benefit_map(benefit, org.objective, acting_user=org.admin)
    with pytest.raises(ValidationError, match="remove its links first"):
        services.update_benefit(benefit, acting_user=org.admin, portfolio=other)


def test_who_may_change_benefits_and_the_map(org):
    with pytest.raises(PermissionDenied):
        services.create_benefit(acting_user=org.pm, portfolio=org.portfolio, code="B9", title="Niet van mij")
    benefit = _benefit(org, owner=org.member)
    # a project manager says what their own project delivers, not what another project does
    services.link_benefit_map(org.project, benefit, acting_user=org.pm)
    with pytest.raises(PermissionDenied):
        services.link_benefit_map(org.other_project, benefit, acting_user=org.pm)
    with pytest.raises(PermissionDenied):
        services.link_benefit_map(benefit, org.objective, acting_user=org.pm)
    # the owner records measurements; someone else on the team does not
    services.record_measurement(benefit, period=THIS_MONTH, value=5, acting_user=org.member)
    with pytest.raises(PermissionDenied):
        services.record_measurement(benefit, period=THIS_MONTH, value=6, acting_user=org.pm)


def test_measurements_are_for_months_that_have_begun_and_replace_each_other(org):
    benefit = _benefit(org)
    next_month = add_months(THIS_MONTH, 1)
    with pytest.raises(ValidationError, match="has not begun"):
        services.record_measurement(benefit, period=next_month, value=1, acting_user=org.admin)
    last_month = add_months(THIS_MONTH, -1)
    services.record_measurement(benefit, period=last_month, value=10, acting_user=org.admin)
    row = services.record_measurement(
        benefit, period=last_month, value=12, note="herteld", acting_user=org.admin
    )
    assert list(benefit.values.values_list("kind", "period", "value")) == [(ValueKind.ACTUAL, last_month, 12)]
    assert row.history.count() == 2
    services.remove_measurement(row, acting_user=org.admin)
    assert not benefit.values.exists()


def test_plan_is_replaced_as_a_whole_and_recorded_in_the_benefit_history(org):
    benefit = _benefit(org)
    m = [dt.date(2027, k, 1) for k in (1, 2, 3)]
    benefit = services.set_benefit_plan(benefit, {m[0]: 10, m[1]: 20}, acting_user=org.admin)
    benefit = services.set_benefit_plan(
        benefit, {m[1]: 25, m[2]: 30}, acting_user=org.admin, expected_version=benefit.version
    )
    planned = dict(benefit.values.filter(kind=ValueKind.PLANNED).values_list("period", "value"))
    assert planned == {m[1]: 25, m[2]: 30}
    assert benefit.history.first().history_change_reason == "Plan: 2 months, 02/2027 – 03/2027"
    from pmo.core.services import ConflictError

    with pytest.raises(ConflictError):
        services.set_benefit_plan(benefit, {}, acting_user=org.admin, expected_version=benefit.version - 1)


def test_plan_form_reads_pasted_lines_and_names_the_bad_ones():
    form = PlanForm({"version": 1, "plan": "2027-01\t1.234,5\n03/2027;2000\n\n2027-02 1,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["plan"] == {
        dt.date(2027, 1, 1): 1234.5,
        dt.date(2027, 3, 1): 2000,
        dt.date(2027, 2, 1): 1.5,
    }
    form = PlanForm({"version": 1, "plan": "2027-13 5\njanuari 3\n2027-01 veel\n2027-02 1\n2027-02 2"})
    assert not form.is_valid()
    errors = form.errors["plan"]
    assert errors[0] == "Line 1: “2027-13” is not a month (write 2027-03 or 03/2027)."
    assert errors[1].startswith("Line 2: “januari” is not a month")
    assert errors[2] == "Line 3: “veel” is not a number."
    assert errors[3] == "Line 5: 02/2027 appears twice."
    assert parse_number("1,234.5") == 1234.5
    with pytest.raises(ValueError):
        parse_number("nan")


def test_checks_flag_what_is_missing(org):
    complete = _benefit(org)
    services.link_benefit_map(org.project, complete, acting_user=org.admin)
    services.link_benefit_map(complete, org.objective, acting_user=org.admin)
    services.create_benefit(acting_user=org.admin, portfolio=org.portfolio, code="B2", title="Kaal")
    rows = {r.benefit.code: r for r in benefits.rows(org.admin, org.portfolio)}
    assert rows["B1"].flags == ()
    assert rows["B2"].flags == ("no_owner", "no_measure", "no_target", "no_enabler", "no_objective")
    assert rows["B2"].flag_texts[-1] == "serves no objective"


def test_projects_enable_benefits_through_changes(org):
    benefit, business = _benefit(org), _change(org)
    enabling = _change(org, "W2", ChangeKind.ENABLING)
    services.link_benefit_map(org.project, enabling, acting_user=org.admin)
    services.link_benefit_map(enabling, business, acting_user=org.admin)
    services.link_benefit_map(business, benefit, acting_user=org.admin)
    services.link_benefit_map(org.other_project, benefit, acting_user=org.admin)
    (row,) = benefits.rows(org.admin, org.portfolio)
    assert [p.code for p in row.projects] == ["P-1", "P-2"] and row.shared
    assert row.enablers == 2  # the business change and P-2 point at it directly
    # the team member does not see P-2: its arrow is not on their map
    (row,) = benefits.rows(org.member, org.portfolio)
    assert [p.code for p in row.projects] == ["P-1"]


def test_rollup_counts_a_shared_benefit_once(org):
    shared = _benefit(org, "B1")
    own = _benefit(org, "B2", title="Minder papier")
    soft = _benefit(org, "B3", kind="non_financial", title="Tevreden inwoners", unit="cijfer")
    jan, feb = add_months(THIS_MONTH, -1), THIS_MONTH
    for benefit, plan in ((shared, {jan: 100, feb: 100}), (own, {feb: 50}), (soft, {jan: 7})):
        services.set_benefit_plan(benefit, plan, acting_user=org.admin)
        services.link_benefit_map(org.project, benefit, acting_user=org.admin)
    services.link_benefit_map(org.other_project, shared, acting_user=org.admin)
    services.record_measurement(shared, period=jan, value=80, acting_user=org.admin)
    rollup = benefits.rollup(org.admin, org.portfolio)
    assert [(p.month, p.planned, p.actual) for p in rollup.periods] == [(jan, 100, 80), (feb, 150, None)]
    assert rollup.periods[0].percent == 80
    assert (
        rollup.cumulative[-1].planned == 250
    )  # not 450: the shared benefit once, the non-financial not at all
    assert rollup.double_counted == 200
    by_project = {p.code: (total, of_shared) for p, total, of_shared in rollup.by_project}
    assert by_project == {"P-1": (250, 200), "P-2": (200, 200)}


def test_realisation_per_month_on_a_falling_measure(org):
    benefit = _benefit(org, kind="non_financial", measure="Doorlooptijd", unit="dagen", baseline=10, target=4)
    last = add_months(THIS_MONTH, -1)
    services.set_benefit_plan(benefit, {last: 6, THIS_MONTH: 5}, acting_user=org.admin)
    services.record_measurement(benefit, period=last, value=7, acting_user=org.admin)
    (row,) = benefits.rows(org.admin, org.portfolio)
    assert row.progress == 50.0  # 3 of the 6 days gained
    from pmo.engine import benefits as maths

    first, second = maths.realisation(row.series)
    assert (first.planned, first.actual, first.percent) == (6, 7, 75.0)
    assert second.percent is None


def test_map_is_laid_out_in_five_columns(org):
    benefit, business = _benefit(org), _change(org)
    services.link_benefit_map(org.project, business, acting_user=org.admin)
    services.link_benefit_map(business, benefit, acting_user=org.admin)
    services.link_benefit_map(benefit, org.objective, acting_user=org.admin)
    _change(org, "W9")  # unlinked: left off the map
    drawn = benefits.benefit_map(org.admin, org.portfolio, flagged={benefit.pk})
    columns = {n.key: n.column for n in drawn.nodes}
    assert columns == {
        ("project", org.project.pk): 0,
        ("change", business.pk): 2,
        ("benefit", benefit.pk): 3,
        ("objective", org.objective.pk): 4,
    }
    assert len(drawn.edges) == 3 and all(path.startswith("M") for _s, _t, path in drawn.edges)
    assert [n.flagged for n in drawn.nodes if n.key[0] == "benefit"] == [True]


def test_pages_show_benefits_plan_and_map(org, client_for):
    benefit = _benefit(org)
    services.link_benefit_map(org.project, benefit, acting_user=org.admin)
    services.set_benefit_plan(benefit, {THIS_MONTH: 40}, acting_user=org.admin)
    client = client_for(org.portfolio_manager)
    page = client.get(reverse("strategy:benefit_list"), {"flagged": "1"}).content.decode()
    assert "Lagere kosten telefonie" in page and "serves no objective" in page
    response = client.post(
        reverse("strategy:benefit_plan", args=[benefit.pk]),
        {"version": Benefit.objects.get(pk=benefit.pk).version, "plan": "2027-01 10\n2027-14 3"},
    )
    assert response.status_code == 200
    assert "Line 2: “2027-14” is not a month" in response.content.decode()
    assert BenefitValue.objects.filter(kind=ValueKind.PLANNED).count() == 1  # nothing half-written
    response = client.post(
        reverse("strategy:measurement_add", args=[benefit.pk]),
        {"period": add_months(THIS_MONTH, 2).strftime("%Y-%m"), "value": "3"},
        follow=True,
    )
    assert "has not begun" in response.content.decode()
    page = client.get(reverse("strategy:benefit_map")).content.decode()
    assert f'id="node-benefit-{benefit.pk}"' in page and 'data-from="project-' in page
    assert "€" in client.get(reverse("strategy:benefit_rollup")).content.decode()


def test_benefit_list_queries_do_not_grow_with_rows(org, client_for, django_assert_max_num_queries):
    client = client_for(org.portfolio_manager)
    _benefit(org, "B1")
    client.get(reverse("strategy:benefit_list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("strategy:benefit_list"))
    for n in range(2, 8):
        benefit = _benefit(org, f"B{n}")
        services.link_benefit_map(org.project, benefit, acting_user=org.admin)
        services.set_benefit_plan(benefit, {THIS_MONTH: n}, acting_user=org.admin)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("strategy:benefit_list"))
