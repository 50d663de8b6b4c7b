"""Run the no-op or the real app under gunicorn with ``cds-service serve``'s settings.

    python -m benchmarks.server {noop,naive,real} PORT WORKERS THREADS

The real app reads its settings from the environment (``CDS_*``, ``DATABASE_URL``).
"""

from __future__ import annotations

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
    run_gunicorn(gunicorn_options(port=port, workers=workers, threads=threads), factory)


if __name__ == "__main__":
    main(sys.argv[1:])
