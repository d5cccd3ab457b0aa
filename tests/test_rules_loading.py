"""A valid rule directory loads, comes out in dependency order, and carries a content version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motives import load_rulebase
from motives.engine.model.rules import RuleBase

REFERENCES = """\
references:
  bellamy-williams-2013:
    short: Bellamy & Williams (2013)
    full: Bellamy, A. J. & Williams, P. D. (eds.) (2013). Providing Peacekeepers. Oxford University Press.
  coleman-nyblade-2018:
    short: Coleman & Nyblade (2018)
    full: Coleman, K. P. & Nyblade, B. (2018). Peacekeeping for profit? Journal of Peace Research 55(6).
"""

MOTIVES = """\
rules:
  - id: a_economic.cheap_provider
    title: A lower-income provider is paid for its troops
    when:
      - {indicator: provider_rather_than_payer}
      - {fact: income_group, op: in, value: [low, lower-middle]}
    then: {motive: economic, certainty: 0.4}
    rationale: UN reimbursements weigh most where national pay is low.
    citations:
      - {ref: coleman-nyblade-2018, pages: "726-741"}
"""

INDICATORS = """\
rules:
  - id: b_indicator.provider_rather_than_payer
    title: Provides many personnel while paying little
    when:
      - {indicator: major_personnel_contributor}
      - {fact: budget_share_pct, op: "<", value: 1}
    then: {indicator: provider_rather_than_payer}
    rationale: A large contingent from a member assessed under 1% is the typical provider.
    citations:
      - {ref: bellamy-williams-2013, pages: "ch. 1"}
  - id: c_indicator.major_personnel_contributor
    title: Deploys uniformed personnel at scale
    when:
      - {fact: uniformed_personnel, op: ">=", value: 2000}
    then: {indicator: major_personnel_contributor}
    rationale: About the cut-off for the ten largest contributors.
    citations:
      - {ref: bellamy-williams-2013}
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "references.yaml").write_text(REFERENCES, encoding="utf-8")
    (directory / "a_motives.yaml").write_text(MOTIVES, encoding="utf-8")
    (directory / "b_indicators.yaml").write_text(INDICATORS, encoding="utf-8")
    return directory


def _position(rulebase: RuleBase) -> dict[str, int]:
    return {rule.id: index for index, rule in enumerate(rulebase.rules)}


def test_minimal_rule_directory_loads(tmp_path: Path) -> None:
    (tmp_path / "references.yaml").write_text(REFERENCES, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(
        MOTIVES.replace("      - {indicator: provider_rather_than_payer}\n", ""), encoding="utf-8"
    )
    rulebase = load_rulebase(tmp_path)
    assert [rule.id for rule in rulebase.rules] == ["a_economic.cheap_provider"]
    rule = rulebase.rule("a_economic.cheap_provider")
    assert (rule.motive, rule.certainty) == ("economic", 0.4)
    assert [rulebase.cite(citation) for citation in rule.citations] == ["Coleman & Nyblade (2018), 726-741"]
    assert [reference.key for reference in rulebase.references] == [
        "bellamy-williams-2013",
        "coleman-nyblade-2018",
    ]


def test_producers_come_before_consumers(rules_dir: Path) -> None:
    rulebase = load_rulebase(rules_dir)
    position = _position(rulebase)
    assert len(position) == 3
    for consumer in rulebase.rules:
        for indicator in consumer.indicators_read():
            for producer in rulebase.producers(indicator):
                assert position[producer.id] < position[consumer.id], (producer.id, consumer.id)
    assert [rule.id for rule in rulebase.rules] == [
        "c_indicator.major_personnel_contributor",
        "b_indicator.provider_rather_than_payer",
        "a_economic.cheap_provider",
    ]


def test_version_is_stable_when_nothing_changes(rules_dir: Path) -> None:
    assert load_rulebase(rules_dir).version == load_rulebase(rules_dir).version


def test_version_changes_when_a_rule_file_changes(rules_dir: Path) -> None:
    before = load_rulebase(rules_dir).version
    path = rules_dir / "a_motives.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("certainty: 0.4", "certainty: 0.5"), encoding="utf-8"
    )
    assert load_rulebase(rules_dir).version != before


def test_version_changes_when_a_reference_changes(rules_dir: Path) -> None:
    before = load_rulebase(rules_dir).version
    path = rules_dir / "references.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("(2013)", "(2014)"), encoding="utf-8")
    assert load_rulebase(rules_dir).version != before


def test_version_does_not_depend_on_where_the_directory_is(rules_dir: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(rules_dir, tmp_path / "elsewhere" / "rules")
    assert load_rulebase(copy).version == load_rulebase(rules_dir).version
