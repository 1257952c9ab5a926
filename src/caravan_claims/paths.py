"""Where the bundled inputs live, so notebooks run alike from JupyterLab, papermill and the CLI."""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "pyproject.toml"


def project_root() -> Path:
    """The repository root: $CARAVAN_CLAIMS_ROOT, else the checkout this package was installed from,
    else the nearest parent of the working directory holding ``seeds/`` and ``data/``."""
    env = os.environ.get("CARAVAN_CLAIMS_ROOT")
    if env:
        return Path(env).resolve()
    source_checkout = Path(__file__).resolve().parents[2]
    if (source_checkout / MARKER).is_file() and (source_checkout / "data").is_dir():
        return source_checkout
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / "seeds").is_dir() and (candidate / "data").is_dir():
            return candidate
    return here


def bundled_seeds_dir() -> Path:
    return project_root() / "seeds"


def data_dir() -> Path:
    return project_root() / "data"


def reports_dir() -> Path:
    return project_root() / "reports"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"
