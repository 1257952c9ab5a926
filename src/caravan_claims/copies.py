"""Stage 2 (extraction), continued — which figures repeat an earlier report.

A wire story (AP, Reuters, AFP, EFE) is republished whole or trimmed by many sites, often with a
new headline or a local paragraph; five copies of "at least 7,000 people" are one report. Copies
are found per *sentence that carries a figure*, not per article: a trimmed copy shares only part
of the article, so whole-article similarity misses it, while the figure's sentence survives word
for word (or nearly: "Reuters reported" added). Each sentence becomes a set of word 3-shingles
(kept as their 32-bit hash values once sketched: smaller to hold and quicker to compare);
MinHash LSH (``datasketch``) proposes earlier sentences that may overlap, and a candidate counts
when the shorter sentence's shingles are mostly contained in the other's (containment, not
Jaccard, so a trimmed or extended sentence still matches). A figure in a copied sentence is a
copy of the figure with the same value and qualifier in the earlier sentence; ``copy_of`` names
the *earliest* claim of the chain (articles ordered by publication date, then id). The index is
built once in that order and queried once per sentence, so the work grows with the number of
sentences, not their pairs. A copy is looked for only among the sentences published at most
``COPY_WINDOW_DAYS`` before it (:class:`CopyFinder`): the index drops older ones as it goes, so
its memory grows with a window's sentences, not the corpus's.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import heapq
import itertools
import math
import pickle
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from caravan_claims import lexicons

if TYPE_CHECKING:
    from datasketch import MinHash

# datasketch (with scipy under it) is imported where sentences are first sketched or indexed,
# not with this module: a report kernel reads an extraction already made and never needs it.

NUM_PERM = 64
LSH_THRESHOLD = 0.3  # Jaccard at which LSH proposes a candidate: low, for recall
CONTAINMENT = 0.6  # share of the shorter sentence's shingles the other must hold
# Candidates compared per sentence, the earliest first: text repeating itself thousands of times
# (a scraped table) would otherwise make every sentence a candidate of every other.
MAX_CANDIDATES = 200
SHINGLE = 3
# A copy is looked for among the sentences published at most this many days before it: wire
# copies are republished within days or weeks, and the index holds only that window.
COPY_WINDOW_DAYS = 90
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
    shingles: list[tuple[int, ...]]  # each shingle as its 32-bit hash: compact, quick to compare
    minima: np.ndarray
    signatures: np.ndarray


SIGNATURE_BITS = 256  # as uint64 words: a bound on two sentences' overlap (_overlap_bounds)


def sketch_sentences(claims: pd.DataFrame) -> Sketches:
    """The :class:`Sketches` of a claims table (a batch's, or a whole corpus's): a sentence
    is read from the first of its claims, and each wording is shingled and hashed once."""
    keys: list[tuple[str, int]] = []
    wording_of: list[int] = []  # per sentence, its place among the wordings
    seen: set[tuple[str, int]] = set()
    known: dict[str, int] = {}
    wordings: list[tuple[str, ...]] = []
    for article, start, sentence in zip(
        claims["article_id"], claims["sentence_start"], claims["sentence"], strict=True
    ):
        key = (article, int(start))
        if key in seen:
            continue
        seen.add(key)
        found = known.get(sentence)
        if found is None:
            found = known[sentence] = len(wordings)
            wordings.append(tuple(shingles(sentence)))
        keys.append(key)
        wording_of.append(found)
    filled = [number for number, words in enumerate(wordings) if words]
    minima, signatures, hashed = _hasher().hash_sets([wordings[number] for number in filled])
    row_of = {number: row for row, number in enumerate(filled)}
    rows = [row_of[number] for number in wording_of if number in row_of]
    as_hashes = [hashed[row_of[number]] if number in row_of else () for number in wording_of]
    return Sketches(keys, as_hashes, minima[rows], signatures[rows])


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
    claims: pd.DataFrame,
    corpus: pd.DataFrame,
    sketches: Iterable[Sketches] | None = None,
    window_days: float | None = COPY_WINDOW_DAYS,
) -> dict[str, str]:
    """claim_id → the claim_id of the earliest claim it repeats (only claims that are copies).

    ``sketches``: the claims' :class:`Sketches`, in claims order, when computed beforehand
    (by the workers that extracted them); else computed here from the ``sentence`` column.
    ``window_days``: how long after a sentence a copy of it is still counted
    (:class:`CopyFinder`)."""
    finder = CopyFinder(window_days)
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
    each spilled to a temporary folder as it comes, so that memory holds neither the claims
    tables nor every sentence; then :meth:`find` once every article's date is known.

    ``window_days``: a sentence is a copy only of sentences published at most that many days
    before it (None: of any earlier sentence). :meth:`find` reads the sentences back one
    window-wide slice of dates at a time and drops from its index every sentence older than
    the window, so that memory grows with the sentences of a window, not of the corpus.
    Undated articles come last: they are compared with the dated sentences still in the window
    after the last dated article, and with each other, and are never dropped."""

    def __init__(self, window_days: float | None = COPY_WINDOW_DAYS) -> None:
        if window_days is not None and not window_days > 0:
            raise ValueError(f"window_days must be positive or None, not {window_days!r}")
        self.window_days = window_days
        self._folder = tempfile.TemporaryDirectory(prefix="caravan-copies-")
        self._sketch_parts: list[Path] = []
        self._figure_parts: list[Path] = []
        self.most_indexed = 0  # after :meth:`find`: the most sentences its index held at once

    def close(self) -> None:
        """Remove the spilled sentences (also done when the finder is collected)."""
        self._folder.cleanup()

    def _spill(self, parts: list[Path], kind: str, payload: object) -> None:
        path = Path(self._folder.name) / f"{kind}-{len(parts):08d}.pickle"
        with path.open("wb") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        parts.append(path)

    def add(self, sketches: Sketches) -> None:
        self._spill(self._sketch_parts, "sketches", sketches)

    def add_figures(self, claims: pd.DataFrame) -> None:
        """The figures of claims whose sentences were added (in any order)."""
        columns = {c: claims[c].tolist() for c in _FIGURE_COLUMNS if c in claims.columns}
        keys = list(zip(claims["article_id"], map(int, claims["sentence_start"]), strict=True))
        self._spill(self._figure_parts, "figures", (keys, columns))

    def find(self, corpus: pd.DataFrame) -> dict[str, str]:
        """claim_id → the earliest claim it repeats, articles ordered by ``corpus``'s dates and
        outlets (:func:`find_copies`)."""
        with _collector_paused():
            try:
                return self._find(corpus)
            finally:
                self.close()

    def _slices(self, corpus: pd.DataFrame) -> tuple[dict[str, tuple[int, int, float]], int]:
        """Per article: (its slice of dates, its place in article order, its day), and the
        number of slices. A slice spans ``window_days``, so the sentences a sentence may copy
        are in its own slice or the one before; undated articles are the last slice."""
        order = _article_order(corpus)
        published = pd.to_datetime(corpus["published"], errors="coerce")
        epoch = published.min()
        days = dict(
            zip(
                corpus["article_id"],
                ((published - epoch) / pd.Timedelta(days=1)).tolist(),
                strict=True,
            )
        )
        placed: dict[str, tuple[int, int, float]] = {}
        last = 0
        for number, article in enumerate(order):
            day = days.get(article, math.nan)
            if math.isnan(day):
                placed[article] = (-1, number, math.nan)
            else:
                part = 0 if self.window_days is None else int(day // self.window_days)
                last = max(last, part)
                placed[article] = (part, number, day)
        undated = last + 1
        return {a: (undated if p < 0 else p, n, d) for a, (p, n, d) in placed.items()}, undated + 1

    def _distribute(self, placed: dict, n_slices: int) -> list[Path]:
        """Each spilled sentence and its figures, appended to the file of its slice."""
        folder = Path(self._folder.name)
        paths = [folder / f"slice-{s:08d}.pickle" for s in range(n_slices)]
        handles: dict[int, object] = {}

        def write(part: int, record: object) -> None:
            handle = handles.get(part)
            if handle is None:
                handle = handles[part] = paths[part].open("ab")
            pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)

        try:
            for path in self._sketch_parts:
                with path.open("rb") as handle:
                    sketches: Sketches = pickle.load(handle)
                path.unlink()
                row = 0
                by_slice: defaultdict[int, list] = defaultdict(list)
                for key, words in zip(sketches.keys, sketches.shingles, strict=True):
                    place = placed.get(key[0])
                    if words:
                        if place is not None:
                            by_slice[place[0]].append(
                                ("s", key, words, sketches.minima[row], sketches.signatures[row])
                            )
                        row += 1
                for part, records in by_slice.items():
                    write(part, records)
            for path in self._figure_parts:
                with path.open("rb") as handle:
                    keys, columns = pickle.load(handle)
                path.unlink()
                by_slice = defaultdict(list)
                for position, key in enumerate(keys):
                    place = placed.get(key[0])
                    if place is not None:
                        figure = {c: values[position] for c, values in columns.items()}
                        by_slice[place[0]].append(("f", key, figure))
                for part, records in by_slice.items():
                    write(part, records)
        finally:
            for handle in handles.values():
                handle.close()
        return paths

    def _find(self, corpus: pd.DataFrame) -> dict[str, str]:
        placed, n_slices = self._slices(corpus)
        paths = self._distribute(placed, n_slices)
        window = _Window(self.window_days)
        for part, path in enumerate(paths):
            sentences: list = []
            figures: defaultdict[tuple[str, int], list[dict]] = defaultdict(list)
            if path.is_file():
                with path.open("rb") as handle:
                    while True:
                        try:
                            records = pickle.load(handle)
                        except EOFError:
                            break
                        for record in records:
                            if record[0] == "s":
                                sentences.append(record[1:])
                            else:
                                figures[record[1]].append(record[2])
                path.unlink()
            sentences.sort(key=lambda s: (placed[s[0][0]][1], s[0][1]))
            window.run(sentences, figures, placed, undated=part == n_slices - 1)
        self.most_indexed = window.most_indexed
        return window.copy_of


class _Window:
    """The matching of :meth:`CopyFinder.find`, over the sentences of one slice after another
    (in article order), with the sentences of the last ``window_days`` indexed."""

    def __init__(self, window_days: float | None) -> None:
        self.window_days = window_days
        self.index = _BandIndex()
        self.copy_of: dict[str, str] = {}
        self.fresh = 0  # sentences with new words so far: the next one's number
        # Per indexed sentence (by number): its shingles, key, article number, day of the last
        # sentence with the same words, its bands and figures.
        self.sets: dict[int, frozenset[str]] = {}
        self.keys: dict[int, tuple[str, int]] = {}
        self.articles: dict[int, int] = {}
        self.last_day: dict[int, float] = {}
        self.bands_of: dict[int, list[bytes]] = {}
        self.figures_of: dict[int, list[dict]] = {}
        self.first_with: dict[frozenset[str], int] = {}  # words -> the indexed sentence with them
        self.expiry: list[tuple[float, int]] = []  # (day, number), a heap
        self.dropped: list[int] = []  # out of the index, not yet forgotten
        self.most_indexed = 0  # the most sentences the index held at once
        # Signatures and sizes of the indexed sentences, rows in number order.
        self.numbers = np.zeros(0, dtype=np.int64)
        self.signatures = np.zeros((0, SIGNATURE_BITS // 64), dtype=np.uint64)
        self.sizes = np.zeros(0, dtype=np.int64)
        self.article_numbers = np.zeros(0, dtype=np.int64)

    def _expire(self, day: float) -> None:
        """Drop the sentences whose words were last published more than the window before
        ``day``."""
        if self.window_days is None or math.isnan(day):
            return
        horizon = day - self.window_days
        while self.expiry and self.expiry[0][0] < horizon:
            seen, number = heapq.heappop(self.expiry)
            if self.last_day[number] > seen:  # its words came again since: kept until then
                heapq.heappush(self.expiry, (self.last_day[number], number))
                continue
            self.index.remove(number, self.bands_of.pop(number))
            if self.first_with.get(self.sets[number]) == number:
                del self.first_with[self.sets[number]]
            # The rest once the segment is done: a sentence before this one in the segment may
            # have matched it.
            self.dropped.append(number)

    def _forget(self) -> None:
        for number in self.dropped:
            del self.sets[number], self.keys[number], self.articles[number]
            del self.last_day[number], self.figures_of[number]
        self.dropped.clear()

    def _compact(self) -> None:
        """The signature rows of dropped sentences let go."""
        if len(self.numbers) > 2 * len(self.sets) + _SEGMENT:
            keep = np.fromiter(
                (n in self.sets for n in self.numbers.tolist()), dtype=bool, count=len(self.numbers)
            )
            self.numbers = self.numbers[keep]
            self.signatures = self.signatures[keep]
            self.sizes = self.sizes[keep]
            self.article_numbers = self.article_numbers[keep]

    def run(self, sentences: list, figures: dict, placed: dict, undated: bool) -> None:
        for segment in range(0, len(sentences), _SEGMENT):
            self._segment(sentences[segment : segment + _SEGMENT], figures, placed, undated)
            self._forget()
            self._compact()

    def _segment(self, part: list, figures: dict, placed: dict, undated: bool) -> None:
        # Which sentences have new words (within the window), and their candidates.
        plan = []  # per sentence: (number of the first with its words, or of its own, fresh?)
        new_rows, candidates = [], []
        for key, words, minima, signature in part:
            _, article, day = placed[key[0]]
            if not undated:
                self._expire(day)
            numbers = frozenset(words)
            first = self.first_with.get(numbers)
            if first is None:
                first = self.fresh
                self.fresh += 1
                bands = self.index.bands(minima.reshape(1, -1))[0]
                candidates.append(self.index.add(first, bands, MAX_CANDIDATES))
                self.most_indexed = max(self.most_indexed, len(self.bands_of) + 1)
                self.first_with[numbers] = first
                self.sets[first] = numbers
                self.keys[first] = key
                self.articles[first] = article
                self.last_day[first] = day
                self.bands_of[first] = bands
                self.figures_of[first] = figures.get(key, [])
                heapq.heappush(self.expiry, (math.inf if math.isnan(day) else day, first))
                new_rows.append((first, signature, len(numbers), article))
                plan.append((first, True))
            else:
                if not math.isnan(day):
                    self.last_day[first] = max(self.last_day[first], day)
                plan.append((first, False))
        if new_rows:
            self.numbers = np.concatenate([self.numbers, [r[0] for r in new_rows]])
            self.signatures = np.concatenate([self.signatures, np.stack([r[1] for r in new_rows])])
            self.sizes = np.concatenate([self.sizes, [r[2] for r in new_rows]])
            self.article_numbers = np.concatenate([self.article_numbers, [r[3] for r in new_rows]])
        possible = iter(self._possible([r[0] for r in new_rows], candidates))
        for (key, _words, _minima, _signature), (first, fresh) in zip(part, plan, strict=True):
            article = placed[key[0]][1]
            mine = figures.get(key, [])
            if not fresh:
                # The same words again: in the same article it is no copy; in another, the
                # first article to carry them is the original. Either way no look-up is needed.
                if self.articles[first] != article:
                    _link(mine, self.figures_of[first], self.copy_of)
                continue
            best = _best_earlier(self.sets[first], next(possible), self.sets)
            if best >= 0:
                _link(mine, self.figures_of[best], self.copy_of)

    def _possible(self, numbers: list[int], candidates: list[list[int]]) -> list[list[int]]:
        """:meth:`_Fresh.possible` on the rows of the indexed sentences."""
        rows = lambda found: np.searchsorted(self.numbers, np.asarray(found, dtype=np.int64))  # noqa: E731
        fresh = _Fresh(self.signatures, self.sizes, self.article_numbers)
        counts = [len(found) for found in candidates]
        if not sum(counts):
            return [[] for _ in candidates]
        theirs = np.fromiter(itertools.chain.from_iterable(candidates), np.int64, sum(counts))
        mine = np.repeat(np.asarray(numbers, dtype=np.int64), counts)
        keep = fresh.keep(rows(mine), rows(theirs))
        kept = theirs[keep].tolist()
        ends = np.cumsum([int(k.sum()) for k in np.split(keep, np.cumsum(counts)[:-1])]).tolist()
        return [kept[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


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
        keep = self.keep(mine, theirs)
        kept = theirs[keep].tolist()
        ends = np.cumsum(np.bincount(mine[keep] - first, minlength=len(candidates))).tolist()
        return [kept[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]

    def keep(self, mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
        """Per pair of rows: whether their overlap may reach ``CONTAINMENT`` (and they are in
        different articles)."""
        sig_mine, sig_theirs = self.signatures[mine], self.signatures[theirs]
        size_mine, size_theirs = self.sizes[mine], self.sizes[theirs]
        bound = np.minimum(
            size_mine - _popcount(sig_mine & ~sig_theirs),
            size_theirs - _popcount(sig_theirs & ~sig_mine),
        )
        return (bound / np.minimum(size_mine, size_theirs) >= CONTAINMENT) & (
            self.articles[mine] != self.articles[theirs]
        )


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
        from datasketch import MinHash
        from datasketch.hashfunc import sha1_hash32

        self._empty = MinHash(num_perm=NUM_PERM, seed=1)
        self._sha1_hash32 = sha1_hash32
        self._permute = _vectorised_permutations(self._empty)

    def hash_sets(
        self, shingle_sets: list[tuple[str, ...]]
    ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]:
        """Minima and signatures (:class:`Sketches`), one row per (non-empty) set, and each
        set's shingles as their hash values."""
        dtype = self._empty.hashvalues.dtype
        words = SIGNATURE_BITS // 64
        if not shingle_sets:
            empty = np.empty((0, NUM_PERM), dtype=dtype)
            return empty, np.zeros((0, words), dtype=np.uint64), []
        hashfunc = self._empty.hashfunc
        minima, signatures, per_set = [], [], []
        for first in range(0, len(shingle_sets), _SKETCH_CHUNK):
            chunk = shingle_sets[first : first + _SKETCH_CHUNK]
            if hashfunc is self._sha1_hash32:  # its values, read from the digests in one step
                digests = b"".join([sha1(s.encode("utf-8")).digest()[:4]
                                    for shingle_set in chunk for s in shingle_set])  # fmt: skip
                hashed = np.frombuffer(digests, dtype="<u4")
            else:
                hashed = [hashfunc(s.encode("utf-8")) for shingle_set in chunk for s in shingle_set]
            offsets = np.cumsum([0, *(len(shingle_set) for shingle_set in chunk[:-1])])
            values = np.asarray(hashed, dtype=np.int64).tolist()
            ends = [*offsets[1:].tolist(), len(values)]
            per_set.extend(
                tuple(values[start:end]) for start, end in zip(offsets.tolist(), ends, strict=True)
            )
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
        minima_rows = np.concatenate(minima).astype(dtype, copy=False)
        return minima_rows, np.concatenate(signatures), per_set

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
        from datasketch import MinHashLSH

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

    def remove(self, number: int, bands: list[bytes]) -> None:
        """Sentence ``number`` out of the index (bands: those it was added with)."""
        for key, table in zip(bands, self.buckets, strict=True):
            bucket = table[key]
            bucket.remove(number)  # the oldest first: mostly at the front
            if not bucket:
                del table[key]


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
