"""Train the learned second opinion on roles (``make role-model``): a multinomial logistic
regression (scikit-learn) over :func:`caravan_claims.role_model.features`, on the gold roles of
every coverage tuning split (never the held-back ``test`` split).

Before fitting on all of them it measures the model leaving whole splits out (each split's
figures predicted by a model that never saw that split), chooses there the probability at which
the model's label replaces the rules' (``revise_at``), and prints the rules' role accuracy and
the revised one on those held-out predictions. Writes ``lexicons/role_model.csv`` (weights) and
``lexicons/role_model.json`` (what it was trained on, the held-out figures, ``revise_at``).

    python tests/bench/train_role_model.py            # train and write
    python tests/bench/train_role_model.py --check    # exit 1 when the committed model is stale
    python tests/bench/train_role_model.py --leave-out dev45 dev46   # to score the model on them
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from caravan_claims import evaluate, pipeline, role_model, roles

ROOT = Path(__file__).resolve().parents[2]
COVERAGE = ROOT / "tests" / "fixtures" / "coverage"
GOLD = ROOT / "tests" / "gold"
SOURCE = ROOT / "src" / "caravan_claims"
HELD_BACK = "test"
C = 1.0  # inverse regularisation strength (chosen leaving splits out: 0.3, 1 and 3 within 0.003)
MIN_FEATURE_COUNT = 5  # rarer features are left out (2, 3 or 5: held out 0.928-0.929)
MIN_LABEL_COUNT = 15  # labels (another measure's kinds) with fewer gold figures are not learned
FOLDS = 12
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
# presentation: nothing here changes a claim's features
_NOT_FEATURES = {"reports.py", "plots.py", "views.py", "kernel_reset.py", "cli.py", "tables.py"}


def training_splits(leave_out: tuple[str, ...] = ()) -> list[str]:
    """Every coverage split with a gold but the held-back one and ``leave_out``."""
    return sorted(
        p.name
        for p in COVERAGE.iterdir()
        if p.name not in leave_out
        if p.is_dir()
        and p.name != HELD_BACK
        and (GOLD / f"coverage_{p.name}_figures.csv").is_file()
    )


def digest(splits: list[str]) -> str:
    """A hash of what the model is learned from: the splits' articles and gold, and the code and
    word lists that compute the rules' roles and the features (not the weights themselves)."""
    files = [GOLD / f"coverage_{s}_figures.csv" for s in splits]
    files += [f for s in splits for f in sorted((COVERAGE / s).iterdir()) if f.is_file()]
    files += [
        f
        for f in sorted(SOURCE.rglob("*"))
        if f.is_file()
        and f.suffix in {".py", ".csv"}
        and f.name not in _NOT_FEATURES
        and f != role_model.WEIGHTS_PATH
        and "templates" not in f.parts
    ]
    hashed = hashlib.sha256()
    for f in files:
        hashed.update(str(f.relative_to(ROOT)).encode())
        hashed.update(hashlib.sha256(f.read_bytes()).digest())
    return hashed.hexdigest()


def gold_label(row: pd.Series) -> str:
    return role_model.label_of(row["role"], row["measure"])


def collect(split: str) -> tuple[list[list[str]], list[str], list[str]]:
    """Per aligned gold figure of a split: the features the roles stage computes for its claim
    (with the rules' own role, the model left out), its gold label and its rules label."""
    recorded: dict[str, tuple[list[str], str]] = {}

    def record(claim: dict, role: roles.Role, event: roles.EventInfo | None) -> roles.Role:
        found = roles.features_of(claim, role, event)
        recorded[claim["claim_id"]] = (found, role_model.label_of(role.role, role.count_of))
        return role

    roles._second_opinion = record  # the rules alone, each claim's features kept
    tables = pipeline.run(COVERAGE / split, workers=1)
    gold = pd.read_csv(GOLD / f"coverage_{split}_figures.csv", keep_default_na=False)
    located = evaluate.locate(gold, tables.corpus)
    located["claim_id"] = evaluate.align(located, tables.claims)
    found, labels, rules_labels = [], [], []
    for _, row in located[located["claim_id"] != ""].iterrows():
        if row["claim_id"] in recorded:
            features, rules_label = recorded[row["claim_id"]]
            found.append(features)
            labels.append(gold_label(row))
            rules_labels.append(rules_label)
    return found, labels, rules_labels


def coarse(label: str) -> str:
    return label.split(":", 1)[0]


class Data:
    def __init__(self, splits: list[str]) -> None:
        with ProcessPoolExecutor(2) as pool:
            parts = list(pool.map(collect, splits))
        self.features: list[list[str]] = []
        self.labels: list[str] = []
        self.rules: list[str] = []
        self.groups: list[str] = []
        for split, (found, labels, rules_labels) in zip(splits, parts, strict=True):
            self.features += found
            self.labels += labels
            self.rules += rules_labels
            self.groups += [split] * len(found)
        counts = Counter(self.labels)
        self.label_set = sorted(label for label, n in counts.items() if n >= MIN_LABEL_COUNT)
        self.learned = np.array([label in self.label_set for label in self.labels])


def fit(features: list[list[str]], labels: list[str]):
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for found in features for f in set(found))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {f: n for n, f in enumerate(vocabulary)}
    matrix = _matrix(features, index)
    model = LogisticRegression(C=C, max_iter=5000, tol=1e-6)
    model.fit(matrix, labels)
    return model, vocabulary, index


def _matrix(features: list[list[str]], index: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, columns = [], []
    for n, found in enumerate(features):
        for f in found:
            if f in index:
                rows.append(n)
                columns.append(index[f])
    return csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(features), len(index)), dtype=np.float64
    )


def held_out(data: Data) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each figure's probabilities from a model trained without its split (whole splits left out,
    ``FOLDS`` folds), over ``data.label_set``."""
    from sklearn.model_selection import GroupKFold

    probabilities = np.zeros((len(data.labels), len(data.label_set)))
    labels = np.array(data.labels, dtype=object)
    for train, test in GroupKFold(n_splits=FOLDS).split(data.features, labels, data.groups):
        train = train[data.learned[train]]
        model, _, index = fit([data.features[i] for i in train], list(labels[train]))
        predicted = model.predict_proba(_matrix([data.features[i] for i in test], index))
        columns = [data.label_set.index(c) for c in model.classes_]
        probabilities[np.ix_(test, columns)] = predicted
    return probabilities, labels, data.label_set


def revised_labels(
    probabilities: np.ndarray, rules: list[str], label_set: list[str], threshold: float
) -> list[str]:
    out = []
    for row, rules_label in zip(probabilities, rules, strict=True):
        best = label_set[int(np.argmax(row))]
        revise = role_model.may_revise(rules_label, best, label_set) and row.max() >= threshold
        out.append(best if revise else rules_label)
    return out


def accuracy(
    predicted: list[str], gold: np.ndarray, groups: list[str]
) -> tuple[float, dict[str, float]]:
    hits = pd.Series([coarse(p) == coarse(g) for p, g in zip(predicted, gold, strict=True)])
    by_split = hits.groupby(pd.Series(groups)).mean()
    return float(hits.mean()), {k: round(float(v), 3) for k, v in by_split.items()}


def train(leave_out: tuple[str, ...] = ()) -> dict:
    splits = training_splits(leave_out)
    data = Data(splits)
    probabilities, gold, label_set = held_out(data)
    rules_accuracy, rules_by_split = accuracy(data.rules, gold, data.groups)
    scored = {
        t: accuracy(revised_labels(probabilities, data.rules, label_set, t), gold, data.groups)[0]
        for t in THRESHOLDS
    }
    threshold = max(THRESHOLDS, key=lambda t: (round(scored[t], 4), -t))
    revised = revised_labels(probabilities, data.rules, label_set, threshold)
    revised_accuracy, revised_by_split = accuracy(revised, gold, data.groups)
    learned = data.learned
    model, vocabulary, _ = fit(
        [f for f, keep in zip(data.features, learned, strict=True) if keep],
        [lab for lab, keep in zip(data.labels, learned, strict=True) if keep],
    )
    labels = list(model.classes_)
    role_model.write_weights(
        role_model.WEIGHTS_PATH, labels, vocabulary, model.coef_.T, model.intercept_
    )
    meta = {
        "trained_on": splits,
        "figures": int(learned.sum()),
        "features": len(vocabulary),
        "labels": labels,
        "C": C,
        "revise_at": threshold,
        "held_out": {
            "method": f"whole splits left out, {FOLDS} folds",
            "rules_role_accuracy": round(rules_accuracy, 4),
            "revised_role_accuracy": round(revised_accuracy, 4),
            "by_threshold": {str(t): round(a, 4) for t, a in scored.items()},
            "rules_by_split": rules_by_split,
            "revised_by_split": revised_by_split,
        },
        "digest": digest(splits),
    }
    temporary = role_model.META_PATH.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(role_model.META_PATH)
    return meta


def stale() -> str:
    """Why the committed model is stale ("" when it is not)."""
    if not role_model.META_PATH.is_file():
        return f"{role_model.META_PATH} is missing"
    meta = json.loads(role_model.META_PATH.read_text(encoding="utf-8"))
    splits = training_splits()
    if meta["trained_on"] != splits:
        return f"trained on {len(meta['trained_on'])} splits, {len(splits)} now"
    if meta["digest"] != digest(splits):
        return "the gold, the fixtures or the code computing the features changed since"
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the model is stale")
    parser.add_argument(
        "--leave-out",
        nargs="+",
        default=(),
        metavar="SPLIT",
        help="train without these splits too, to measure the model on them (the result is then "
        "stale for the tests: train again without it before committing)",
    )
    args = parser.parse_args()
    if args.check:
        reason = stale()
        print(f"role model: {reason or 'up to date'}")
        return 1 if reason else 0
    meta = train(tuple(args.leave_out))
    held = meta["held_out"]
    print(
        f"role model: {meta['figures']} figures of {len(meta['trained_on'])} splits, "
        f"{meta['features']} features, {len(meta['labels'])} labels; revises at "
        f"probability {meta['revise_at']}"
    )
    print(
        f"held out ({held['method']}): role accuracy, rules {held['rules_role_accuracy']:.3f} "
        f"→ with the model {held['revised_role_accuracy']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
