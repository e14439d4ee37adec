"""Where things live: the repository, its data, figures and seeds.

Nothing here logs or touches the disk on import.

>>> (REPOSITORY / "lib" / "tifa").is_dir()
True
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE / "data"
REPOSITORY = PACKAGE.parent.parent
DATA = REPOSITORY / "data"
CORPORA = DATA / "corpora"
FIGURES = REPOSITORY / "figures"
SEEDS = REPOSITORY / "seeds"
NOTEBOOKS = REPOSITORY / "notebooks"
GOLD = REPOSITORY / "tests" / "gold"

NATIONAL_CORPUS = CORPORA / "national-gwr"
PROVINCIAL_CORPUS = CORPORA / "provincial-gwr-2025"
SEEDS_MANIFEST = SEEDS / "manifest.csv"
