"""Dutch and English: the whole interface is translated, and each user gets their language."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

import pmo

LOCALE = Path(pmo.__file__).parent / "locale" / "nl" / "LC_MESSAGES"


def test_dutch_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(LOCALE / "django.mo"))
    }
    po_entries = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    assert mo == po_entries, "django.mo is stale: run `uv run pmo compilemessages` in src/pmo"


def test_every_marked_string_is_in_the_catalogue(tmp_path, monkeypatch, settings):
    """makemessages over the package finds no msgid that the committed catalogue lacks."""
    import shutil

    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed (Debian package 'gettext')")
    copy = tmp_path / "pmo"
    shutil.copytree(Path(pmo.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__", "demo"))
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command("makemessages", locale=["nl"], no_location=True, verbosity=0)
    fresh = polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not missing, f"strings missing from the Dutch catalogue: {missing[:10]}"


@pytest.mark.django_db
def test_pages_answer_in_the_language_asked_for(org, client_for):
    client = client_for(org.pm)
    dutch = client.get(reverse("projects:project_list"), headers={"Accept-Language": "nl"}).content.decode()
    assert 'lang="nl"' in dutch and "Projecten" in dutch and "Mijn werk" in dutch
    english = client.get(reverse("projects:project_list"), headers={"Accept-Language": "en"}).content.decode()
    assert 'lang="en"' in english and "My work" in english


@pytest.mark.django_db
def test_dutch_is_the_default(org, client_for, settings):
    settings.LANGUAGE_CODE = "nl"
    assert "Inloggen" in client_for(None).get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_api_errors_come_in_the_users_language(org, api_for):
    response = api_for(org.admin).post(
        f"/api/projects/{org.project.pk}/transition/",
        {"to": "closed"},
        format="json",
        headers={"Accept-Language": "nl"},
    )
    assert response.status_code == 400
    assert response.json()["lifecycle"][0].startswith(
        "Een project kan niet van Voorstel naar Afgesloten gaan."
    )


@pytest.mark.django_db
def test_language_switch_is_remembered(org, client_for):
    client = client_for(org.pm)
    client.post(reverse("set_language"), {"language": "nl", "next": "/projects/"})
    assert "Projecten" in client.get(reverse("projects:project_list")).content.decode()
