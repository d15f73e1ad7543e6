"""Costs and earned value: monthly costs set and imported (all or nothing), Excel round trip, EVM from the schedule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pmo.interop.tables import read_table
from pmo.progress import services
from pmo.progress.earned_value import project_evm
from pmo.progress.models import CostEntry
from pmo.schedule import services as schedule

pytestmark = pytest.mark.django_db
CSV = b"month;actual;budget\n2026-01;10.000,50;12000\n2026-02;11500;12000\n"


def test_import_costs_from_csv(org):
    result = services.import_costs(org.project, CSV, "actuals.csv", acting_user=org.pm)
    assert (result.months, result.actual_total) == (2, Decimal("21500.50"))
    january = CostEntry.objects.get(project=org.project, month=dt.date(2026, 1, 1))
    assert (january.actual, january.budget) == (Decimal("10000.50"), Decimal("12000"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"month,actual\n2026-01,100\n2026-02,veel\n", "row 3, column 'actual': 'veel' is not a number"),
        (b"month,actual\n2026-01,100\nmaart,5\n", "row 3, column 'month': 'maart' is not a month"),
        (b"month,actual\n2026-01,100\n2026-01,5\n", "row 3, column 'month': 2026-01 is also on row 2"),
        (b"month,actual\n2026-01,-100\n", "row 2, column 'actual': a cost cannot be negative"),
        (
            b"maand;bedrag\n2026-01;100\n",
            "the columns 'month' and 'actual' are needed (found: maand, bedrag)",
        ),
        (
            b"month,actual\n2099-01,100\n",
            "row 2: Actual cost can only be entered for months that have started",
        ),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_imported(org, data, message):
    with pytest.raises(ValidationError) as error:
        services.import_costs(org.project, data, "actuals.csv", acting_user=org.pm)
    assert message in str(error.value)
    assert not CostEntry.objects.exists()


def test_an_excel_export_imports_back_unchanged(org, client_for):
    services.import_costs(org.project, CSV, "actuals.csv", acting_user=org.pm)
    before = list(CostEntry.objects.values_list("month", "budget", "actual"))
    data = client_for(org.member).get(reverse("progress:cost_export", args=[org.project.pk])).content
    assert read_table(data, "costs.xlsx").headers == ["month", "budget", "actual"]
    CostEntry.objects.all().delete()
    services.import_costs(org.project, data, "costs.xlsx", acting_user=org.pm)
    assert list(CostEntry.objects.values_list("month", "budget", "actual")) == before
    with pytest.raises(ValidationError, match="not a readable Excel"):
        services.import_costs(org.project, b"PK\x03\x04 nonsense", "kapot.xlsx", acting_user=org.pm)


def test_earned_value_from_the_baseline_and_percent_complete(org):
    org.project.budget = Decimal("100000")
    org.project.save()
    plan = schedule.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 3, 2))
    a = schedule.create_task(plan, acting_user=org.pm, name="A", duration=20)
    b = schedule.create_task(plan, acting_user=org.pm, name="B", duration=20)
    schedule.add_link(a, b, acting_user=org.pm)
    schedule.save_baseline(plan, acting_user=org.pm)
    schedule.update_task(a, acting_user=org.pm, percent_complete=100)
    services.set_cost(org.project, acting_user=org.pm, month=dt.date(2026, 3, 1), actual=Decimal("60000"))
    evm = project_evm(org.project, dt.date(2026, 3, 31))
    assert evm.source == "baseline" and evm.pv_curve[-1][1] == pytest.approx(100000)
    assert [v for _d, v in evm.pv_curve] == sorted(v for _d, v in evm.pv_curve)
    assert evm.ev == pytest.approx(50000)  # A (half of the work) is done
    assert evm.ac == 60000 and evm.metrics.cpi == pytest.approx(50000 / 60000)
    # March 2026 has 22 working days: A (20 days) and 2 days of B were planned by its end
    assert evm.pv == pytest.approx(100000 * 22 / 40)
    assert evm.schedule.es == pytest.approx(50000 / 55000, rel=1e-3)


def test_costs_page(org, client_for):
    services.import_costs(org.project, CSV, "actuals.csv", acting_user=org.pm)
    page = client_for(org.member).get(reverse("progress:project_costs", args=[org.project.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Monthly costs" in html and "January 2026" in html
    assert "Save month" not in html  # a team member reads, the project manager edits
    assert (
        "Save month"
        in client_for(org.pm).get(reverse("progress:project_costs", args=[org.project.pk])).content.decode()
    )


def test_the_refusal_is_in_the_users_language(org):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(ValidationError) as error:
        services.import_costs(org.project, b"month,actual\n2026-01,veel\n", "a.csv", acting_user=org.pm)
    assert "rij 2, kolom 'actual': 'veel' is geen getal" in str(error.value)
