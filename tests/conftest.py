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


@pytest.fixture(scope="module")
def rules_alone():
    """Roles and groups from the rules alone, without the learned models' second opinions
    (role_model, group_model): for the modules that test one rule each on a sentence of their
    own. The models are measured on the coverage splits instead (make bench,
    tests/bench/train_models.py)."""
    from caravan_claims import group_model, role_model

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(role_model, "model", lambda: None)
        patch.setattr(group_model, "models", lambda: {})
        yield
