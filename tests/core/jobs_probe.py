"""Jobs for the worker tests: each writes a line to a file, so a test can count how often it really ran."""

import os
import time

from django_tasks import task


def _append(path: str, line: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{line}\n".encode())  # one small append: lines of several processes never mix
    finally:
        os.close(fd)


@task()
def record(path: str, number: int) -> int:
    time.sleep(0.02)
    _append(path, f"{number} {os.getpid()}")
    return number


@task()
def slow_first_time(path: str) -> str:
    """Hangs on its first run (the test kills that worker); later runs end at once."""
    first = not os.path.exists(path)
    _append(path, f"start {os.getpid()}")
    if first:
        time.sleep(120)
    return "done"
