"""Run every benchmark in one process, one after the other (``make benchmarks``).

Each script prints its own figures and a ratio against jieba measured in the same
run; quote those ratios, not absolute times, since machines are noisy.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_ingest.py", "bench_segment.py", "bench_slogans.py", "bench_numbers.py", "bench_formulas.py", "bench_reuse.py"]


def main() -> int:
    for script in SCRIPTS:
        print(f"\n== {script}", flush=True)
        sys.argv = [script]
        try:
            runpy.run_path(str(HERE / script), run_name="__main__")
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                return int(exit_.code) if isinstance(exit_.code, int) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
