"""Notebook parameters: a misspelled papermill parameter (``-p seed_dir ...``) must stop the run,
not render a full report on the bundled articles that looks right.

Papermill runs a notebook's parameters cell (which starts with ``# Parameters (``), then injects a
cell that starts with ``# Parameters`` and assigns each parameter it was given. The first cell
after the parameters cell calls :func:`reject_unknown`, which reads both cells from IPython's
history: a name papermill injected that the parameters cell does not define fails with a message
naming it and the ones that exist, and papermill exits non-zero. In JupyterLab nothing is
injected, so nothing is checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from caravan_claims.errors import InputError

_INJECTED_HEADER = "# Parameters\n"
_DEFAULTS_HEADER = "# Parameters ("
_ASSIGNED = re.compile(r"^([A-Za-z_]\w*)\s*=", re.MULTILINE)


def _last_cell(history: Sequence[str], header: str) -> str | None:
    return next((s for s in reversed(list(history)) if s.startswith(header)), None)


def injected_names(history: Sequence[str]) -> list[str]:
    """The names papermill's injected-parameters cell assigned (the last such cell run)."""
    source = _last_cell(history, _INJECTED_HEADER)
    return _ASSIGNED.findall(source) if source else []


def defined_names(history: Sequence[str]) -> list[str]:
    """The names the notebook's own parameters cell defines."""
    source = _last_cell(history, _DEFAULTS_HEADER)
    return _ASSIGNED.findall(source) if source else []


def unknown_parameters(history: Sequence[str]) -> list[str]:
    known = set(defined_names(history))
    return [name for name in injected_names(history) if name not in known]


def reject_unknown(notebook: str, history: Sequence[str] | None = None) -> None:
    """Raise :class:`InputError` when papermill was given a parameter the notebook does not
    define. ``history`` defaults to IPython's ``In`` (the sources of the cells run so far)."""
    history = _ipython_history() if history is None else history
    unknown = unknown_parameters(history)
    if unknown:
        known = ", ".join(sorted(defined_names(history)))
        raise InputError(
            f"{notebook}: unknown parameter(s) {', '.join(repr(n) for n in unknown)}; "
            f"expected one of {known}"
        )


def _ipython_history() -> list[str]:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the kernel
        return []
    shell = get_ipython()
    return list(shell.user_ns.get("In", [])) if shell is not None else []
