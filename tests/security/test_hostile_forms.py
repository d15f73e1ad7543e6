"""Hostile input to the pages: forms re-render (200) with a message that names the problem and write nothing;
search boxes and filters never fail or leak; script in names and Markdown is shown as harmless text."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pmo.coe.markdown import render_markdown
from pmo.projects import services as project_services

from .conftest import page_messages

pytestmark = pytest.mark.django_db

PROJECT = {
    "code": "H-1",
    "name": "Hostile",
    "description": "",
    "planned_start": "2026-01-01",
    "planned_finish": "2026-12-31",
    "budget": "1000",
}

BAD_PROJECT_FORMS = {
    "budget-negative": ({"budget": "-1"}, "greater than or equal to 0"),
    "budget-1e309": ({"budget": "1e309"}, "no more than 14 digits"),
    "budget-nan": ({"budget": "NaN"}, "Enter a number"),
    "budget-infinity": ({"budget": "Infinity"}, "Enter a number"),
    "budget-minus-infinity": ({"budget": "-inf"}, "Enter a number"),
    "budget-beyond-64-bit": ({"budget": str(2**70)}, "no more than 14 digits"),
    "budget-40-digits": ({"budget": "1" * 40}, "no more than 14 digits"),
    "budget-40-decimals": ({"budget": "0." + "1" * 40}, "digits"),
    "budget-text": ({"budget": "veel geld"}, "Enter a number"),
    "start-year-0": ({"planned_start": "0000-01-01"}, "Enter a valid date"),
    "start-year-10000": ({"planned_start": "10000-01-01"}, "Enter a valid date"),
    "start-feb-30": ({"planned_start": "2026-02-30"}, "Enter a valid date"),
    "finish-feb-29-non-leap": ({"planned_finish": "2027-02-29"}, "Enter a valid date"),
    "finish-before-start": ({"planned_start": "2026-12-31", "planned_finish": "2026-01-01"}, "finish"),
    "name-empty": ({"name": ""}, "This field is required"),
    "name-10000-chars": ({"name": "n" * 10_000}, "at most 200 characters"),
    "name-nul": ({"name": "Nul\x00byte"}, "Null characters are not allowed"),
    "name-rtl-override": ({"name": "Plan\u202egnp.exe"}, "U+202E"),
    "name-control-char": ({"name": "Bell\x07"}, "U+0007"),
    "code-rtl-override": ({"code": "P-\u202e1"}, "U+202E"),
    "code-zero-width": ({"code": "P\u200b-1"}, "U+200B"),
    "code-nul": ({"code": "P\x00"}, "Null characters are not allowed"),
    "code-duplicate": ({"code": "P-1"}, "already exists"),
    "code-too-long": ({"code": "C" * 21}, "at most 20 characters"),
    "portfolio-beyond-64-bit": ({"portfolio": str(2**70)}, "Select a valid choice"),
    "portfolio-sqlish": ({"portfolio": "1 OR 1=1"}, "Select a valid choice"),
    "manager-negative": ({"manager": "-1"}, "Select a valid choice"),
}


@pytest.mark.parametrize("case", list(BAD_PROJECT_FORMS), ids=list(BAD_PROJECT_FORMS))
def test_a_hostile_project_form_rerenders_with_the_reason_and_writes_nothing(
    org, client_for, unchanged, case
):
    change, message = BAD_PROJECT_FORMS[case]
    client = client_for(org.admin)
    data = {**PROJECT, "portfolio": org.portfolio.pk, **change}
    with unchanged():
        response = client.post(reverse("projects:project_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert message in response.content.decode(), response.context["form"].errors


def test_the_good_project_form_is_accepted(org, client_for):
    """The control case: the baseline the hostile cases change is itself valid."""
    response = client_for(org.admin).post(
        reverse("projects:project_create"), {**PROJECT, "portfolio": org.portfolio.pk}
    )
    assert response.status_code == 302


RISK = {"title": "Risico", "probability": "3", "impact": "3", "status": "open", "category": ""}

BAD_RISK_FORMS = {
    "probability-9": ({"probability": "9"}, "less than or equal to 5"),
    "probability-negative": ({"probability": "-1"}, "greater than or equal to 0"),
    "probability-beyond-64-bit": ({"probability": str(2**70)}, "less than or equal to 5"),
    "impact-text": ({"impact": "' OR 1=1 --"}, "Enter a whole number"),
    "cost-impact-negative": ({"cost_impact": "-500"}, "greater than or equal to 0"),
    "cost-impact-nan": ({"cost_impact": "nan"}, "Enter a number"),
    "cost-impact-1e309": ({"cost_impact": "1e309"}, "no more than 14 digits"),
    "cost-impact-40-digits": ({"cost_impact": "9" * 40}, "digits"),
    "delay-beyond-small-int": ({"delay_low": str(2**70)}, "less than or equal to"),
    "delay-negative": ({"delay_high": "-5"}, "greater than or equal to 0"),
    "proximity-year-10000": ({"proximity": "10000-01-01"}, "Enter a valid date"),
    "proximity-feb-30": ({"proximity": "2026-02-30"}, "Enter a valid date"),
    "title-empty": ({"title": ""}, "This field is required"),
    "title-nul": ({"title": "a\x00b"}, "Null characters are not allowed"),
    "status-unknown": ({"status": "<script>"}, "Select a valid choice"),
}


@pytest.mark.parametrize("case", list(BAD_RISK_FORMS), ids=list(BAD_RISK_FORMS))
def test_a_hostile_risk_form_rerenders_with_the_reason_and_writes_nothing(
    org, raid_scale, client_for, unchanged, case
):
    change, message = BAD_RISK_FORMS[case]
    client = client_for(org.pm)
    with unchanged():
        response = client.post(reverse("raid:risk_create", args=[org.project.pk]), {**RISK, **change})
    assert response.status_code == 200
    assert message in response.content.decode(), response.context["form"].errors


def test_the_good_risk_form_is_accepted(org, raid_scale, client_for):
    response = client_for(org.pm).post(reverse("raid:risk_create", args=[org.project.pk]), RISK)
    assert response.status_code == 302


BAD_COSTS = {
    "month-year-0": ({"month": "0000-01", "actual": "10"}, "Enter a valid date"),
    "month-year-10000": ({"month": "10000-01", "actual": "10"}, "Enter a valid date"),
    "month-13": ({"month": "2026-13", "actual": "10"}, "Enter a valid date"),
    "actual-negative": ({"month": "2026-01", "actual": "-10"}, "greater than or equal to 0"),
    "actual-nan": ({"month": "2026-01", "actual": "NaN"}, "Enter a number"),
    "actual-1e309": ({"month": "2026-01", "actual": "1e309"}, "no more than 14 digits"),
    "budget-beyond-64-bit": ({"month": "2026-01", "budget": str(2**70)}, "no more than 14 digits"),
    "budget-40-decimals": ({"month": "2026-01", "budget": "1." + "5" * 40}, "digits"),
    "actual-future-month": ({"month": "2099-01", "actual": "10"}, "months that have started"),
}


@pytest.mark.parametrize("case", list(BAD_COSTS), ids=list(BAD_COSTS))
def test_a_hostile_cost_is_refused_with_a_message_and_writes_nothing(org, client_for, unchanged, case):
    data, message = BAD_COSTS[case]
    client = client_for(org.pm)
    with unchanged():
        response = client.post(reverse("progress:cost_set", args=[org.project.pk]), data, follow=True)
    assert response.status_code == 200
    assert any(message in m for m in page_messages(response)), page_messages(response)


BAD_LINKS = {
    "javascript": "javascript:alert(document.cookie)",
    "javascript-mixed-case": "JaVaScRiPt:alert(1)",
    "data-html": "data:text/html,<script>alert(1)</script>",
    "file": "file:///etc/passwd",
    "vbscript": "vbscript:msgbox(1)",
    "too-long": "https://example.nl/" + "a" * 600,
}


@pytest.mark.parametrize("link", list(BAD_LINKS.values()), ids=list(BAD_LINKS))
def test_a_document_link_that_is_not_http_is_refused(org, client_for, unchanged, link):
    data = {"title": "Plan", "kind": "Plan", "status": "draft", "link": link}
    client = client_for(org.pm)
    with unchanged():
        response = client.post(reverse("projects:document_add", args=[org.project.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors.get("link"), response.context["form"].errors
    assert re.search(r"Enter a valid URL|at most 500 characters", response.content.decode())


SQLISH = {
    "or-1-1": "' OR 1=1 --",
    "union": "x' UNION SELECT password FROM core_user --",
    "percent": "%",
    "underscore": "_",
    "backslash": "\\",
    "nul": "\x00",
    "10000-chars": "W" * 10_000,
    "rtl-override": "\u202ebouw",
    "lone-surrogate-utf8": "\udcff",  # sent as %ED%B3%BF, invalid UTF-8
}
PAGES = [
    ("search", lambda org: reverse("search"), "q"),
    ("projects", lambda org: reverse("projects:project_list"), "q"),
    ("projects-page", lambda org: reverse("projects:project_list"), "page"),
    ("risks", lambda org: reverse("raid:risk_list"), "q"),
    ("risks-project", lambda org: reverse("raid:risk_list"), "project"),
    ("documents", lambda org: reverse("projects:project_documents", args=[org.project.pk]), "q"),
    ("documents-sort", lambda org: reverse("projects:project_documents", args=[org.project.pk]), "sort"),
    ("lessons", lambda org: reverse("coe:lesson_list"), "q"),
]


@pytest.mark.parametrize("value", list(SQLISH.values()), ids=list(SQLISH))
def test_sqlish_search_on_pages_answers_200_or_400_and_leaks_nothing(org, client_for, value):
    client = client_for(org.member)
    for name, url, param in PAGES:
        encoded = value.encode("utf-8", "surrogatepass")
        from urllib.parse import quote_from_bytes

        response = client.get(f"{url(org)}?{param}={quote_from_bytes(encoded)}")
        assert response.status_code in ((200, 400, 404) if param == "page" else (200, 400)), (
            name,
            response.status_code,
        )
        text = response.content.decode()
        assert "Woningbouw" not in text and "P-2" not in text, name


XSS = {
    "script-tag": "<script>alert(1)</script>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "svg-onload": '"><svg onload=alert(1)>',
    "javascript-url": "javascript:alert(1)",
    "attribute-break": "' onmouseover='alert(1)",
}


@pytest.mark.parametrize("name", list(XSS.values()), ids=list(XSS))
def test_script_in_a_project_name_is_shown_as_text(org, client_for, name):
    project_services.update_project(
        org.project, acting_user=org.admin, expected_version=org.project.version, name=name
    )
    client = client_for(org.pm)
    for url in (
        org.project.get_absolute_url(),
        reverse("projects:project_list"),
        reverse("search") + "?q=P-1",
        reverse("raid:project_raid", args=[org.project.pk]),
    ):
        text = client.get(url).content.decode()
        assert "<script>alert" not in text and "<svg onload" not in text and "<img src=x" not in text, url
        assert not re.search(r"""<[^>]*\son\w+\s*=\s*["']?alert""", text), url
        assert not re.search(r"""href=["']?\s*javascript:""", text, re.IGNORECASE), url


MARKDOWN = {
    "script": "<script>alert(1)</script>",
    "img-onerror": '<img src="x" onerror="alert(1)">',
    "link-javascript": "[klik](javascript:alert(1))",
    "link-javascript-entity": "[klik](&#106;avascript:alert(1))",
    "link-javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">klik</a>',
    "image-javascript": "![x](javascript:alert(1))",
    "link-data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "style-url": '<p style="background:url(javascript:alert(1))">x</p>',
    "form": '<form action="https://evil.example"><input name="password"></form>',
    "object": '<object data="evil.swf"></object>',
    "autolink-javascript": "<javascript:alert(1)>",
}
DANGEROUS = re.compile(
    r"<(script|iframe|svg|object|embed|form|input|style)\b"  # active or form elements
    r"""|<[^>]*\s(on\w+|style)\s*="""  # an event handler or a style on any element
    r"""|<[^>]*\s(href|src|action|data)\s*=\s*["']?\s*(javascript|vbscript|data):""",  # a script URL
    re.IGNORECASE,
)


@pytest.mark.parametrize("source", list(MARKDOWN.values()), ids=list(MARKDOWN))
def test_script_in_markdown_is_rendered_harmless(org, client_for, source):
    from pmo.coe.services_knowledge import create_article

    html = str(render_markdown(f"Intro\n\n{source}\n\nEinde"))
    assert not DANGEROUS.search(html), html
    article = create_article(
        acting_user=org.admin, title="Kennis", slug="kennis", body=source, status="published"
    )
    page = client_for(org.admin).get(reverse("coe:article_detail", args=[article.slug]))
    assert page.status_code == 200
    body = page.content.decode()
    rendered = body[body.index('id="article-body">') : body.index("</article>")]
    assert not DANGEROUS.search(rendered), rendered
