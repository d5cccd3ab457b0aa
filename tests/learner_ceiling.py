"""What statistical learners fitted on the labels reach on the panel's facts, leave-one-country-out.

    pip install scikit-learn   # not a dependency of motives: this script alone needs it
    python tests/learner_ceiling.py [LABELS]

Each labelled country's snapshot (the one its labels name) becomes a row of every fact the panel holds
for it, numbers as they are, true/false as 1/0, the income group in its order (low 0 to high 3), and an
unknown fact as -1 beside a flag that it is unknown. A learner is fitted on the other countries (one
sample per motive of a country's label, weighted 1/n for a label of n motives, where the learner takes
weights) and predicts one motive for the held-out country: top-1 is a hit where the label names it, and
Jaccard is 1/n on a hit. The figures say how much of the labels the facts can carry when a rule base
is free to fit them: a rule base grounded in citations should not be expected to do better.
"""

from __future__ import annotations

import sys

from motives.engine.analysis.labels import group_labels, load_labels
from motives.engine.api.countries import SHIPPED_LABELS
from motives.engine.model.facts import load_facts

INCOME = {"low": 0, "lower-middle": 1, "upper-middle": 2, "high": 3}


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        return float(INCOME[value]) if value in INCOME else None
    return float(value)  # type: ignore[arg-type]  # bool, int or float


def main(path: str) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    labels = group_labels(load_labels(path))
    values = [load_facts(label.path).values() for label in labels]
    names = sorted({name for found in values for name in found})
    rows = []
    for found in values:
        row: list[float] = []
        for name in names:
            value = _number(found.get(name))
            row += [-1.0, 1.0] if value is None else [value, 0.0]
        rows.append(row)
    x = np.array(rows)
    learners = {
        "decision tree, depth 1": lambda: DecisionTreeClassifier(max_depth=1, random_state=0),
        "decision tree, depth 2": lambda: DecisionTreeClassifier(max_depth=2, random_state=0),
        "decision tree, depth 3": lambda: DecisionTreeClassifier(max_depth=3, random_state=0),
        "logistic regression": lambda: make_pipeline(
            StandardScaler(), LogisticRegression(C=0.3, max_iter=5000)
        ),
        "9 nearest neighbours": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier(9)),
    }
    print(f"{len(labels)} labelled countries, {len(names)} facts, leave-one-country-out")
    for name, make in learners.items():
        top1 = jaccard = 0.0
        for held, label in enumerate(labels):
            train = [(i, m) for i, other in enumerate(labels) if i != held for m in other.label]
            weights = [1 / len(labels[i].label) for i, _ in train]
            learner = make()
            fit = {"sample_weight": weights} if isinstance(learner, DecisionTreeClassifier) else {}
            learner.fit(x[[i for i, _ in train]], [str(m) for _, m in train], **fit)
            guess = learner.predict(x[held : held + 1])[0]
            if guess in {str(m) for m in label.label}:
                top1 += 1
                jaccard += 1 / len(label.label)
        print(f"  {name:<24} top-1 {top1 / len(labels):.2f}  Jaccard {jaccard / len(labels):.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(SHIPPED_LABELS))
