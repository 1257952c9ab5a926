"""Shared fixtures: small article folders written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    """A folder of two articles written for the tests, with no metadata file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "alpha.txt").write_text(
        "About 3,000 migrants left Tapachula on Monday, officials said.\n", encoding="utf-8"
    )
    (folder / "beta.txt").write_text(
        "Police said between 2,000 and 4,000 people joined the march.\n", encoding="utf-8"
    )
    return folder
