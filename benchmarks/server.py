"""Run the no-op or the real app under gunicorn with ``cds-service serve``'s settings.

    python -m benchmarks.server {noop,naive,real} PORT WORKERS THREADS

The real app reads its settings from the environment (``CDS_*``, ``DATABASE_URL``);
``BENCH_WORKER_CLASS`` names another gunicorn worker class than serve's (e.g. ``sync``).
"""

from __future__ import annotations

import os
import sys

from cds_service.cli.serve import gunicorn_options, run_gunicorn


def main(argv: list[str]) -> None:
    kind, port, workers, threads = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    if kind == "noop":
        from benchmarks.noop_app import create_noop_app as factory
    elif kind == "naive":
        from benchmarks.naive_app import create_naive_app as factory
    else:
        from cds_service import create_app as factory
    # another gunicorn worker class to compare with serve's own (benchmarks/slow_clients.py)
    worker_class = os.environ.get("BENCH_WORKER_CLASS") or None
    run_gunicorn(gunicorn_options(port=port, workers=workers, threads=threads,
                                  worker_class=worker_class), factory)


if __name__ == "__main__":
    main(sys.argv[1:])
