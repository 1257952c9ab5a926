"""Stage 2 (extraction), continued — which figures repeat an earlier report.

A wire story (AP, Reuters, AFP, EFE) is republished whole or trimmed by many sites, often with a
new headline or a local paragraph; five copies of "at least 7,000 people" are one report. Copies
are found per *sentence that carries a figure*, not per article: a trimmed copy shares only part
of the article, so whole-article similarity misses it, while the figure's sentence survives word
for word (or nearly: "Reuters reported" added). Each sentence becomes a set of word 3-shingles;
MinHash LSH (``datasketch``) proposes earlier sentences that may overlap, and a candidate counts
when the shorter sentence's shingles are mostly contained in the other's (containment, not
Jaccard, so a trimmed or extended sentence still matches). A figure in a copied sentence is a
copy of the figure with the same value and qualifier in the earlier sentence; ``copy_of`` names
the *earliest* claim of the chain (articles ordered by publication date, then id). The index is
built once in that order and queried once per sentence, so the work grows with the number of
sentences, not their pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from datasketch import MinHash, MinHashLSH

from caravan_claims import lexicons

NUM_PERM = 64
LSH_THRESHOLD = 0.3  # Jaccard at which LSH proposes a candidate: low, for recall
CONTAINMENT = 0.6  # share of the shorter sentence's shingles the other must hold
# Candidates compared per sentence, the earliest first: text repeating itself thousands of times
# (a scraped table) would otherwise make every sentence a candidate of every other.
MAX_CANDIDATES = 200
SHINGLE = 3
_TOKEN = re.compile(r"\w+(?:[.,]\d+)*", re.UNICODE)


def tokens(sentence: str) -> list[str]:
    """Lower-case words; numbers with their separators dropped ("7,000" and "7000" agree)."""
    return [t.lower().replace(",", "") for t in _TOKEN.findall(sentence)]


def shingles(sentence: str) -> frozenset[str]:
    words = tokens(sentence)
    if len(words) < SHINGLE:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / min(|a|, |b|): 1 when the shorter sentence lies wholly inside the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def wire_agency(text: str, outlet: str = "") -> str:
    """The wire agency an article names as its origin in its dateline or credit ("(AP) —",
    "(Reuters) -", "Agence France-Presse"), or whose name is the outlet; empty otherwise."""
    head = text[:400] + "\n" + text[-300:]
    for row in lexicons.rows("wire_agencies"):
        if re.search(row["pattern"], outlet) or re.search(row["pattern"], head):
            return row["agency"]
    return ""


@dataclass
class _Sentence:
    key: str
    article_id: str
    shingles: frozenset[str]
    claims: list[dict]


def _minhash(shingle_set: Iterable[str]) -> MinHash:
    sketch = MinHash(num_perm=NUM_PERM, seed=1)
    sketch.update_batch([s.encode("utf-8") for s in shingle_set])
    return sketch


def _article_order(corpus: pd.DataFrame) -> list[str]:
    """Articles oldest first (undated last); on the same day a wire agency's own story comes
    before the sites that carry it, then by id: the first to carry a sentence is its original."""
    ordered = corpus.assign(
        _missing=corpus["published"].isna(),
        _not_agency=[not wire_agency("", str(o)) for o in corpus["outlet"]],
    ).sort_values(["_missing", "published", "_not_agency", "article_id"])
    return list(ordered["article_id"])


def _sentences(claims: pd.DataFrame, order: list[str]) -> Iterable[_Sentence]:
    """The claims' sentences in article order, each with its claims; the table is turned into
    plain records once (per-group pandas conversions dominated on large corpora)."""
    columns = [c for c in ("claim_id", "article_id", "sentence_start", "sentence", "low", "high",
                           "qualifier", "quote") if c in claims.columns]  # fmt: skip
    by_sentence: dict[str, dict[int, list[dict]]] = {}
    for record in claims[columns].to_dict("records"):
        article = by_sentence.setdefault(record["article_id"], {})
        article.setdefault(int(record["sentence_start"]), []).append(record)
    for article_id in order:
        for sentence_start, records in sorted(by_sentence.get(article_id, {}).items()):
            yield _Sentence(
                key=f"{article_id}:{sentence_start}",
                article_id=article_id,
                shingles=shingles(records[0]["sentence"]),
                claims=records,
            )


def find_copies(claims: pd.DataFrame, corpus: pd.DataFrame) -> dict[str, str]:
    """claim_id → the claim_id of the earliest claim it repeats (only claims that are copies)."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    seen: dict[str, _Sentence] = {}
    order: dict[str, int] = {}  # insertion order, for a deterministic choice among candidates
    first_with: dict[frozenset[str], _Sentence] = {}  # the first sentence with these shingles
    copy_of: dict[str, str] = {}
    for sentence in _sentences(claims, _article_order(corpus)):
        if not sentence.shingles:
            continue
        identical = first_with.get(sentence.shingles)
        if identical is not None:
            # The same words again: in the same article it is no copy; in another, the first
            # article to carry them is the original. Either way no index look-up is needed.
            if identical.article_id != sentence.article_id:
                _link(sentence, identical, copy_of)
            continue
        first_with[sentence.shingles] = sentence
        sketch = _minhash(sentence.shingles)
        candidates = sorted(lsh.query(sketch), key=order.__getitem__)[:MAX_CANDIDATES]
        original = _best_earlier(sentence, [seen[k] for k in candidates])
        if original is not None:
            _link(sentence, original, copy_of)
        if sentence.key not in seen:
            lsh.insert(sentence.key, sketch)
            order[sentence.key] = len(order)
            seen[sentence.key] = sentence
    return copy_of


def _link(sentence: _Sentence, original: _Sentence, copy_of: dict[str, str]) -> None:
    """Each figure of a copied sentence points to the same figure of the original, or to what
    that one copies."""
    for claim in sentence.claims:
        match = _same_figure(claim, original.claims)
        if match is not None:
            copy_of[claim["claim_id"]] = copy_of.get(match["claim_id"], match["claim_id"])


def _best_earlier(sentence: _Sentence, candidates: list[_Sentence]) -> _Sentence | None:
    best, best_score = None, CONTAINMENT
    for candidate in candidates:
        if candidate.article_id == sentence.article_id:
            continue  # a headline repeating its own body is not a copy
        score = containment(sentence.shingles, candidate.shingles)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = candidate, score
    return best


def _same_figure(claim: dict, originals: list[dict]) -> dict | None:
    same_value = [
        o
        for o in originals
        if (o["low"], o["high"], o["qualifier"])
        == (claim["low"], claim["high"], claim["qualifier"])
    ]
    exact = [o for o in same_value if o["quote"] == claim["quote"]]
    return (exact or same_value or [None])[0]


def annotate(claims: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """The claims table with ``copy_of`` (earliest claim repeated; empty for an original) and
    ``wire`` (the agency the claim's article names as its origin, if any)."""
    annotated = claims.copy()
    copies = find_copies(claims, corpus)
    annotated["copy_of"] = [copies.get(c, "") for c in claims["claim_id"]]
    agencies = {
        row.article_id: wire_agency(row.text, row.outlet) for row in corpus.itertuples(index=False)
    }
    annotated["wire"] = [agencies.get(a, "") for a in claims["article_id"]]
    return annotated
