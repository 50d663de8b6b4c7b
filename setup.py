"""Build step: copy repository documents the service serves into the package.

Everything else is declared in pyproject.toml. ``docs/guidance.md`` is written for readers
of the repository and is served at ``/guidance``; the wheel carries it as
``cds_service/web/guidance.md`` (an editable install reads the repository file).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# repository file -> path inside the built package tree
SERVED_DOCUMENTS = {"docs/guidance.md": "cds_service/web/guidance.md"}


class BuildWithServedDocuments(build_py):
    """``build_py`` that also copies the served documents into the build tree."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for source, target in SERVED_DOCUMENTS.items():
            dest = Path(self.build_lib) / target
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / source, dest)


setup(cmdclass={"build_py": BuildWithServedDocuments})
