"""`motives evaluate`: the figures are computed as documented, and the shipped labels are what their
sources say.

Each folder of ``cases/evaluation/`` holds a labels file, a small rule base whose verdicts follow from
the facts alone, and ``expected.yaml``: every figure worked out by hand (its comments show the working).
"""

from __future__ import annotations

import csv
import json
import statistics
from pathlib import Path

import pytest
import yaml
from support import ROOT, run

from motives import Motive
from motives.engine.analysis.evaluation import BASELINES, most_common
from motives.engine.analysis.labels import CountryLabel, SourceLabel, group_labels, load_labels
from motives.engine.analysis.scoring import (
    Difference,
    MotiveScore,
    Prediction,
    compare,
    hit,
    jaccard,
    paired_difference,
    score,
    source_agreement,
)
from motives.engine.api.countries import SHIPPED_LABELS, evaluate_labels
from motives.engine.model.facts import load_facts

CASES = Path(__file__).parent / "cases" / "evaluation"
EXCERPTS = ROOT / "data" / "sources" / "labels" / "literature_excerpts.csv"
P, E, S, INS, N = (Motive(m) for m in ("political", "economic", "security", "institutional", "normative"))


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_figures_worked_out_by_hand(case: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    evaluation = evaluate_labels(str(case / "labels.yaml"), str(case / "rules"))
    data = json.loads(run("evaluate", case / "labels.yaml", "--rules", case / "rules", "--format", "json")[1])
    countries = {c.country: c for c in evaluation.countries}
    assert set(countries) == set(expected["countries"])
    for name, want in expected["countries"].items():
        got = countries[name]
        assert [str(m) for m in got.rules.dominant] == want["predicted"], name
        assert [str(m) for m in got.label.label] == want["label"], name
        assert hit(got.rules, got.label.label) is want["top1"], name
        assert jaccard(got.rules.dominant, got.label.label) == pytest.approx(want["jaccard"]), name
    assert data["by_rule"] == expected["by_rule"]
    summary = data["summary"]
    assert summary["by_kind"] == expected["by_kind"]
    sources, want_sources = dict(summary["sources"]), dict(expected["sources"])
    assert sources.pop("rule_base") == pytest.approx(want_sources.pop("rule_base"))
    assert sources == pytest.approx(want_sources)
    for key in ("top1", "jaccard", "row_top1", "row_jaccard", "macro_f1"):
        assert summary["rule_base"][key] == pytest.approx(expected["rule_base"][key], abs=1e-4), key
    columns = [*(str(motive) for motive in Motive), "none"]
    for motive, want in expected["rule_base"]["confusion"].items():
        assert summary["rule_base"]["confusion"][motive] == dict(zip(columns, want, strict=True)), motive
    for motive, want in expected["rule_base"]["motives"].items():
        assert summary["rule_base"]["motives"][motive] == pytest.approx(want, abs=1e-4), motive
    for name, want in expected["baselines"].items():
        assert {c.country: str(dict(c.baselines)[name]) for c in evaluation.countries} == want["predictions"]
        for key in ("top1", "jaccard"):
            assert summary["baselines"][name][key] == pytest.approx(want[key]), (name, key)
        assert summary["baselines"][name]["leave_one_country_out"] is True
    for name, figures in expected["rule_base_minus_baseline"].items():
        for figure, want in figures.items():
            got = summary["baselines"][name]["rule_base_minus_baseline"][figure]
            for end, value in want.items():  # a value, or a range [low, high] the value falls in
                low, high = value if isinstance(value, list) else (value, value)
                assert low - 1e-9 <= got[end] <= high + 1e-9, (name, figure, end)


def test_kind_keeps_the_rows_of_those_kinds_of_source_and_labels_each_country_by_them() -> None:
    case = CASES / "five_countries"
    args = ("evaluate", case / "labels.yaml", "--rules", case / "rules", "--format", "json")
    code, out, _ = run(*args, "--kind", "news", "--kind", "report")
    assert code == 0
    data = json.loads(out)
    # china's and bangladesh's news rows and norway's report: bangladesh's label is now its news row's
    assert {c["iso3"]: c["label"] for c in data["countries"]} == {
        "CHN": ["political", "economic"],
        "BGD": ["economic"],
        "NOR": ["normative"],
    }
    assert data["summary"]["source_rows"] == 3
    assert [group["kind"] for group in data["summary"]["by_kind"]] == ["report", "news"]
    code, out, err = run(*args, "--kind", "opinion")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{case / 'labels.yaml'}:1:1: error L808 no row of the labels file is of the kind opinion; "
        "the kinds its rows name: news, report, scholarly"
    ]


def test_by_kind_is_left_out_of_text_where_no_row_names_a_kind(tmp_path: Path) -> None:
    case = CASES / "five_countries"
    plain = tmp_path / "labels.yaml"
    text = (case / "labels.yaml").read_text(encoding="utf-8")
    plain.write_text("\n".join(line for line in text.splitlines() if not line.strip().startswith("kind:")))
    _, out, _ = run("evaluate", plain, "--rules", case / "rules")
    assert "by kind of source" not in out
    _, out, _ = run("evaluate", case / "labels.yaml", "--rules", case / "rules")
    assert "by kind of source" in out and "  scholarly       3" in out


def _label(*rows: tuple[Motive, ...]) -> CountryLabel:
    path = Path("facts/x.csv#2019-12-31")
    return CountryLabel(
        path, tuple(SourceLabel("x", path, row, (), f"s{i}", "https://a", "e") for i, row in enumerate(rows))
    )


def test_a_country_label_is_the_majority_of_its_rows_with_ties_kept() -> None:
    assert _label((P,), (P, E), (S,)).label == (P,)
    assert _label((E,), (P,)).label == (P, E)  # a tie keeps both, in motive order
    assert _label((N, S), (S, N)).votes == {S: 2, N: 2}


def test_no_dominant_motive_is_a_top1_miss_and_jaccard_counts_sets() -> None:
    assert not hit(Prediction((), None), (P,))
    assert hit(Prediction((E, P), E), (P, E)) and not hit(Prediction((E, P), E), (P,))
    assert jaccard((P, N), (N, P)) == 1.0 and jaccard((P,), (P, N)) == 0.5 and jaccard((E,), (P,)) == 0.0
    scores = score([(_label((P,)), Prediction((), None)), (_label((P,)), Prediction((P,), P))])
    assert (scores.top1, scores.jaccard) == (0.5, 0.5)


def test_precision_recall_f1_of_a_motive() -> None:
    motive = MotiveScore(P, true_positive=2, false_positive=1, false_negative=3, true_negative=4)
    assert motive.precision == pytest.approx(2 / 3) and motive.recall == pytest.approx(2 / 5)
    assert motive.f1 == pytest.approx(2 * 2 / (2 * 2 + 1 + 3))
    never = MotiveScore(INS, 0, 0, 0, 9)
    assert (never.precision, never.recall, never.f1) == (None, None, None)


def test_sources_are_held_out_one_at_a_time_against_the_rest_of_their_country() -> None:
    unanimous = source_agreement([(_label((N,), (N,), (N,)), Prediction((P,), P))])
    assert (unanimous.countries, unanimous.rows, unanimous.top1, unanimous.jaccard) == (1, 3, 1.0, 1.0)
    assert (unanimous.rules_top1, unanimous.rules_jaccard) == (0.0, 0.0)
    # holding out (S,) leaves (P,) and (P, N): political; holding out either of those leaves a tie
    # whose strongest is the first in motive order, political, and whose Jaccard counts the tied set
    split = source_agreement([(_label((P,), (P, N), (S,)), Prediction((S,), S))])
    assert split.top1 == pytest.approx(2 / 3) and split.rules_top1 == pytest.approx(1 / 3)
    assert split.jaccard == pytest.approx((0 + 1 / 3 + 1 / 3) / 3)
    single = source_agreement([(_label((P,)), Prediction((P,), P))])  # one row: nothing to hold out
    assert (single.countries, single.rows, single.top1, single.rules_top1) == (0, 0, 0.0, 0.0)


def test_a_paired_difference_and_its_bootstrap_interval() -> None:
    assert paired_difference([1, 0, 1], [1, 0, 1]) == Difference(0.0, 0.0, 0.0)
    assert paired_difference([1, 1, 1], [0, 0, 0]) == Difference(1.0, 1.0, 1.0)
    assert paired_difference([], []) == Difference(0.0, 0.0, 0.0)
    ours, theirs = [1, 0, 1, 1, 0, 0.5, 1, 0], [0, 0, 1, 0, 1, 0.5, 0, 0]
    forward, backward = paired_difference(ours, theirs), paired_difference(theirs, ours)
    assert forward.difference == pytest.approx(2 / 8)
    assert forward.low < forward.difference < forward.high
    # the same resamples from the fixed seed: swapping the predictors mirrors the interval
    assert (backward.difference, backward.low, backward.high) == pytest.approx(
        (-forward.difference, -forward.high, -forward.low)
    )
    assert paired_difference(ours, theirs) == forward  # reproducible
    with pytest.raises(ValueError):
        paired_difference([1, 0], [1])


def test_predictions_are_compared_country_by_country() -> None:
    a, b = _label((P,)), CountryLabel(Path("facts/y.csv#2019-12-31"), _label((N,)).rows)
    none = Prediction((), None)
    top1, jaccard_ = compare([(a, Prediction((P,), P)), (b, none)], [(a, none), (b, none)])
    assert (top1.difference, jaccard_.difference) == (0.5, 0.5)
    with pytest.raises(ValueError, match="same countries"):
        compare([(a, none), (b, none)], [(b, none), (a, none)])


def test_most_common_label_breaks_ties_by_motive_order() -> None:
    assert most_common([(N,), (E,)]) == E
    assert most_common([(N,), (N, S), (P,)]) == N
    assert most_common([]) == P


# The shipped labelled set ------------------------------------------------------------------------------

PAPER = "Sejati, Pedrason & Inkiriwang (2024)"


def _shipped() -> list[SourceLabel]:
    return load_labels(SHIPPED_LABELS)


def _motives(text: str) -> tuple[Motive, ...]:
    return tuple(Motive(m) for m in text.split(";") if m)


def test_every_excerpt_is_a_label_row_with_its_source_url_and_words() -> None:
    with EXCERPTS.open(encoding="utf-8", newline="") as stream:
        excerpts = list(csv.DictReader(stream))
    rows = {
        (load_facts(row.path).iso3, row.source): row for row in _shipped() if not row.source.startswith(PAPER)
    }
    assert len(excerpts) == 65 and len(rows) == 65 + 93  # 93 rows quote stored web pages, not the file
    for excerpt in excerpts:
        label = rows.pop((excerpt["iso3"], excerpt["source"]))
        assert (label.source, label.url, label.excerpt) == (
            excerpt["source"],
            excerpt["url"],
            excerpt["excerpt"],
        )
        assert label.dominant == _motives(excerpt["dominant"]), label.location
        assert label.secondary == _motives(excerpt["secondary"]), label.location
    # the others quote stored copies of web pages: each names its page, quotes it, and dates itself only
    # where its source line gives the year
    for label in rows.values():
        assert label.url.startswith("http") and label.excerpt and label.source, label.location
        assert label.published is None or str(label.published) in label.source, label.location


def test_the_papers_two_rows_quote_the_paper() -> None:
    paper = [row for row in _shipped() if row.source.startswith(PAPER)]
    assert [(load_facts(row.path).iso3, row.dominant) for row in paper] == [("USA", (P,)), ("IND", (N, P))]
    assert all(row.url == "https://aksaqilajurnal.com/index.php/aksaqila" for row in paper)
    assert all(row.published == 2024 and "pp. 94-95" in row.source for row in paper)


def test_each_country_is_dated_by_the_rule_its_description_states() -> None:
    """31 December of the (upper) median publication year of its rows; 2016 when none is dated."""
    rows = _shipped()
    default = statistics.median_low(row.published for row in rows if row.published)
    # the median of all dated rows (2017 after the first 44 stored-page rows, 2018 before them)
    assert default == 2016
    for group in group_labels(rows):
        years = sorted(row.published for row in group.rows if row.published)
        year = years[len(years) // 2] if years else default
        want = "2025-07-31" if year >= 2025 else f"{year}-12-31"
        assert load_facts(group.path).as_of.isoformat() == want, group.rows[0].country
        assert len({row.country for row in group.rows}) == 1  # one date per country


def test_the_shipped_set_has_67_countries_and_every_row_a_source_url_excerpt_and_kind() -> None:
    groups = group_labels(_shipped())
    assert len(groups) == 67
    assert len({load_facts(group.path).iso3 for group in groups}) == 67
    for group in groups:
        assert group.label
        for row in group.rows:
            assert row.source and row.url.startswith("http") and row.excerpt and row.dominant and row.kind


# The command ------------------------------------------------------------------------------------------


def test_the_readme_shows_what_evaluate_prints_on_the_shipped_labels() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("On the shipped labels the shipped rule base scores (`motives evaluate`):", 1)[1]
    block = after.split("```", 2)[1].strip("\n").splitlines()
    code, out, _ = run("evaluate")
    lines = out.splitlines()
    assert code == 0 and block[0] in lines, "update the README's `motives evaluate` block"
    start = lines.index(block[0])
    assert lines[start : start + len(block)] == block, "update the README's `motives evaluate` block"


def test_evaluate_text_markdown_and_json() -> None:
    code, out, _ = run("evaluate")
    assert code == 0
    assert "top-1 agreement (no dominant motive is a miss)" in out and "by income" in out
    assert "United States (USA), as of 2024-12-31" in out and "decided by" in out
    # every motive rule against the labels, the ones that fired for none named at the end
    by_rule = out[out.index("by rule: ") : out.index("\ncountries\n")]
    assert "  political.financial_leverage " in by_rule and "fired for no labelled country: " in by_rule
    code, out, _ = run("evaluate", "--format", "markdown")
    assert code == 0 and out.startswith("# Agreement with 67 labelled countries (160 source rows)")
    assert "| | rule base | always the most common label (leave-one-country-out) |" in out
    assert "## By rule" in out and "| rule | motive | certainty | fired for | borne out | share |" in out
    assert "| top-1 / Jaccard without it |" in out
    code, out, _ = run("evaluate", "--format", "json")
    data = json.loads(out)
    assert set(data) == {"summary", "by_rule", "countries"}
    assert set(data["summary"]["baselines"]) == set(BASELINES)
    assert data["summary"]["countries"] == 67 and data["summary"]["source_rows"] == 160
    base = data["summary"]["rule_base"]
    idle = [rule for rule in data["by_rule"] if rule["fired"] == 0]
    assert idle and all(
        rule["without"] == {"top1": base["top1"], "jaccard": base["jaccard"]} for rule in idle
    )
    usa = next(c for c in data["countries"] if c["iso3"] == "USA")
    assert usa["sources"][0]["url"] and usa["sources"][0]["excerpt"]
    assert all(fact["source"] for e in usa["evidence"] for fact in e["facts"])


def test_each_country_row_says_how_many_of_the_facts_read_were_known_and_estimated() -> None:
    # issue 12 item 3: a verdict on few known facts says so, in every format of evaluate
    code, out, _ = run("evaluate")
    assert code == 0
    fiji = out.split("Fiji (FJI)")[1].split("\n\n")[0]
    assert "none dominant (strongest" in fiji and "; the facts are thin)" in fiji
    assert "  facts      9 of the 23 facts the rules read are known, 2 lower bounds" in fiji
    india = out.split("India (IND)")[1].split("\n\n")[0]
    assert "are known, 1 estimated" in india and "the facts are thin" not in india
    # where none is dominant, the unknown facts that alone could have made a motive dominant are named
    nepal = out.split("Nepal (NPL)")[1].split("\n\n")[0]
    assert "  unknown    facts that could each have made a motive dominant:" in nepal
    assert "    economic +0.50 economic.poorest_far_from_home needs income_group" in nepal
    assert "  unknown    " not in india
    code, out, _ = run("evaluate", "--format", "json")
    data = {c["iso3"]: c for c in json.loads(out)["countries"]}
    assert {
        "motive": "institutional",
        "rule": "institutional.training_centre",
        "certainty": 0.25,
        "unknown_facts": ["national_pk_training_centre"],
    } in data["NPL"]["undecided"]
    assert data["FJI"]["coverage"] == {
        "facts_read": 23,
        "known": 9,
        "estimates": 0,
        "lower_bounds": 2,
        "thin": True,
    }
    assert data["IND"]["coverage"]["estimates"] == 1 and not data["IND"]["coverage"]["thin"]
    code, out, _ = run("evaluate", "--format", "markdown")
    assert "| facts known |" in out and "9 of the 23 facts the rules read are known" in out


def test_markdown_escapes_what_comes_from_the_labels_file(tmp_path: Path) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        "labels:\n  - country: usa\n    as_of: 2019-12-31\n    dominant: [political]\n"
        '    source: "A | B <img src=x> # *bold*"\n    url: "https://example.org/a_b"\n'
        '    excerpt: "line | cell"\n',
        encoding="utf-8",
    )
    code, out, err = run("evaluate", labels, "--format", "markdown")
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("* **United States**"))
    assert "A \\| B \\<img src=x\\> \\# \\*bold\\*" in line and "line \\| cell" in line
    assert "(https://example.org/a\\_b)" in line
