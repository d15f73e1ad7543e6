"""Benchmark: dry-run import of every MS Project XML (MSPDI) file in a folder, checked against its manifest.

    uv run python bench/mspdi.py [DIR]      (default: ../shared/benchdata/mspdi beside the repository)

Each `*.xml` file under DIR is read with `pmo.interop.mspdi.read_mspdi` (size check, defusedxml parse, model, report;
nothing is stored) and its `counts()` are compared with DIR/manifest.csv (tasks, resources, assignments, calendars).
Baseline, in the same process: a plain `xml.etree.ElementTree.parse` of each file (parse only, no model). Times are
the best of three runs per file. The table shows expected/got per count and milliseconds; the last line is JSON,
with `ratio` = our files per second / the baseline's (below 1: slower than a bare parse).
"""

from __future__ import annotations

import csv
import json
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from pmo.interop.mspdi import counts, read_mspdi

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "benchdata" / "mspdi"
KEYS = ("tasks", "resources", "assignments", "calendars")
RUNS = 3


def best_time(action, path: Path) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        action(path)
        best = min(best, time.perf_counter() - started)
    return best


def main(folder: Path) -> None:
    manifest_path = folder / "manifest.csv"
    manifest: dict[str, dict[str, str]] = {}
    if manifest_path.is_file():
        with manifest_path.open(newline="", encoding="utf-8") as file:
            reader = csv.DictReader(file)
            if {"file", *KEYS} <= set(reader.fieldnames or ()):
                manifest = {row["file"]: row for row in reader}
            else:
                print(
                    f"{manifest_path} has no {', '.join(KEYS)} columns: not comparing counts", file=sys.stderr
                )
    else:
        print(f"no manifest.csv in {folder}: only checking that every file reads", file=sys.stderr)
    files = sorted(path for path in folder.rglob("*.xml") if path.is_file())
    failed: list[dict[str, str]] = []
    rows = []
    ours_total = baseline_total = 0.0
    for path in files:
        name = path.relative_to(folder).as_posix()
        expected = manifest.get(name)
        baseline_s = best_time(ET.parse, path)
        baseline_total += baseline_s
        try:
            ours_s = best_time(read_mspdi, path)
            got = counts(read_mspdi(path))
        except Exception as exc:  # a benchmark reports every failure and goes on
            failed.append({"file": name, "reason": f"{type(exc).__name__}: {exc}"})
            rows.append((name, expected, None, None, baseline_s))
            continue
        ours_total += ours_s
        rows.append((name, expected, got, ours_s, baseline_s))
        if manifest and expected is None:
            failed.append({"file": name, "reason": "not in manifest.csv"})
        elif expected is not None:
            wrong = [
                f"{key} {expected[key]} expected, got {got[key]}"
                for key in KEYS
                if int(expected[key]) != got[key]
            ]
            if wrong:
                failed.append({"file": name, "reason": "; ".join(wrong)})
    for name in sorted(set(manifest) - {path.relative_to(folder).as_posix() for path in files}):
        failed.append({"file": name, "reason": "listed in manifest.csv but missing"})

    width = max((len(row[0]) for row in rows), default=4)
    header = " ".join(f"{key[:11]:>11}" for key in KEYS)
    print(f"{'file':<{width}} {header} {'ms':>7} {'ET ms':>7}")
    for name, expected, got, ours_s, baseline_s in rows:
        cells = []
        for key in KEYS:
            want = expected[key] if expected else "?"
            have = str(got[key]) if got else "ERR"
            mark = "" if expected is None or got is None or int(want) == got[key] else " ✗"
            cells.append(f"{want + '/' + have + mark:>11}")
        ms = f"{ours_s * 1000:7.2f}" if ours_s is not None else f"{'—':>7}"
        print(f"{name:<{width}} {' '.join(cells)} {ms} {baseline_s * 1000:7.2f}")
    read = len(files) - sum(1 for row in rows if row[2] is None)
    failed_files = {item["file"] for item in failed}
    matched = sum(1 for row in rows if row[2] is not None and row[0] not in failed_files)
    files_per_second = read / ours_total if ours_total else 0.0
    baseline_per_second = len(files) / baseline_total if baseline_total else 0.0
    what = "match the manifest" if manifest else "read without error"
    print(
        f"{matched}/{len(files)} files {what}; read {files_per_second:,.0f} files/s, "
        f"bare ElementTree parse {baseline_per_second:,.0f} files/s"
    )
    print(
        json.dumps(
            {
                "files": len(files),
                "matched": matched,
                "failed": failed,
                "seconds": round(ours_total, 4),
                "files_per_second": round(files_per_second, 1),
                "baseline_files_per_second": round(baseline_per_second, 1),
                "ratio": round(files_per_second / baseline_per_second, 3) if baseline_per_second else None,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR)
