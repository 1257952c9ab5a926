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

import contextlib
import functools
import gc
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from hashlib import sha1

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32

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
    for pattern, agency in _agency_patterns():
        if pattern.search(outlet) or pattern.search(head):
            return agency
    return ""


@functools.cache
def _agency_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``lexicons/wire_agencies.csv`` compiled once: (pattern, agency), in the file's order."""
    return tuple(
        (re.compile(row["pattern"]), row["agency"]) for row in lexicons.rows("wire_agencies")
    )


@dataclass
class Sketches:
    """Copy detection's view of some claims, computed where they are extracted (a worker), so
    that the process finding copies needs neither their text nor the hashing: each sentence
    that carries a figure, as (article, sentence start), with its shingles; and for the
    sentences that have shingles (one row each, in the same order) their MinHash minima and a
    signature, :data:`SIGNATURE_BITS` bits of which each shingle sets one."""

    keys: list[tuple[str, int]]
    shingles: list[tuple[str, ...]]
    minima: np.ndarray
    signatures: np.ndarray


SIGNATURE_BITS = 256  # as uint64 words: a bound on two sentences' overlap (_overlap_bounds)


def sketch_sentences(claims: pd.DataFrame) -> Sketches:
    """The :class:`Sketches` of a claims table (a batch's, or a whole corpus's): a sentence
    is read from the first of its claims."""
    keys: list[tuple[str, int]] = []
    shingle_sets: list[tuple[str, ...]] = []
    seen: set[tuple[str, int]] = set()
    known: dict[str, tuple[str, ...]] = {}  # a sentence's shingles, once per wording
    for article, start, sentence in zip(
        claims["article_id"], claims["sentence_start"], claims["sentence"], strict=True
    ):
        key = (article, int(start))
        if key in seen:
            continue
        seen.add(key)
        found = known.get(sentence)
        if found is None:
            found = known[sentence] = tuple(shingles(sentence))
        keys.append(key)
        shingle_sets.append(found)
    minima, signatures = _hasher().hash_sets([s for s in shingle_sets if s])
    return Sketches(keys, shingle_sets, minima, signatures)


def _article_order(corpus: pd.DataFrame) -> list[str]:
    """Articles oldest first (undated last); on the same day a wire agency's own story comes
    before the sites that carry it, then by id: the first to carry a sentence is its original."""
    ordered = corpus.assign(
        _missing=corpus["published"].isna(),
        _not_agency=[not wire_agency("", str(o)) for o in corpus["outlet"]],
    ).sort_values(["_missing", "published", "_not_agency", "article_id"])
    return list(ordered["article_id"])


_FIGURE_COLUMNS = ("claim_id", "low", "high", "qualifier", "quote")  # what links two figures
_SEGMENT = 2048  # sentences whose candidates are bounded at once (memory: ~200 pairs each)


def find_copies(
    claims: pd.DataFrame, corpus: pd.DataFrame, sketches: Iterable[Sketches] | None = None
) -> dict[str, str]:
    """claim_id → the claim_id of the earliest claim it repeats (only claims that are copies).

    ``sketches``: the claims' :class:`Sketches`, in claims order, when computed beforehand
    (by the workers that extracted them); else computed here from the ``sentence`` column."""
    finder = CopyFinder()
    for part in [sketch_sentences(claims)] if sketches is None else sketches:
        finder.add(part)
    finder.add_figures(claims)
    return finder.find(corpus)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the index is built: it makes no cycles, only
    millions of small sets and lists, each of which would otherwise wake the collector to
    walk every one made before (most of the time spent on a large corpus)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class CopyFinder:
    """:func:`find_copies` fed a batch at a time, as the batches come back from extraction:
    the sentences' :class:`Sketches` (:meth:`add`) and their figures (:meth:`add_figures`),
    each kept as numbers and plain lists, so that neither the claims tables nor the shingles'
    text need be kept; then :meth:`find` once every article's date is known."""

    def __init__(self) -> None:
        # Each shingle as a number, so comparing two sentences compares numbers, not strings.
        self._number_of: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        self._sentences: dict[tuple[str, int], tuple[frozenset[int], int]] = {}  # shingles, row
        self._starts: dict[str, list[int]] = {}
        self._rows = 0
        self._minima: list[np.ndarray] = []
        self._signatures: list[np.ndarray] = []
        self._columns: dict[str, list] = {c: [] for c in _FIGURE_COLUMNS}
        self._rows_of: dict[tuple[str, int], list[int]] = {}
        self._figures = 0

    def add(self, sketches: Sketches) -> None:
        with _collector_paused():
            number_of, sentences, starts = self._number_of, self._sentences, self._starts
            row = self._rows
            for key, words in zip(sketches.keys, sketches.shingles, strict=True):
                numbers = frozenset(map(number_of.__getitem__, words))
                sentences[key] = (numbers, row)
                row += bool(numbers)
                starts.setdefault(key[0], []).append(key[1])
            self._rows = row
            self._minima.append(sketches.minima)
            self._signatures.append(sketches.signatures)

    def add_figures(self, claims: pd.DataFrame) -> None:
        """The figures of claims whose sentences were added, in the same order."""
        with _collector_paused():
            for column, values in self._columns.items():
                if column in claims.columns:
                    values.extend(claims[column].tolist())
            rows_of = self._rows_of
            keys = zip(claims["article_id"], map(int, claims["sentence_start"]), strict=True)
            for position, key in enumerate(keys, start=self._figures):
                rows_of.setdefault(key, []).append(position)
            self._figures += len(claims)

    def find(self, corpus: pd.DataFrame) -> dict[str, str]:
        """claim_id → the earliest claim it repeats, articles ordered by ``corpus``'s dates and
        outlets (:func:`find_copies`)."""
        with _collector_paused():
            return self._find(corpus)

    def _find(self, corpus: pd.DataFrame) -> dict[str, str]:
        sentences, starts = self._sentences, self._starts
        del self._number_of
        minima = _stack(self._minima, NUM_PERM)
        signatures = _stack(self._signatures, SIGNATURE_BITS // 64)
        del self._minima, self._signatures
        columns = {c: values for c, values in self._columns.items() if values}
        rows_of = self._rows_of

        def figures(key: tuple[str, int]) -> list[dict]:
            return [{c: values[i] for c, values in columns.items()} for i in rows_of[key]]

        # The sentences in article order; those whose words were seen before need no look-up.
        ordered: list[tuple[tuple[str, int], int, frozenset[int]]] = []  # key, article, shingles
        first_with: dict[frozenset[int], int] = {}  # shingles -> the first sentence with them
        first_of: list[int] = []
        fresh_rows: list[int] = []  # rows of the sentences whose words are new, in order
        for number, article in enumerate(_article_order(corpus)):
            for start in sorted(starts.get(article, ())):
                key = (article, start)
                numbers, row = sentences[key]
                if numbers:
                    first = first_with.setdefault(numbers, len(ordered))
                    if first == len(ordered):
                        fresh_rows.append(row)
                    first_of.append(first)
                    ordered.append((key, number, numbers))
        del sentences, first_with
        fresh = _Fresh(
            signatures[fresh_rows],
            np.array(
                [len(ordered[k][2]) for k, f in enumerate(first_of) if f == k], dtype=np.int64
            ),
            np.array([ordered[k][1] for k, f in enumerate(first_of) if f == k], dtype=np.int64),
        )
        del signatures

        index = _BandIndex()
        copy_of: dict[str, str] = {}
        fresh_sets: list[frozenset[int]] = []
        fresh_keys: list[tuple[str, int]] = []
        for segment in range(0, len(ordered), _SEGMENT):
            part = range(segment, min(segment + _SEGMENT, len(ordered)))
            first_fresh = len(fresh_sets)
            new = [k for k in part if first_of[k] == k]
            rows = fresh_rows[first_fresh : first_fresh + len(new)]
            candidates = []
            for number, bands in enumerate(index.bands(minima[rows]), start=first_fresh):
                candidates.append(index.add(number, bands, MAX_CANDIDATES))
            # Only candidates that may reach CONTAINMENT are compared, each with its sentence.
            possible = iter(fresh.possible(first_fresh, candidates))
            for k in part:
                key, article, mine = ordered[k]
                first = first_of[k]
                if first != k:
                    # The same words again: in the same article it is no copy; in another, the
                    # first article to carry them is the original. Either way no look-up is needed.
                    if ordered[first][1] != article:
                        _link(figures(key), figures(ordered[first][0]), copy_of)
                    continue
                best = _best_earlier(mine, next(possible), fresh_sets)
                if best >= 0:
                    _link(figures(key), figures(fresh_keys[best]), copy_of)
                fresh_sets.append(mine)
                fresh_keys.append(key)
        return copy_of


def _stack(tables: list[np.ndarray], width: int) -> np.ndarray:
    filled = [table for table in tables if len(table)]
    if not filled:
        return np.zeros((0, width), dtype=np.uint64)
    return np.concatenate(filled) if len(filled) > 1 else filled[0]


@dataclass
class _Fresh:
    """Per sentence with new words (in order): its signature, size and article number."""

    signatures: np.ndarray
    sizes: np.ndarray
    articles: np.ndarray

    def possible(self, first: int, candidates: list[list[int]]) -> list[list[int]]:
        """For sentences ``first``, ``first + 1``, ...: the candidates in another article whose
        overlap with it may reach ``CONTAINMENT``, in their order. The overlap of two sets is
        at most the size of either less its shingles whose signature bit the other lacks
        (those at least as many as such bits), so a candidate dropped here is one whose
        containment is below ``CONTAINMENT``, as :func:`_best_earlier` would have found."""
        counts = [len(found) for found in candidates]
        total = sum(counts)
        if not total:
            return [[] for _ in candidates]
        theirs = np.fromiter(itertools.chain.from_iterable(candidates), np.int64, total)
        mine = np.repeat(np.arange(first, first + len(candidates)), counts)
        sig_mine, sig_theirs = self.signatures[mine], self.signatures[theirs]
        size_mine, size_theirs = self.sizes[mine], self.sizes[theirs]
        bound = np.minimum(
            size_mine - _popcount(sig_mine & ~sig_theirs),
            size_theirs - _popcount(sig_theirs & ~sig_mine),
        )
        keep = (bound / np.minimum(size_mine, size_theirs) >= CONTAINMENT) & (
            self.articles[mine] != self.articles[theirs]
        )
        kept = theirs[keep].tolist()
        ends = np.cumsum(np.bincount(mine[keep] - first, minlength=len(candidates))).tolist()
        return [kept[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per row of uint64 words."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words).sum(axis=1, dtype=np.int64)
    return _BYTE_BITS[words.view(np.uint8)].sum(axis=1, dtype=np.int64)


_BYTE_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


class _Hasher:
    """MinHash minima of shingle sets: the hash values ``MinHash.update_batch`` gives (with
    ``NUM_PERM`` permutations, seed 1), computed for many sets at once where this version of
    datasketch lets them be (checked on first use), else set by set."""

    def __init__(self) -> None:
        self._empty = MinHash(num_perm=NUM_PERM, seed=1)
        self._permute = _vectorised_permutations(self._empty)

    def hash_sets(self, shingle_sets: list[tuple[str, ...]]) -> tuple[np.ndarray, np.ndarray]:
        """Minima and signatures (:class:`Sketches`), one row per (non-empty) set."""
        dtype = self._empty.hashvalues.dtype
        words = SIGNATURE_BITS // 64
        if not shingle_sets:
            return np.empty((0, NUM_PERM), dtype=dtype), np.zeros((0, words), dtype=np.uint64)
        hashfunc = self._empty.hashfunc
        minima, signatures = [], []
        for first in range(0, len(shingle_sets), _SKETCH_CHUNK):
            chunk = shingle_sets[first : first + _SKETCH_CHUNK]
            if hashfunc is sha1_hash32:  # its values, read from the digests in one step
                digests = b"".join([sha1(s.encode("utf-8")).digest()[:4]
                                    for shingle_set in chunk for s in shingle_set])  # fmt: skip
                hashed = np.frombuffer(digests, dtype="<u4")
            else:
                hashed = [hashfunc(s.encode("utf-8")) for shingle_set in chunk for s in shingle_set]
            offsets = np.cumsum([0, *(len(shingle_set) for shingle_set in chunk[:-1])])
            if self._permute is None:
                minima.append(np.stack([self.sketch(shingle_set) for shingle_set in chunk]))
            else:
                minima.append(np.minimum.reduceat(self._permute(hashed), offsets, axis=0))
            bits = np.array(hashed, dtype=np.uint64) % np.uint64(SIGNATURE_BITS)
            flags = np.zeros((len(hashed), words), dtype=np.uint64)
            flags[np.arange(len(hashed)), (bits // np.uint64(64)).astype(np.intp)] = np.uint64(
                1
            ) << (bits % np.uint64(64))
            signatures.append(np.bitwise_or.reduceat(flags, offsets, axis=0))
        return np.concatenate(minima).astype(dtype, copy=False), np.concatenate(signatures)

    def sketch(self, shingle_set: Iterable[str]) -> np.ndarray:
        """One set's minima, with datasketch itself."""
        sketch = self._empty.copy()  # shares the permutations: no new random draws per sentence
        sketch.update_batch([s.encode("utf-8") for s in shingle_set])
        return sketch.hashvalues


_HASHER: _Hasher | None = None


def _hasher() -> _Hasher:
    global _HASHER
    if _HASHER is None:
        _HASHER = _Hasher()
    return _HASHER


class _BandIndex:
    """MinHash LSH over the sentences in the order they come: what ``MinHashLSH`` (with
    ``LSH_THRESHOLD`` and ``NUM_PERM``) proposes for a query, that is every indexed sentence
    sharing one band of the sketch with it, as insertion numbers, so that the earliest few come
    without sorting every candidate. Bands and their sizes are datasketch's own."""

    def __init__(self) -> None:
        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.ranges = list(lsh.hashranges)
        self.buckets: list[dict[bytes, list[int]]] = [{} for _ in self.ranges]
        width = self.ranges[0][1] - self.ranges[0][0]
        # Bands side by side from the first hash value on: each row's bands in one step.
        self._even = width > 0 and self.ranges == [
            (band * width, (band + 1) * width) for band in range(len(self.ranges))
        ]
        self._width = width

    def bands(self, minima: np.ndarray) -> list[list[bytes]]:
        """Each row of minima as its bands, the keys of their buckets (the bytes of the hash
        values each band covers)."""
        if self._even:
            used = np.ascontiguousarray(minima[:, : self.ranges[-1][1]])
            return used.view(f"V{self._width * used.dtype.itemsize}").tolist()
        return [[row[start:end].tobytes() for start, end in self.ranges] for row in minima]

    def add(self, number: int, bands: list[bytes], limit: int) -> list[int]:
        """Index sentence ``number`` (after every one before it) and return the first
        ``limit`` sentences indexed before it, in insertion order, sharing a band with it."""
        found = []
        for key, table in zip(bands, self.buckets, strict=True):
            bucket = table.get(key)
            if bucket is None:
                table[key] = [number]
            else:
                found.append(bucket)
        if not found:
            return []
        if len(found) == 1:
            earliest = found[0][:limit]
        else:
            # Each bucket is in insertion order, so the earliest of all are among each one's
            # first ``limit``.
            merged = set(found[0][:limit])
            for bucket in found[1:]:
                merged.update(bucket[:limit])
            earliest = sorted(merged)[:limit]
        for bucket in found:
            bucket.append(number)
        return earliest


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


def _link(figures: list[dict], originals: list[dict], copy_of: dict[str, str]) -> None:
    """Each figure of a copied sentence points to the same figure of the original, or to what
    that one copies."""
    for claim in figures:
        match = _same_figure(claim, originals)
        if match is not None:
            copy_of[claim["claim_id"]] = copy_of.get(match["claim_id"], match["claim_id"])


def _best_earlier(mine: frozenset[int], candidates: list[int], sets: list[frozenset[int]]) -> int:
    """The first candidate of the highest containment, if that reaches ``CONTAINMENT``, else
    -1 (:func:`containment`, inlined: it runs for every candidate of every sentence; those in
    the sentence's own article are left out beforehand, :meth:`_Fresh.possible`)."""
    best, best_score = -1, CONTAINMENT
    size = len(mine)
    for candidate in candidates:
        theirs = sets[candidate]
        score = len(mine & theirs) / min(size, len(theirs))
        if score >= best_score and (best < 0 or score > best_score):
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
