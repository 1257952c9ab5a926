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

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
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
    known: dict[str, frozenset[str]] = {}  # a sentence's shingles, once per wording
    one: dict[str, str] = {}  # each shingle as one string object, so comparing two is quick

    def shingled(sentence: str) -> frozenset[str]:
        found = known.get(sentence)
        if found is None:
            found = known[sentence] = frozenset(one.setdefault(s, s) for s in shingles(sentence))
        return found

    for record in claims[columns].to_dict("records"):
        article = by_sentence.setdefault(record["article_id"], {})
        article.setdefault(int(record["sentence_start"]), []).append(record)
    for article_id in order:
        for sentence_start, records in sorted(by_sentence.get(article_id, {}).items()):
            yield _Sentence(
                key=f"{article_id}:{sentence_start}",
                article_id=article_id,
                shingles=shingled(records[0]["sentence"]),
                claims=records,
            )


def find_copies(claims: pd.DataFrame, corpus: pd.DataFrame) -> dict[str, str]:
    """claim_id → the claim_id of the earliest claim it repeats (only claims that are copies)."""
    index = _BandIndex()
    first_with: dict[frozenset[str], _Sentence] = {}  # the first sentence with these shingles
    copy_of: dict[str, str] = {}
    fresh: list[_Sentence] = []  # sentences whose words were not seen before, in order
    first_of: list[_Sentence | None] = []  # per sentence: an earlier one with the same words
    ordered = [s for s in _sentences(claims, _article_order(corpus)) if s.shingles]
    for sentence in ordered:
        first_of.append(first_with.setdefault(sentence.shingles, sentence))
    sketches = iter(
        index.sketches([s.shingles for s, f in zip(ordered, first_of, strict=True) if f is s])
    )
    for sentence, identical in zip(ordered, first_of, strict=True):
        if identical is not sentence:
            # The same words again: in the same article it is no copy; in another, the first
            # article to carry them is the original. Either way no index look-up is needed.
            if identical.article_id != sentence.article_id:
                _link(sentence, identical, copy_of)
            continue
        fresh.append(sentence)
        sketch = next(sketches)
        candidates = index.earliest(sketch, MAX_CANDIDATES)
        original = _best_earlier(sentence, [fresh[k] for k in candidates])
        if original is not None:
            _link(sentence, original, copy_of)
        index.insert(len(fresh) - 1, sketch)
    return copy_of


class _BandIndex:
    """MinHash LSH over the sentences in the order they come: what ``MinHashLSH`` (with
    ``LSH_THRESHOLD`` and ``NUM_PERM``) proposes for a query, that is every indexed sentence
    sharing one band of the sketch with it, as insertion numbers, so that the earliest few come
    without sorting every candidate. Bands and their sizes are datasketch's own."""

    def __init__(self) -> None:
        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.ranges = list(lsh.hashranges)
        self.buckets: list[dict[bytes, list[int]]] = [{} for _ in self.ranges]
        self._empty = MinHash(num_perm=NUM_PERM, seed=1)
        self._permute = _vectorised_permutations(self._empty)

    def sketches(self, shingle_sets: list[frozenset[str]]) -> list[list[bytes]]:
        """Each set's sketch as its bands, the keys of their buckets: the hash values
        ``MinHash.update_batch`` gives, computed for many sets at once where this version of
        datasketch lets them be (checked on first use), else set by set."""
        if self._permute is None:
            return [self.sketch(shingle_set) for shingle_set in shingle_sets]
        width = self._empty.hashvalues.dtype.itemsize
        cuts = [(start * width, end * width) for start, end in self.ranges]
        bands: list[list[bytes]] = []
        hashfunc = self._empty.hashfunc
        for first in range(0, len(shingle_sets), _SKETCH_CHUNK):
            chunk = shingle_sets[first : first + _SKETCH_CHUNK]
            hashed = [hashfunc(s.encode("utf-8")) for shingle_set in chunk for s in shingle_set]
            offsets = np.cumsum([0, *(len(shingle_set) for shingle_set in chunk[:-1])])
            minima = np.minimum.reduceat(self._permute(hashed), offsets, axis=0)
            for row in minima:
                data = row.tobytes()
                bands.append([data[low:high] for low, high in cuts])
        return bands

    def sketch(self, shingle_set: Iterable[str]) -> list[bytes]:
        """One set's sketch as its bands, with datasketch itself."""
        sketch = self._empty.copy()  # shares the permutations: no new random draws per sentence
        sketch.update_batch([s.encode("utf-8") for s in shingle_set])
        values = sketch.hashvalues
        return [values[start:end].tobytes() for start, end in self.ranges]

    def earliest(self, bands: list[bytes], limit: int) -> list[int]:
        """The first ``limit`` sentences, in insertion order, sharing a band with ``bands``."""
        found = [bucket for key, table in zip(bands, self.buckets, strict=True)
                 if (bucket := table.get(key))]  # fmt: skip
        if not found:
            return []
        if len(found) == 1:
            return found[0][:limit]
        earliest: list[int] = []
        last = -1
        for number in heapq.merge(*found):
            if number != last:
                earliest.append(number)
                if len(earliest) == limit:
                    break
                last = number
        return earliest

    def insert(self, number: int, bands: list[bytes]) -> None:
        for key, table in zip(bands, self.buckets, strict=True):
            table.setdefault(key, []).append(number)


_SKETCH_CHUNK = 2000  # sentences sketched at once: a few MB of permuted hash values


def _vectorised_permutations(empty: MinHash):
    """A function from the hash values of many shingles to their permuted values (one row per
    shingle), as ``MinHash.update_batch`` permutes them before taking the minimum; None when
    this version of datasketch permutes otherwise than the schemes known here."""
    a, b = (np.asarray(p) for p in empty.permutations)
    scheme = getattr(empty, "scheme", "legacy")
    if scheme == "affine32" and empty.hashvalues.dtype == np.uint32:
        try:
            from datasketch.minhash import _fmix
        except ImportError:
            return None

        def permute(hashed: list[int]):
            values = _fmix(np.array(hashed, dtype=np.uint32), 32).reshape(-1, 1)
            return values * a + b

    elif scheme == "legacy" and empty.hashvalues.dtype == np.uint64:
        prime, top = np.uint64((1 << 61) - 1), np.uint64((1 << 32) - 1)

        def permute(hashed: list[int]):
            values = np.array(hashed, dtype=np.uint64).reshape(-1, 1)
            return np.bitwise_and((values * a + b) % prime, top)

    else:
        return None
    # The proof: the same minima as datasketch's own on a few sets, else its own way.
    long = [f"w{i} w{i + 1} w{i + 2}".encode() for i in range(40)]
    samples = [[b"a b c", b"b c d"], [b"x"], long]
    hashfunc = empty.hashfunc
    with np.errstate(over="ignore"):
        for sample in samples:
            sketch = empty.copy()
            sketch.update_batch(sample)
            mine = permute([hashfunc(s) for s in sample]).min(axis=0)
            if not np.array_equal(np.minimum(empty.hashvalues, mine), sketch.hashvalues):
                return None
    return permute


def _link(sentence: _Sentence, original: _Sentence, copy_of: dict[str, str]) -> None:
    """Each figure of a copied sentence points to the same figure of the original, or to what
    that one copies."""
    for claim in sentence.claims:
        match = _same_figure(claim, original.claims)
        if match is not None:
            copy_of[claim["claim_id"]] = copy_of.get(match["claim_id"], match["claim_id"])


def _best_earlier(sentence: _Sentence, candidates: list[_Sentence]) -> _Sentence | None:
    """The first candidate of the highest containment, if that reaches ``CONTAINMENT``
    (:func:`containment`, inlined: it runs for every candidate of every sentence)."""
    best, best_score = None, CONTAINMENT
    mine, article = sentence.shingles, sentence.article_id
    size = len(mine)
    for candidate in candidates:
        if candidate.article_id == article:
            continue  # a headline repeating its own body is not a copy
        theirs = candidate.shingles
        if not theirs:
            continue
        score = len(mine & theirs) / min(size, len(theirs))
        if score >= best_score and (best is None or score > best_score):
            best, best_score = candidate, score
            if score >= 1.0:
                break  # no later candidate can score higher
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
