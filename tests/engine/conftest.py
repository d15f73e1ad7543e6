from pathlib import Path

import pytest

BENCHDATA = Path(__file__).resolve().parents[2].parent / "shared" / "benchdata"


@pytest.fixture(scope="session")
def benchdata() -> Path:
    if not BENCHDATA.is_dir():
        pytest.skip(f"benchmark data not found at {BENCHDATA} (../shared/benchdata beside the repository)")
    return BENCHDATA
