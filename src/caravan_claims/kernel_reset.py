"""Run inside a report kernel between two notebooks: leave it as a new kernel would be, but with
the modules already imported.

A kernel is kept for several reports because starting one and importing pandas, matplotlib and
this package costs more than most reports' own work. What a notebook leaves behind is undone here:
its variables (``%reset``), open figures, matplotlib settings, warning filters and the "shown once"
memory of warnings, the working folder and the execution counter. Module-level state of imported
packages stays, which is why a notebook that changes other global state should be run with
``--fresh-kernels``. Kept light: no import beyond the standard library and matplotlib.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from typing import Any

_FIRST_STATE: dict[str, Any] = {}


def fresh_start(shell: Any, cwd: str) -> None:
    """Undo what the previous notebook left (``shell``: the kernel's IPython shell)."""
    shell.reset(new_session=True)  # variables, history and the execution counter, as %reset
    os.chdir(cwd)
    _restore_warnings()
    _restore_matplotlib()
    gc.collect()


def settle() -> None:
    """Run once the kernel has imported what reports need: set the imported modules' objects
    apart from the garbage collector's scans (``gc.freeze``). They live as long as the kernel,
    and scanning them was most of the cost of :func:`fresh_start` and of a notebook's own full
    collections (0.17 s before each report, 0.01 s after)."""
    gc.collect()
    gc.freeze()


def _restore_warnings() -> None:
    first = _FIRST_STATE.setdefault("warning_filters", list(warnings.filters))
    warnings.filters[:] = first
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
    mutated = getattr(warnings, "_filters_mutated", None)
    if mutated is not None:  # forget cached "already shown" decisions
        mutated()


def _restore_matplotlib() -> None:
    import matplotlib
    import matplotlib.pyplot as plt

    if "rc" not in _FIRST_STATE:
        # What a notebook's first plot does: load the backend (the inline one sets itself up
        # then, interactive mode included), so the settings kept are those a plot sees.
        plt.switch_backend(matplotlib.get_backend())
        _FIRST_STATE["rc"] = matplotlib.rcParams.copy()
    plt.close("all")
    first = _FIRST_STATE["rc"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated keys in the copy warn when set back
        matplotlib.rcParams.update(first)
