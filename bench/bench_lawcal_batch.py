"""Time `tiepdan deadline --batch` on generated input (not a test): prints lines per second.

Usage: .venv/bin/python bench/bench_lawcal_batch.py [LINES]   (default 100,000; target < 10 s)
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = [
    ("complaint.accept", [], 0),
    ("complaint.first.resolve", ["complex", "remote"], 0),
    ("complaint.second.resolve", ["remote"], 0),
    ("denunciation.process", ["multi_site"], 0),
    ("denunciation.resolve", ["very_complex"], 2),
    ("petition.process", [], 0),
    ("asset.handover", [], 0),
    ("no.such.rule", [], 0),  # a bad line now and then: the batch must go on
]


def main() -> int:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(42)
    first = dt.date(2024, 1, 1).toordinal()
    exe = Path(sys.executable).with_name("tiepdan")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        with path.open("w") as fh:
            for _ in range(lines):
                code, flags, ext = rng.choice(CASES)
                start = dt.date.fromordinal(first + rng.randrange(365 * 4)).isoformat()
                fh.write(json.dumps({"rule": code, "start": start, "flags": flags, "extensions": ext}) + "\n")
        began = time.perf_counter()
        proc = subprocess.run([exe, "deadline", "--batch", str(path)], capture_output=True, text=True)
        elapsed = time.perf_counter() - began
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 1
    out = proc.stdout.splitlines()
    errors = sum(1 for x in out if x.startswith('{"error"'))
    print(f"{lines} dòng/lines in {elapsed:.2f} s → {lines / elapsed:,.0f} lines/s; {errors} error lines")
    return 0 if len(out) == lines else 1


if __name__ == "__main__":
    raise SystemExit(main())
