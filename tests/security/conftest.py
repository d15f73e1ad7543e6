"""Shared helpers of the hostile-input suite: a snapshot of every row count, to prove nothing was written."""

from __future__ import annotations

import importlib
from contextlib import contextmanager

import pytest
from django.apps import apps


def row_counts() -> dict[str, int]:
    """The number of rows of every model of the product (history tables included)."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("pmo.") and not model._meta.proxy
    }


@pytest.fixture
def unchanged():
    """`with unchanged():` fails when any row of the product was added or removed inside the block."""

    @contextmanager
    def check():
        before = row_counts()
        yield
        after = row_counts()
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert not changed, f"partial write: {changed}"

    return check


@pytest.fixture
def raid_scale(db):
    """The default 5×5 risk scale, as its data migration seeds it."""
    seed = importlib.import_module("pmo.raid.migrations.0002_scale_levels").seed
    seed(apps, None)


def page_messages(response) -> list[str]:
    """The flash messages of a followed response, as text."""
    return [str(m) for m in response.context["messages"]] if response.context else []
