"""Drivers and prioritisation: weights by pairwise comparison or directly, strategic scores, sensitivity, and the
alignment guarantee (no approval without an objective)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pmo.engine.portfolio import ahp
from pmo.projects import services as project_services
from pmo.strategy import priorities, services
from pmo.strategy.models import DriverComparison, DriverWeighting, StrategicObjective

pytestmark = pytest.mark.django_db


@pytest.fixture
def drivers(org):
    sd2 = services.create_objective(
        acting_user=org.admin, portfolio=org.portfolio, code="SD2", title="Duurzaam"
    )
    sd3 = services.create_objective(
        acting_user=org.admin, portfolio=org.portfolio, code="SD3", title="Veilig"
    )
    sub = services.create_objective(
        acting_user=org.admin, portfolio=org.portfolio, code="SD2.1", title="Minder CO2", parent=sd2
    )
    services.link_project(org.project, org.objective, acting_user=org.admin, contribution="low")
    services.link_project(org.project, sub, acting_user=org.admin, contribution="high")
    services.link_project(org.other_project, sd3, acting_user=org.admin, contribution="medium")
    return org.objective, sd2, sd3


def test_pairwise_comparison_sets_eigenvector_weights_and_keeps_the_judgements(org, drivers):
    sd1, sd2, sd3 = drivers
    judgements = {(sd1.pk, sd2.pk): 3.0, (sd1.pk, sd3.pk): 5.0, (sd3.pk, sd2.pk): 1 / 2}
    result = services.weigh_by_comparison(org.portfolio, judgements, acting_user=org.portfolio_manager)
    expected = ahp.weigh(ahp.matrix_from_judgements(3, {(0, 1): 3, (0, 2): 5, (1, 2): 2}))
    assert result.weights == pytest.approx(expected.weights)
    weights = [StrategicObjective.objects.get(pk=d.pk).weight for d in drivers]
    assert weights == pytest.approx(list(expected.weights))
    assert sum(weights) == pytest.approx(1)
    weighting = DriverWeighting.objects.get(portfolio=org.portfolio)
    assert weighting.method == "pairwise"
    assert weighting.consistency_ratio == pytest.approx(expected.consistency_ratio)
    assert DriverComparison.objects.filter(portfolio=org.portfolio).count() == 3
    assert (
        StrategicObjective.objects.get(pk=sd1.pk)
        .history.first()
        .history_change_reason.startswith("Weights from pairwise comparison")
    )
    # the sub-objective is no driver: it cannot be compared
    sub = StrategicObjective.objects.get(code="SD2.1")
    with pytest.raises(ValidationError, match="top-level objectives"):
        services.weigh_by_comparison(org.portfolio, {(sd1.pk, sub.pk): 3}, acting_user=org.portfolio_manager)


def test_only_the_portfolio_office_weighs_and_bad_judgements_are_refused_whole(org, drivers):
    sd1, sd2, _sd3 = drivers
    with pytest.raises(PermissionDenied):
        services.weigh_by_comparison(org.portfolio, {(sd1.pk, sd2.pk): 3}, acting_user=org.pm)
    with pytest.raises(ValidationError, match="outside Saaty's scale"):
        services.weigh_by_comparison(org.portfolio, {(sd1.pk, sd2.pk): 12}, acting_user=org.portfolio_manager)
    assert not DriverComparison.objects.exists()
    assert StrategicObjective.objects.get(pk=sd1.pk).weight is None


def test_direct_weights_are_scaled_and_negative_ones_named(org, drivers):
    sd1, sd2, sd3 = drivers
    services.weigh_by_comparison(org.portfolio, {(sd1.pk, sd2.pk): 3}, acting_user=org.portfolio_manager)
    shares = services.weigh_directly(
        org.portfolio, {sd1.pk: 50, sd2.pk: 30, sd3.pk: 20}, acting_user=org.portfolio_manager
    )
    assert shares == pytest.approx([0.5, 0.3, 0.2])
    assert not DriverComparison.objects.exists()  # the judgements no longer hold
    assert DriverWeighting.objects.get(portfolio=org.portfolio).consistency_ratio is None
    with pytest.raises(ValidationError, match="SD2: a weight cannot be negative"):
        services.weigh_directly(org.portfolio, {sd1.pk: 1, sd2.pk: -1}, acting_user=org.portfolio_manager)
    with pytest.raises(ValidationError, match="at least one driver"):
        services.weigh_directly(org.portfolio, {}, acting_user=org.portfolio_manager)
    assert StrategicObjective.objects.get(pk=sd1.pk).weight == pytest.approx(0.5)


def test_scores_count_sub_objectives_for_their_driver_and_rank_the_projects(org, drivers):
    sd1, sd2, sd3 = drivers
    services.weigh_directly(
        org.portfolio, {sd1.pk: 2, sd2.pk: 1, sd3.pk: 1}, acting_user=org.portfolio_manager
    )
    result = priorities.priorities(org.portfolio_manager, org.portfolio)
    assert [d.code for d in result.drivers] == ["SD1", "SD2", "SD3"]
    by_code = {r.project.code: r for r in result.ranking}
    assert by_code["P-1"].ratings == (1, 5, 0)  # low on SD1, strong on SD2 through SD2.1
    assert by_code["P-2"].ratings == (0, 0, 3)
    assert by_code["P-1"].score == pytest.approx(100 * (0.5 * 1 + 0.25 * 5) / 5)
    assert by_code["P-2"].score == pytest.approx(100 * 0.25 * 3 / 5)
    assert [r.project.code for r in result.ranking] == ["P-1", "P-2"]
    assert [r.rank for r in result.ranking] == [1, 2]
    assert len(result.stability) == 3
    # a team member of P-1 sees only P-1
    assert [r.project.code for r in priorities.priorities(org.member, org.portfolio).ranking] == ["P-1"]


def test_without_weights_every_driver_counts_equally(org, drivers):
    result = priorities.priorities(org.portfolio_manager, org.portfolio)
    assert not result.weighted
    assert result.weights == pytest.approx((1 / 3,) * 3)


def test_an_unaligned_project_is_listed_and_cannot_be_approved(org):
    assert [p.code for p in priorities.unaligned(org.portfolio_manager)] == ["P-1", "P-2"]
    with pytest.raises(ValidationError, match="P-1 serves no strategic objective"):
        project_services.transition_project(org.project, acting_user=org.portfolio_manager, to="approved")
    org.project.refresh_from_db()
    assert org.project.lifecycle == "proposal"
    services.link_project(org.project, org.objective, acting_user=org.pm, contribution="high")
    project_services.transition_project(org.project, acting_user=org.portfolio_manager, to="approved")
    assert [p.code for p in priorities.unaligned(org.portfolio_manager)] == ["P-2"]


def test_the_api_and_the_form_refuse_to_approve_an_unaligned_project(org, api_for, client_for):
    url = f"/api/projects/{org.project.pk}/"
    answer = api_for(org.portfolio_manager).patch(url, {"lifecycle": "approved"}, format="json")
    assert answer.status_code == 400
    assert "serves no strategic objective" in str(answer.json())
    page = client_for(org.portfolio_manager).post(
        reverse("projects:project_transition", args=[org.project.pk]),
        {"to": "approved", "reason": "", "version": org.project.version},
        follow=True,
    )
    assert "serves no strategic objective" in page.content.decode()
    org.project.refresh_from_db()
    assert org.project.lifecycle == "proposal"


def test_priorities_page_shows_weights_ranking_sensitivity_and_unaligned(org, drivers, client_for):
    sd1, sd2, sd3 = drivers
    services.weigh_by_comparison(
        org.portfolio,
        {(sd1.pk, sd2.pk): 9, (sd2.pk, sd3.pk): 9, (sd3.pk, sd1.pk): 9},  # A > B > C > A: contradictory
        acting_user=org.portfolio_manager,
    )
    page = client_for(org.portfolio_manager).get(reverse("strategy:priorities"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="cr-warning"' in html
    assert [r.project.code for r in page.context["object_list"]] == ["P-1", "P-2"]
    assert len(page.context["stability"]) == 3
    assert 'id="sensitivity"' in html
    assert "Set weights" in html


def test_weights_page_calculates_from_the_form_and_reports_bad_input(org, drivers, client_for):
    sd1, sd2, sd3 = drivers
    client = client_for(org.portfolio_manager)
    url = reverse("strategy:weigh_drivers", args=[org.portfolio.pk])
    form = client.get(url)
    assert form.status_code == 200
    names = [n for n in form.context["pairwise"].fields]
    assert names == [f"pair_{sd1.pk}_{sd2.pk}", f"pair_{sd1.pk}_{sd3.pk}", f"pair_{sd2.pk}_{sd3.pk}"]
    done = client.post(url, {"method": "pairwise", names[0]: "3", names[1]: "5", names[2]: "1/3"})
    assert done.status_code == 302
    weights = [StrategicObjective.objects.get(pk=d.pk).weight for d in drivers]
    expected = ahp.weigh(ahp.matrix_from_judgements(3, {(0, 1): 3, (0, 2): 5, (1, 2): 1 / 3})).weights
    assert weights == pytest.approx(list(expected))
    again = client.get(url)
    assert again.context["pairwise"][names[2]].value() == "1/3"  # the kept judgement is shown again
    bad = client.post(
        url,
        {"method": "direct", f"weight_{sd1.pk}": "-5", f"weight_{sd2.pk}": "1", f"weight_{sd3.pk}": "1"},
        follow=True,
    )
    assert "greater than or equal to 0" in bad.content.decode()
    assert StrategicObjective.objects.get(pk=sd1.pk).weight == pytest.approx(expected[0])
    assert client_for(org.member).get(url).status_code == 403
