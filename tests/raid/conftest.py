import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def scale(db):
    """The default 5×5 scale, as its data migration seeds it (transactional tests elsewhere flush it away)."""
    seed = importlib.import_module("pmo.raid.migrations.0002_scale_levels").seed
    seed(apps, None)
