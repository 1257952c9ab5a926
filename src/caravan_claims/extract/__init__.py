"""Stage 2 — every figure an article reports, with qualifier, unit, rate, hedge, source and period.

One row per figure. Offsets index the article text exactly as decoded, so
``text[start:end] == quote`` always holds. Numbers that are *not* figures (dates, years, clock
times, ordinals, identifiers such as "Title 42", citation markers, scrape junk) are returned
separately with the reason, so a reader can audit what was left out.

The steps, one module each, in the order they run:

- ``finding``: numbers in digits, words, vague amounts, fractions and currencies (values read by
  ``caravan_claims.numbers``);
- ``rejections``: the numbers that are not figures, with the reason;
- ``ranges``: ranges, chains and shares joined or kept apart;
- ``units``: what each figure counts or measures;
- ``qualifiers``: its qualifier and rate;
- ``assembly``: the article read once, the context of each figure, offsets back to the text.

Their word lists are data files in ``caravan_claims/lexicons/`` (``lexicon`` loads them).
"""

from caravan_claims.extract.assembly import (
    LONGEST_SENTENCE,
    SENTENCE_WINDOW,
    extract_corpus,
    extract_text,
)
from caravan_claims.extract.lexicon import (
    COUNTED_NOUNS,
    IDENTIFIER_WORDS,
    MEASURE_UNITS,
    PEOPLE_NOUNS,
    QUALIFIER_PHRASES,
)
from caravan_claims.extract.records import (
    CLAIM_COLUMNS,
    QUALIFIERS,
    REJECTED_COLUMNS,
    Claim,
    Figure,
    Rejected,
)

__all__ = [
    "CLAIM_COLUMNS",
    "COUNTED_NOUNS",
    "IDENTIFIER_WORDS",
    "LONGEST_SENTENCE",
    "MEASURE_UNITS",
    "PEOPLE_NOUNS",
    "QUALIFIERS",
    "QUALIFIER_PHRASES",
    "REJECTED_COLUMNS",
    "SENTENCE_WINDOW",
    "Claim",
    "Figure",
    "Rejected",
    "extract_corpus",
    "extract_text",
]
