"""Build step: copy the content clinicians and integrators edit at the top of the repository
into the package, so a wheel (``pip install .``, not editable) carries it.

    cards/*.yaml, cards/README.md   -> cds_service/bundled/cards/
    sample_bundles/*.json           -> cds_service/bundled/sample_bundles/
    docs/guidance.md                -> cds_service/web/guidance.md

The top-level folders stay the one editable source; nothing is copied into the checkout
(only into the build directory). At run time ``cds_service.config`` uses the bundled copy
when the package has one (an installed wheel) and the repository's folders otherwise (a
checkout or an editable install); ``CDS_CARDS_DIR`` overrides both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
COPIES = (
    ("cards", "cds_service/bundled/cards", ("*.yaml", "README.md")),
    ("sample_bundles", "cds_service/bundled/sample_bundles", ("*.json",)),
)
SINGLE_FILES = (("docs/guidance.md", "cds_service/web/guidance.md"),)


class BuildWithContent(build_py):
    """``build_py`` plus the repository's card content, sample bundles and guidance."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the repository's folders
            return
        build_lib = Path(self.build_lib)
        for source, target, patterns in COPIES:
            destination = build_lib / target
            destination.mkdir(parents=True, exist_ok=True)
            for pattern in patterns:
                for path in sorted((ROOT / source).glob(pattern)):
                    shutil.copy2(path, destination / path.name)
        for source, target in SINGLE_FILES:
            if (ROOT / source).is_file():
                (build_lib / target).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / source, build_lib / target)


setup(cmdclass={"build_py": BuildWithContent})
