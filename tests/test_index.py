"""The rule base's lookups (model/index.py) answer as a scan of the rules would, and are kept out of
the rule base's value."""

from __future__ import annotations

import dataclasses

from motives import Motive, load_shipped_rulebase
from motives.engine.model.conditions import branches
from motives.engine.model.index import alternatives, motive_rules
from motives.engine.model.rules import RuleBase


def test_lookups_agree_with_scanning_the_rules(shipped_rulebase: RuleBase) -> None:
    for name in [*shipped_rulebase.indicators(), "no_such_indicator"]:
        scanned = tuple(rule for rule in shipped_rulebase.rules if rule.indicator == name)
        assert shipped_rulebase.producers(name) == scanned
    for motive in Motive:
        assert motive_rules(shipped_rulebase, motive) == tuple(
            rule for rule in shipped_rulebase.rules if rule.motive == motive
        )
    for reference in shipped_rulebase.references:
        assert shipped_rulebase.reference(reference.key) is reference
    for rule in shipped_rulebase.rules:
        assert alternatives(shipped_rulebase, rule) == branches(rule.condition)
        assert alternatives(shipped_rulebase, rule) is alternatives(shipped_rulebase, rule)


def test_the_memo_is_not_part_of_the_rule_base_value(shipped_rulebase: RuleBase) -> None:
    fresh = load_shipped_rulebase()
    shipped_rulebase.producers("major_financial_contributor")  # fills the memo of one of them
    assert fresh == shipped_rulebase and hash(fresh) == hash(shipped_rulebase)
    assert dataclasses.replace(shipped_rulebase).memo == {}
