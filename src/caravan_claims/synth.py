"""Synthetic corpora for benchmarks and scale tests: the bundled articles' sentences recombined
into new articles, every number varied, seeded so that the same arguments give the same bytes.

Each article is a handful of paragraphs of sentences drawn from the seeds (figures in every
form the extractor reads: ranges, qualifiers, rates, vague amounts, dates to leave out), its digits
replaced by others of the same length (so "7,000" stays a thousands-grouped figure); about one
article in ten repeats a paragraph of an earlier one, as a site carrying a wire story does, so
copy detection has work to do. Metadata: an outlet, a publication date (2018–2025).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from caravan_claims import atomic, context, corpus, paths

OUTLETS = ("Wire Service", "Daily Tribune", "Border Herald", "El Diario", "Morning Post", "")
WIRE_CREDIT = "(AP) — "
FIRST_DAY = dt.date(2018, 1, 1)
DAYS = 8 * 365
_DIGITS = re.compile(r"\d+")


def seed_sentences(seeds_dir: Path | None = None) -> list[str]:
    """Every sentence of the bundled articles (or another folder), in reading order."""
    sentences: list[str] = []
    for path in sorted((seeds_dir or paths.bundled_seeds_dir()).glob("*.txt")):
        text = corpus.read_article(path)
        finder = context.SentenceFinder(text)
        position = 0
        while position < len(text):
            if text[position].isspace():
                position += 1
                continue
            span = finder.at(position)
            sentence = " ".join(text[span.start : span.end].split())
            if sentence:
                sentences.append(sentence)
            position = max(span.end, position + 1)
    return sentences


def _vary_words(sentence: str, rng: random.Random, vocabulary: list[str], rate: float) -> str:
    """Words three or more words away from any digit replaced, each with probability ``rate``,
    by a word of the corpus: the figures keep the words around them (qualifier, unit, rate, the
    verb of saying), while two draws of the same sentence no longer share most of their word
    triples, as two different reports do not."""
    tokens = sentence.split(" ")
    near = set()
    for index, token in enumerate(tokens):
        if any(c.isdigit() for c in token):
            near.update(range(index - 3, index + 4))
    for index, token in enumerate(tokens):
        if index not in near and token.isalpha() and token.islower() and rng.random() < rate:
            tokens[index] = rng.choice(vocabulary)
    return " ".join(tokens)


def _vary_numbers(sentence: str, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        digits = match.group(0)
        first = str(rng.randint(1, 9)) if len(digits) > 1 or digits != "0" else "0"
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    return _DIGITS.sub(replace, sentence)


def articles(
    n: int, seed: int = 0, seeds_dir: Path | None = None, word_rate: float = 0.4
) -> Iterator[dict[str, str]]:
    """``n`` articles as records with ``article_id``, ``text``, ``outlet``, ``published`` and
    ``date_precision`` (the columns of a JSON Lines corpus). ``word_rate``: the share of words
    away from figures replaced (0: the seeds' sentences verbatim but for their numbers)."""
    rng = random.Random(seed)
    sentences = seed_sentences(seeds_dir)
    vocabulary = sorted({w for s in sentences for w in s.split(" ") if w.isalpha() and w.islower()})
    with_figures = [s for s in sentences if any(c.isdigit() for c in s)]
    recent: list[str] = []  # paragraphs a later article may carry as a wire copy
    width = len(str(max(n - 1, 0)))
    for number in range(n):
        paragraphs = []
        for _ in range(rng.randint(2, 5)):
            picked = [
                rng.choice(with_figures if rng.random() < 0.6 else sentences)
                for _ in range(rng.randint(1, 4))
            ]
            varied = [_vary_numbers(s, rng) for s in picked]
            paragraphs.append(" ".join(_vary_words(s, rng, vocabulary, word_rate) for s in varied))
        outlet = rng.choice(OUTLETS)
        if recent and rng.random() < 0.1:
            paragraphs.insert(0, WIRE_CREDIT + rng.choice(recent))
        recent = [*recent, paragraphs[-1]][-50:]
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        yield {
            "article_id": f"synth-{number:0{width}d}",
            "text": "\n\n".join(paragraphs) + "\n",
            "outlet": outlet,
            "published": day.isoformat(),
            "date_precision": "day",
        }


def write_jsonl(target: Path, n: int, seed: int = 0) -> Path:
    """A JSON Lines corpus of ``n`` synthetic articles, written atomically."""
    with atomic.atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
        for record in articles(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def write_folder(folder: Path, n: int, seed: int = 0) -> Path:
    """The same articles as a folder of ``.txt`` files with an ``articles.csv``."""
    folder.mkdir(parents=True, exist_ok=False)
    lines = ["article_id,outlet,published,date_precision"]
    for record in articles(n, seed):
        (folder / f"{record['article_id']}.txt").write_text(
            record["text"], encoding="utf-8", newline="\n"
        )
        lines.append(
            f"{record['article_id']},{record['outlet']},{record['published']},"
            f"{record['date_precision']}"
        )
    (folder / "articles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
