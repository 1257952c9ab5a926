"""quantulum3, the baseline the benchmarks compare against, made to run whatever scikit-learn is
installed: its bundled unit classifier is a pickle of the scikit-learn it was built with, which
a newer scikit-learn cannot read (``No module named '_loss'``). Then quantulum3 runs with its own
fallback, the heuristic disambiguation it uses when no classifier is installed, and the
benchmark says so."""

from __future__ import annotations

import functools
import sys
import warnings


@functools.cache
def quantulum_parser():
    """``quantulum3.parser``, with its classifier when it loads, else its heuristics (a note on
    stderr)."""
    from quantulum3 import classifier, parser

    if classifier.USE_CLF:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                classifier.classifier("en_US", None)
        except Exception as err:  # a pickle this scikit-learn cannot read
            classifier.USE_CLF = False
            print(
                f"note: quantulum3's unit classifier does not load with this scikit-learn "
                f"({type(err).__name__}: {err}); quantulum3 runs with its heuristic "
                "disambiguation instead",
                file=sys.stderr,
            )
    return parser
