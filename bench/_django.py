"""What the web benchmarks share: a throw-away data folder and Django set up (import this first), and timing."""

from __future__ import annotations

import os
import statistics
import tempfile
import time

DATA = tempfile.mkdtemp(prefix="pmo-bench-")
os.environ.setdefault("PMO_DATA_DIR", DATA)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmo.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def prepare() -> None:
    """Test-mode Django (the test client works) with a fast hasher, on a migrated database."""
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)


def median_ms(action, repeat: int = 15) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def queries(action) -> int:
    """How many SQL queries `action` runs."""
    settings.DEBUG = True
    reset_queries()
    action()
    count = len(connection.queries)
    settings.DEBUG = False
    return count
