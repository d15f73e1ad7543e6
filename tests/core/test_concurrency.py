"""No lost updates: every edit form carries the version it was loaded at, and of two people saving the same
object at the same moment, the second is shown a conflict with what the first changed — never a silent overwrite.

On PostgreSQL the race runs in two threads, each with its own database connection (two real sessions): the row
lock makes the second wait for the first and then see its new version. On SQLite the two saves follow each other."""

from __future__ import annotations

import datetime as dt
import threading
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pmo.core import views_base
from pmo.portfolio import services as portfolio_services
from pmo.progress import services as progress_services
from pmo.raid import services as raid_services
from pmo.raid.models import Risk
from pmo.raid.views import GENERIC


class FormFields(HTMLParser):
    """The fields of a page's edit form as a browser would send them (the search box and buttons left out)."""

    def __init__(self):
        self.forms: list[dict[str, list[str]]] = []
        super().__init__()
        self._in_form = False
        self._select = self._textarea = None

    @property
    def data(self) -> dict[str, list[str]]:
        return self.forms[-1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._in_form = True
            self.forms.append({})
        if not self._in_form or (not attrs.get("name") and tag != "option"):
            return
        name = attrs.get("name")
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def edit_form(client: Client, url: str) -> dict[str, list[str]]:
    page = client.get(url)
    assert page.status_code == 200
    parser = FormFields()
    parser.feed(page.content.decode())
    edits = [form for form in parser.forms if "version" in form]
    assert edits, f"{url}: no form on the page carries the version"
    return edits[0]


#: what two people edit: how it is made, its edit page, the field both change, and who edits it besides the admin
OBJECTS = {
    "risk": (
        lambda o: raid_services.log_item(
            Risk,
            acting_user=o.admin,
            project=o.project,
            title="Leverancier failliet",
            probability=3,
            impact=4,
        ),
        "raid:risk_detail",
        "title",
        "pm",
    ),
    "status report": (
        lambda o: progress_services.create_report(
            o.project, acting_user=o.pm, period=dt.date.today() - dt.timedelta(days=35)
        ),
        "progress:report_edit",
        "accomplishments",
        "pm",
    ),
    "scenario": (
        lambda o: portfolio_services.create_scenario(
            acting_user=o.admin, portfolio=o.portfolio, name="Basis", first_month=dt.date(2027, 1, 1)
        ),
        "portfolio:scenario_edit",
        "description",
        "portfolio_manager",
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", sorted(OBJECTS))
def test_two_people_saving_at_once_one_wins_the_other_sees_the_conflict(kind, org):
    make, url_name, field, editor = OBJECTS[kind]
    edited = make(org)
    url = reverse(url_name, args=[edited.pk])

    def stored():
        return type(edited).objects.values_list(field, flat=True).get(pk=edited.pk)

    users = [getattr(org, editor), org.admin]
    clients = [Client(), Client()]
    for client, user in zip(clients, users, strict=True):
        client.force_login(user)
    forms = [edit_form(client, url) for client in clients]  # both open the form: same version
    assert forms[0]["version"] == forms[1]["version"]
    texts = [f"Eerste versie van {kind}", f"Tweede versie van {kind}"]
    for form, text in zip(forms, texts, strict=True):
        form[field] = [text]

    if connection.vendor == "postgresql":  # at the same moment, in two sessions
        start = threading.Barrier(2)
        responses = [None, None]

        def save(i: int) -> None:
            try:
                start.wait()
                responses[i] = clients[i].post(url, forms[i])
            finally:
                connection.close()  # this thread's own session

        threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:  # SQLite's shared in-memory test database locks whole tables: one after the other
        responses = [client.post(url, form) for client, form in zip(clients, forms, strict=True)]

    codes = sorted(response.status_code for response in responses)
    assert codes == [200, 302], codes  # one saved and was sent on, the other is shown the form again
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    loser = 1 - winner
    assert stored() == texts[winner]  # the first save stands
    page = responses[loser].content.decode()
    assert "in the meantime" in page  # the conflict, named
    assert f"Changed in the meantime to: {texts[winner]}" in page  # and what the other changed, at the field


def _update_views(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _update_views(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "view_class", None)
            if view is not None and issubclass(view, views_base.UpdateView):
                yield prefix + (entry.name or "?"), view


def test_every_edit_form_carries_the_version():
    forms = {name: view.form_class for name, view in _update_views(get_resolver().url_patterns)}
    assert forms.pop("raid:item_detail") is None  # its form depends on the kind of item in the URL
    forms.update({f"raid:item_detail ({name})": kind.form for name, kind in GENERIC.items()})
    assert len(forms) > 20
    missing = sorted(name for name, form in forms.items() if "version" not in form.base_fields)
    assert not missing, f"edit forms without the version (a stale save would overwrite): {missing}"
