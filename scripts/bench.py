"""`make bench`: the payroll run benchmark (services/payroll/bench/run_bench.py). Not part of `make test`.

    uv run python scripts/bench.py --workers 10000
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "services" / "payroll" / "bench"))

from run_bench import main

if __name__ == "__main__":
    main()
