"""Leave-one-country-out figures for a choice among rule bases made with the labels in view.

    python tests/loco_choice.py RULES_A RULES_B [...]

Each argument is a rule directory (the alternatives of one choice, the one kept first where they tie).
The script scores every alternative with ``motives evaluate`` and then, for each labelled country, picks
the alternative with the best top-1 agreement (then Jaccard, then the earlier alternative) over the
*other* countries and scores the held-out country under it: the figures a choice fitted on the labels
would reach on a country it did not see, as ``motives evaluate`` does for its baselines.
"""

from __future__ import annotations

import json
import subprocess
import sys


def scores(rules: str) -> dict[str, tuple[float, float]]:
    """ISO3 -> (top-1 hit, Jaccard) under the rule directory ``rules``."""
    out = subprocess.run(
        ["motives", "evaluate", "--rules", rules, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {row["iso3"]: (float(row["top1"]), float(row["jaccard"])) for row in json.loads(out)["countries"]}


def main(alternatives: list[str]) -> None:
    table = {rules: scores(rules) for rules in alternatives}
    countries = list(table[alternatives[0]])
    n = len(countries)
    for rules, rows in table.items():
        top1 = sum(hit for hit, _ in rows.values()) / n
        jaccard = sum(j for _, j in rows.values()) / n
        print(f"{rules}: top-1 {top1:.2f}, Jaccard {jaccard:.2f} (all {n} countries)")
    top1 = jaccard = 0.0
    picks = dict.fromkeys(alternatives, 0)
    for held in countries:

        def fit(rules: str, held: str = held) -> tuple[float, float, int]:
            rows = [table[rules][c] for c in countries if c != held]
            return sum(r[0] for r in rows), sum(r[1] for r in rows), -alternatives.index(rules)

        best = max(alternatives, key=fit)
        picks[best] += 1
        top1 += table[best][held][0]
        jaccard += table[best][held][1]
    print(f"leave-one-country-out: top-1 {top1 / n:.2f}, Jaccard {jaccard / n:.2f}")
    print("chosen: " + ", ".join(f"{rules} for {count}" for rules, count in picks.items()))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
