"""Train the two learned second opinions (``make models``) on the coverage gold of every tuning
split (never the held-back ``test`` split), with scikit-learn's logistic regression:

1. roles (:mod:`caravan_claims.role_model`): a multinomial regression over
   :func:`caravan_claims.role_model.features`, the gold role of each figure;
2. which other group (:mod:`caravan_claims.group_model`): a regression over
   :func:`caravan_claims.group_model.pair_features` of two figures of other groups in one event,
   whether the gold puts them in one group; learned on the grouping that the new role model
   gives.

Before fitting each on every split it measures it leaving whole splits out (each split's figures
judged by a model that never saw that split) and chooses there the probability at which its
answer is taken (``revise_at``, ``join_at``). Writes ``lexicons/role_model.csv`` and
``lexicons/group_model.csv`` (weights) and their ``.json`` (what they were trained on, the
held-out figures, the probability).

    python tests/bench/train_models.py            # train and write
    python tests/bench/train_models.py --check    # exit 1 when the committed models are stale
    python tests/bench/train_models.py --leave-out dev45 dev46   # to score the models on them
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from caravan_claims import atomic, evaluate, group, group_model, pipeline, role_model, roles

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
        and f not in {role_model.WEIGHTS_PATH, group_model.WEIGHTS_PATH}
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
    group_model.models = lambda: {}  # roles do not read the clusters (nor old weights)
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


def train_roles(splits: list[str]) -> dict:
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
    _write_meta(role_model.META_PATH, meta)
    return meta


def _write_meta(path: Path, meta: dict) -> None:
    atomic.write_text(path, json.dumps(meta, indent=1, sort_keys=True) + "\n")


# --- which other group -----------------------------------------------------------------------

JOIN_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
_QUANTITY_COLUMNS = [
    "claim_id", "quantity_id", "subject", "event_id", "measure", "period", "as_of",
    "role_in_group", "group_kind", "grouping_note",
]  # fmt: skip


@dataclass
class Split:
    name: str
    quantities: pd.DataFrame  # the rules' grouping (with the role model), before clustering
    claims: pd.DataFrame
    people: list[tuple[str, str]]  # (claim id or "", gold group) of every gold people figure
    pairs: dict[str, np.ndarray]  # by kind: pair features
    same: dict[str, np.ndarray]  # by kind: whether the gold puts the pair in one group


def collect_groups(split: str) -> Split:
    group_model.models = lambda: {}  # the rules' keys, unclustered
    tables = pipeline.run(COVERAGE / split, workers=1)
    gold = pd.read_csv(GOLD / f"coverage_{split}_figures.csv", keep_default_na=False)
    located = evaluate.locate(gold, tables.corpus)
    located["claim_id"] = evaluate.align(located, tables.claims)
    gold_group = dict(zip(located["claim_id"], located["group"], strict=True))
    people = [(c, g) for c, g in zip(located["claim_id"], located["group"], strict=True) if g]
    columns = [c for c in group._CLAIM_COLUMNS if c in tables.claims.columns]
    claims = tables.claims[["claim_id", *columns]]
    quantities = tables.quantities[_QUANTITY_COLUMNS]
    pairs: dict[str, list] = {k: [] for k in group_model.KINDS}
    same: dict[str, list] = {k: [] for k in group_model.KINDS}
    blocks = group.figures_to_cluster(quantities, claims, set(group_model.KINDS))
    for (kind, _), (_, figures) in blocks.items():
        for i, a in enumerate(figures):
            for b in figures[i + 1 :]:
                group_a, group_b = gold_group.get(a.claim_id), gold_group.get(b.claim_id)
                if group_a and group_b:
                    pairs[kind].append(group_model.pair_features(a, b))
                    same[kind].append(group_a == group_b)
    width = len(group_model.FEATURES)
    return Split(
        split, quantities, claims, people,
        {k: np.array(v).reshape(-1, width) for k, v in pairs.items()},
        {k: np.array(v, dtype=bool) for k, v in same.items()},
    )  # fmt: skip


def grouping_f1(split: Split, models: dict[str, group_model.Model]) -> float:
    """B-cubed F1 of the split's people figures, clustered by ``models`` (by kind; the rules'
    keys for a kind with none)."""
    quantities = group._other_groups_clustered(split.quantities, split.claims, models)
    keyed = dict(
        zip(
            quantities["claim_id"],
            map(group.quantity_id, quantities["subject"], quantities["measure"],
                quantities["period"]),
            strict=True,
        )
    )  # fmt: skip
    predicted = [keyed[c] if c else f"unaligned:{n}" for n, (c, _) in enumerate(split.people)]
    return evaluate.bcubed(predicted, [g for _, g in split.people])[2]


def _fit_pairs(pairs: np.ndarray, same: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, tol=1e-6).fit(pairs, same)


def _fit_kinds(data: list[Split]) -> dict[str, tuple[np.ndarray, float]]:
    fitted = {}
    for kind in group_model.KINDS:
        model = _fit_pairs(
            np.vstack([s.pairs[kind] for s in data]), np.concatenate([s.same[kind] for s in data])
        )
        fitted[kind] = (model.coef_[0], float(model.intercept_[0]))
    return fitted


def train_groups(splits: list[str]) -> dict:
    """Each kind's threshold is chosen with that kind alone clustered; the held-out figures
    reported are with both."""
    with ProcessPoolExecutor(2) as pool:
        data = list(pool.map(collect_groups, splits))
    before = {s.name: grouping_f1(s, {}) for s in data}
    folds = [data[fold::FOLDS] for fold in range(FOLDS)]
    fitted = [_fit_kinds([s for s in data if s not in test]) for test in folds]
    alone: dict[str, dict[float, float]] = {}
    for kind in group_model.KINDS:
        alone[kind] = {}
        for threshold in JOIN_THRESHOLDS:
            scores = [
                grouping_f1(s, {kind: group_model.Model(*weights[kind], threshold)})
                for test, weights in zip(folds, fitted, strict=True)
                for s in test
            ]
            alone[kind][threshold] = float(np.mean(scores))
    join_at = {
        kind: max(JOIN_THRESHOLDS, key=lambda t, k=kind: (round(alone[k][t], 4), -t))
        for kind in group_model.KINDS
    }
    both = {
        s.name: grouping_f1(
            s, {k: group_model.Model(*weights[k], join_at[k]) for k in group_model.KINDS}
        )
        for test, weights in zip(folds, fitted, strict=True)
        for s in test
    }
    group_model.write_weights(group_model.WEIGHTS_PATH, _fit_kinds(data))
    meta = {
        "trained_on": splits,
        "pairs": {k: int(sum(len(s.same[k]) for s in data)) for k in group_model.KINDS},
        "C": C,
        "join_at": join_at,
        "held_out": {
            "method": f"whole splits left out, {FOLDS} folds",
            "rules_mean_bcubed": round(float(np.mean(list(before.values()))), 4),
            "clustered_mean_bcubed": round(float(np.mean(list(both.values()))), 4),
            "one_kind_alone_by_threshold": {
                k: {str(t): round(m, 4) for t, m in v.items()} for k, v in alone.items()
            },
            "splits_up": sum(both[s] > before[s] + 1e-9 for s in before),
            "splits_down": sum(both[s] < before[s] - 1e-9 for s in before),
            "rules_by_split": {s: round(v, 3) for s, v in before.items()},
            "clustered_by_split": {s: round(v, 3) for s, v in both.items()},
        },
        "digest": digest(splits),
    }
    _write_meta(group_model.META_PATH, meta)
    return meta


def train(leave_out: tuple[str, ...] = ()) -> dict:
    splits = training_splits(leave_out)
    roles_meta = train_roles(splits)
    role_model.model.cache_clear()  # the pool's processes read the new weights
    role_model.revise_at.cache_clear()
    return {"roles": roles_meta, "groups": train_groups(splits)}


def stale() -> str:
    """Why the committed models are stale ("" when they are not)."""
    splits = training_splits()
    for path in (role_model.META_PATH, group_model.META_PATH):
        if not path.is_file():
            return f"{path} is missing"
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta["trained_on"] != splits:
            return f"{path.name}: trained on {len(meta['trained_on'])} splits, {len(splits)} now"
        if meta["digest"] != digest(splits):
            return (
                f"{path.name}: the gold, the fixtures or the code computing the features "
                "changed since"
            )
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a model is stale")
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
        print(f"models: {reason or 'up to date'}")
        return 1 if reason else 0
    trained = train(tuple(args.leave_out))
    roles_meta, groups_meta = trained["roles"], trained["groups"]
    held = roles_meta["held_out"]
    print(
        f"role model: {roles_meta['figures']} figures of {len(roles_meta['trained_on'])} splits, "
        f"{roles_meta['features']} features, {len(roles_meta['labels'])} labels; revises at "
        f"probability {roles_meta['revise_at']}"
    )
    print(
        f"  held out ({held['method']}): role accuracy, rules {held['rules_role_accuracy']:.3f} "
        f"→ with the model {held['revised_role_accuracy']:.3f}"
    )
    held = groups_meta["held_out"]
    print(
        f"group models: pairs of figures {groups_meta['pairs']}; join at probability "
        f"{groups_meta['join_at']}"
    )
    print(
        f"  held out ({held['method']}): mean B-cubed, rules' keys "
        f"{held['rules_mean_bcubed']:.4f} → clustered {held['clustered_mean_bcubed']:.4f} "
        f"(up on {held['splits_up']} splits, down on {held['splits_down']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
