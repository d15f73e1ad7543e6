"""The knowledge base: Markdown is rendered safely (no script, no javascript: link, no event handler) while normal
Markdown keeps working; articles are searched and filtered, drafts stay with their writers; the method's version
page shows each phase's description as Markdown with its guide articles; the glossary is A–Z and finds the terms a
text uses."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pmo.coe import knowledge, services
from pmo.coe import services_knowledge as kb
from pmo.coe.markdown import render_markdown
from pmo.coe.models import Article, GlossaryTerm

pytestmark = pytest.mark.django_db

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)">',
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)" onclick="alert(2)">klik</a>',
    '<p onmouseover="alert(1)" style="color:red">tekst</p>',
    '<iframe src="https://evil.example"></iframe><svg onload=alert(1)></svg>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]


def _harmless(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    # the text may still read "javascript:…"; no link or source may point there
    assert re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):""", lowered) is None, html
    assert re.search(r"<[^>]*\son\w+\s*=", lowered) is None, html
    assert "<iframe" not in lowered and "<svg" not in lowered and "style=" not in lowered


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_renders_attacks_harmless(attack):
    _harmless(str(render_markdown(f"Intro\n\n{attack}\n\nSlot")))


def test_script_content_is_dropped_and_link_text_stays():
    html = str(
        render_markdown('Zie <a href="javascript:alert(1)">de handleiding</a>.<script>steal()</script>')
    )
    assert "de handleiding" in html and "steal()" not in html
    assert str(render_markdown("")) == ""


def test_normal_markdown_keeps_working():
    html = str(
        render_markdown(
            "# Business case\n\n## Inhoud\n\n- Kosten\n- Baten\n\n1. Eerst\n2. Dan\n\n"
            "| Fase | Beslismoment |\n|---|---|\n| Initiatie | Go voor uitvoering |\n\n"
            "Zie [het intranet](https://intranet.example.nl/pmo) of mail [het PMO](mailto:pmo@example.nl). "
            "**Vet** en `code`."
        )
    )
    assert "<h1>Business case</h1>" in html and "<h2>Inhoud</h2>" in html
    assert "<ul>\n<li>Kosten</li>" in html and "<ol>\n<li>Eerst</li>" in html
    assert "<table>" in html and "<th>Fase</th>" in html and "<td>Go voor uitvoering</td>" in html
    assert '<a href="https://intranet.example.nl/pmo" rel="noopener noreferrer">het intranet</a>' in html
    assert '<a href="mailto:pmo@example.nl" rel="noopener noreferrer">het PMO</a>' in html
    assert "<strong>Vet</strong>" in html and "<code>code</code>" in html


def test_articles_are_checked_and_written_by_the_coe(org, method):
    first, second = method.phases.order_by("position")
    with pytest.raises(PermissionDenied):
        kb.create_article(acting_user=org.pm, title="X", slug="x")
    article = kb.create_article(
        acting_user=org.coe, title="Business case", slug="business-case", tags="Financiën, business case,  financiën",
        phase=first, status="published", body="# BC",
    )  # fmt: skip
    assert article.method == method.method and article.tags == "financiën, business case"
    assert article.updated_by == org.coe
    before = Article.objects.count()
    with pytest.raises(ValidationError) as taken:
        kb.create_article(acting_user=org.coe, title="Ander", slug="business-case")
    assert taken.value.message_dict == {"slug": ["An article with this slug exists."]}
    other = services.create_method(acting_user=org.admin, name="Agile")
    with pytest.raises(ValidationError) as wrong:
        kb.create_article(acting_user=org.coe, title="Y", slug="y", method=other, phase=second)
    assert wrong.value.message_dict == {"phase": ["The phase Uitvoering belongs to Fasering, not to Agile."]}
    assert Article.objects.count() == before
    edited = kb.update_article(article, acting_user=org.admin, expected_version=1, title="De business case")
    assert (edited.title, edited.updated_by, edited.version) == ("De business case", org.admin, 2)


def test_the_list_searches_filters_and_hides_drafts(org, method, client_for):
    first = method.phases.get(position=1)
    kb.create_article(acting_user=org.coe, title="Risico's", slug="risicos", tags="risico", body="Over de risicolog",
                      status="published")  # fmt: skip
    kb.create_article(acting_user=org.coe, title="Start", slug="start", tags="fasering, start", phase=first,
                      status="published")  # fmt: skip
    kb.create_article(acting_user=org.coe, title="Concept", slug="concept", tags="risico", body="risicolog")
    url = reverse("coe:article_list")

    def titles(user, **params) -> list[str]:
        return [a.title for a in client_for(user).get(url, params).context["object_list"]]

    assert titles(org.member) == ["Risico's", "Start"]
    assert titles(org.coe) == ["Concept", "Risico's", "Start"]
    assert titles(org.member, q="risicolog") == ["Risico's"]
    assert titles(org.member, tag="start") == ["Start"]
    assert titles(org.member, tag="sta") == []
    assert titles(org.member, method=str(method.method_id)) == ["Start"]
    assert titles(org.coe, status="draft") == ["Concept"]
    assert client_for(org.member).get(reverse("coe:article_detail", args=["concept"])).status_code == 404
    page = client_for(org.member).get(reverse("coe:article_detail", args=["risicos"])).content.decode()
    assert "<p>Over de risicolog</p>" in page


def test_the_version_page_renders_phase_markdown_and_lists_the_guide(org, client_for):
    created = services.create_method(acting_user=org.admin, name="Gids")
    draft = created.versions.get()
    phase = services.add_phase(
        draft, acting_user=org.admin, name="Initiatie", gate="Go",
        description="Maak de **business case**.\n\n<script>alert(1)</script>[x](javascript:alert(1))",
    )  # fmt: skip
    services.add_phase(draft, acting_user=org.admin, name="Uitvoering", gate="Klaar")
    version = services.publish_version(draft, acting_user=org.admin)
    kb.create_article(acting_user=org.coe, title="Gids voor de initiatie", slug="gids-initiatie", phase=phase,
                      status="published")  # fmt: skip
    kb.create_article(
        acting_user=org.coe, title="Over de methode", slug="over", method=created, status="published"
    )
    kb.create_article(acting_user=org.coe, title="Geheim concept", slug="geheim", phase=phase)
    html = client_for(org.member).get(reverse("coe:version_detail", args=[version.pk])).content.decode()
    assert "Maak de <strong>business case</strong>." in html
    _harmless(html.split('id="phase-1"')[1].split("</section>")[0])
    first = html.split('id="phase-1"')[1].split('id="phase-2"')[0]
    assert "/coe/knowledge/gids-initiatie/" in first and "Over de methode" in first
    assert "Geheim concept" not in html
    assert "Gids voor de initiatie" not in html.split('id="phase-2"')[1]


def test_the_glossary(org, client_for):
    kb.create_term(
        acting_user=org.coe, term="Baat", english="Benefit", definition="Een **meetbare** verbetering."
    )
    kb.create_term(
        acting_user=org.coe, term="Opdrachtgever", english="Sponsor", definition="Eigenaar van het project."
    )
    kb.create_term(acting_user=org.coe, term="Business case", definition="Waarom we het doen.")
    before = GlossaryTerm.objects.count()
    with pytest.raises(ValidationError) as twice:
        kb.create_term(acting_user=org.coe, term=" baat ", definition="dubbel")
    assert twice.value.message_dict == {"term": ["The glossary already has the term “baat”."]}
    with pytest.raises(PermissionDenied):
        kb.create_term(acting_user=org.member, term="Fase", definition="x")
    assert GlossaryTerm.objects.count() == before
    assert [t.term for t in knowledge.glossary_for("De sponsor bewaakt de business case.")] == [
        "Business case", "Opdrachtgever",
    ]  # fmt: skip
    assert [t.term for t in knowledge.glossary_for("Baten en baatjes")] == []
    assert len(knowledge.glossary_for(None)) == 3
    page = client_for(org.member).get(reverse("coe:glossary"))
    html = page.content.decode()
    assert [letter for letter, _terms in page.context["groups"]] == ["B", "O"]
    assert "Een <strong>meetbare</strong> verbetering." in html
    searched = client_for(org.member).get(reverse("coe:glossary"), {"q": "eigenaar"})
    assert [t.term for _l, terms in searched.context["groups"] for t in terms] == ["Opdrachtgever"]


def test_writing_an_article_through_the_pages(org, method, client_for):
    client = client_for(org.coe)
    first = method.phases.get(position=1)
    form = {"title": "Startnotitie", "slug": "Start notitie", "status": "published", "body": "# Start"}
    response = client.post(reverse("coe:article_create"), form)
    assert response.status_code == 200 and "slug" in response.context["form"].errors
    response = client.post(reverse("coe:article_create"), {**form, "slug": "startnotitie", "phase": first.pk})
    article = Article.objects.get()
    assert response["Location"] == "/coe/knowledge/startnotitie/"
    assert (article.method, article.phase, article.updated_by) == (method.method, first, org.coe)
    edit = reverse("coe:article_edit", args=["startnotitie"])
    stale = {**form, "slug": "startnotitie", "version": 1, "title": "Oud"}
    client.post(edit, {**form, "slug": "startnotitie", "version": 1, "title": "Nieuw"})
    response = client.post(edit, stale)
    assert "in the meantime" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.version) == ("Nieuw", 2)
