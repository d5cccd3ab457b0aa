"""Scoring the rule base against a labelled set, beside two baselines that know nothing of the facts.

Each country (at the date its label names) is classified once. Its verdict is scored (``scoring``)
against its label, and so are two baselines fitted on the labels, each computed leave-one-country-out
(fitted on every other country, so a country's own label never predicts itself):

* ``always the most common label``: the motive found in most of the other countries' labels;
* ``most common label by income group``: the motive found most often in the labels of the other
  countries of the same World Bank income group (a fact of each snapshot); where no other labelled
  country shares the group, or the group is unknown, the most common label overall.

Ties between motives go to the earlier motive in the fixed order political, economic, security,
institutional, normative. The rule base itself is not fitted here, so its figures need no such split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motives.engine.inference.certainty import combine
from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance, classify
from motives.engine.inference.compiled import CompiledRules
from motives.engine.inference.trace import Check, Classification, Coverage
from motives.engine.model.catalog import display_path
from motives.engine.model.facts import load_facts
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue, Motive

from .labels import CountryLabel
from .scoring import (
    Difference,
    KindAgreement,
    Prediction,
    Scores,
    SourceAgreement,
    compare,
    kind_agreement,
    score,
    source_agreement,
)

MOST_COMMON = "always the most common label"
BY_INCOME = "most common label by income group"
BASELINES = (MOST_COMMON, BY_INCOME)


@dataclass(frozen=True, slots=True)
class UsedFact:
    """A fact a fired rule read, with its value and source."""

    name: str
    value: FactValue
    source: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fired motive rule: what it concluded and the facts it read (through its indicators)."""

    motive: Motive
    rule_id: str
    certainty: float
    facts: tuple[UsedFact, ...]


@dataclass(frozen=True, slots=True)
class Undecided:
    """A rule not judged for unknown facts that could by itself lift its motive to the dominance minimum."""

    motive: Motive
    rule_id: str
    certainty: float
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountryResult:
    """One labelled country: its label, the verdict, the baselines' guesses and what decided the verdict."""

    label: CountryLabel
    country: str
    iso3: str
    as_of: str
    facts_path: str
    income_group: str | None
    certainties: tuple[tuple[Motive, float], ...]  # highest first
    rules: Prediction
    baselines: tuple[tuple[str, Motive], ...]  # (baseline name, the motive it predicts)
    evidence: tuple[Evidence, ...]
    coverage: Coverage  # how many of the facts the rules read were known, estimated, lower bounds
    # rules not judged for unknown facts whose evidence alone would make their motive reach the dominance
    # minimum: where a verdict turns on facts the panel does not have
    undecided: tuple[Undecided, ...] = ()
    facts_hash: str = ""


@dataclass(frozen=True, slots=True)
class RuleAgreement:
    """One motive rule against the labels: the labelled countries it fired for, split by whether the
    label bears it out. Evidence for a motive is borne out where the label names the motive; evidence
    against one (a negative certainty), where the label leaves it out."""

    rule_id: str
    motive: Motive
    certainty: float
    borne_out: tuple[str, ...]  # ISO3 codes, in the labels' order
    against: tuple[str, ...]
    # of ``against``, the countries where at least one source row still agrees with the rule: it names
    # the motive, as dominant or beside (evidence against: one row leaves it out of its dominant motives)
    a_source_agrees: tuple[str, ...]
    # top-1 agreement and Jaccard of the rule base without this rule (its evidence taken out of every
    # country's combination; a motive rule feeds no other rule, so nothing else changes)
    without: tuple[float, float] = (0.0, 0.0)

    @property
    def fired(self) -> int:
        return len(self.borne_out) + len(self.against)

    @property
    def share(self) -> float | None:
        """The share of the countries it fired for whose label bears it out; None: it fired for none."""
        return len(self.borne_out) / self.fired if self.fired else None


@dataclass(frozen=True, slots=True)
class Evaluation:
    countries: tuple[CountryResult, ...]
    rules: Scores
    baselines: tuple[tuple[str, Scores], ...]
    sources: SourceAgreement  # the sources against one another, and the rule base on the same rows
    # the rule base's top-1 agreement and Jaccard minus each baseline's, country by country, by name
    versus: tuple[tuple[str, Difference, Difference], ...]
    # the rule base and always the most common label against the rows of each kind of source
    by_kind: tuple[KindAgreement, ...]
    dominance: Dominance = DEFAULT_DOMINANCE
    rulebase: str = ""  # the hash of the rule base evaluated
    # every motive rule of the rule base, by motive in rule-base order, against the labels of the
    # countries it fired for
    by_rule: tuple[RuleAgreement, ...] = ()


def evaluate(
    labels: Sequence[CountryLabel], compiled: CompiledRules, dominance: Dominance = DEFAULT_DOMINANCE
) -> Evaluation:
    vocabulary = compiled.rulebase.vocabulary
    facts = [load_facts(label.path, display_path(label.path), vocabulary) for label in labels]
    results = [classify(one, compiled, dominance) for one in facts]
    incomes = [_income(result) for result in results]
    countries = []
    for index, (label, result) in enumerate(zip(labels, results, strict=True)):
        others = [(other, incomes[i]) for i, other in enumerate(labels) if results[i].iso3 != result.iso3]
        overall = most_common(other.label for other, _ in others)
        peers = [other.label for other, income in others if incomes[index] and income == incomes[index]]
        by_income = most_common(peers) if peers else overall
        countries.append(
            CountryResult(
                label,
                result.country,
                result.iso3,
                result.as_of.isoformat(),
                result.facts_path,
                incomes[index],
                tuple((m.motive, m.certainty) for m in result.motives),
                _prediction(result),
                ((MOST_COMMON, overall), (BY_INCOME, by_income)),
                _evidence(result),
                result.coverage,
                _undecided(result, dominance),
                result.facts_hash,
            )
        )
    predictions = [(c.label, c.rules) for c in countries]
    guesses = {name: [(c.label, _guess(c, name)) for c in countries] for name in BASELINES}
    rules = score(predictions)
    baselines = tuple((name, score(guessed)) for name, guessed in guesses.items())
    versus = tuple((name, *compare(predictions, guessed)) for name, guessed in guesses.items())
    by_rule = rule_agreement(countries, compiled.rulebase, dominance)
    sources = source_agreement(predictions)
    by_kind = kind_agreement(predictions, guesses[MOST_COMMON])
    return Evaluation(
        tuple(countries),
        rules,
        baselines,
        sources,
        versus,
        by_kind,
        dominance,
        compiled.rulebase.version,
        by_rule,
    )


def rule_agreement(
    countries: Sequence[CountryResult], rulebase: RuleBase, dominance: Dominance = DEFAULT_DOMINANCE
) -> tuple[RuleAgreement, ...]:
    """Each motive rule of ``rulebase`` against the labels of the countries it fired for, by motive, in
    rule-base order, with the agreement of the rule base without it: where a rule base disagrees with
    the literature, which rules it is. A rule that fired for no labelled country is listed too (the
    labels cannot judge it)."""
    found = []
    fired = [{evidence.rule_id for evidence in country.evidence} for country in countries]
    for rule in rulebase.rules:
        if rule.motive is None:
            continue
        borne_out, against, a_source_agrees = [], [], []
        verdicts = []  # each country's verdict without the rule
        for country, its_rules in zip(countries, fired, strict=True):
            if rule.id not in its_rules:
                verdicts.append((country.label, country.rules))
                continue
            verdicts.append((country.label, _without(country, rule.id, dominance)))
            rows = country.label.rows
            if rule.weight >= 0:
                agrees = rule.motive in country.label.label
                some_row = any(rule.motive in (*row.dominant, *row.secondary) for row in rows)
            else:
                agrees = rule.motive not in country.label.label
                some_row = any(rule.motive not in row.dominant for row in rows)
            if agrees:
                borne_out.append(country.iso3)
            else:
                against.append(country.iso3)
                if some_row:
                    a_source_agrees.append(country.iso3)
        without = score(verdicts)
        found.append(
            RuleAgreement(
                rule.id,
                rule.motive,
                rule.weight,
                tuple(borne_out),
                tuple(against),
                tuple(a_source_agrees),
                (without.top1, without.jaccard),
            )
        )
    order = list(Motive)
    return tuple(sorted(found, key=lambda agreement: order.index(agreement.motive)))  # stable: rule order


def _without(country: CountryResult, rule_id: str, dominance: Dominance) -> Prediction:
    """The country's verdict with the evidence of one motive rule it fired taken out."""
    weights: dict[Motive, list[float]] = {motive: [] for motive in Motive}
    for evidence in country.evidence:
        if evidence.rule_id != rule_id:
            weights[evidence.motive].append(evidence.certainty)
    dominant = dominance.select({motive: combine(found).certainty for motive, found in weights.items()})
    return Prediction(dominant, dominant[0] if dominant else None)


def _guess(country: CountryResult, baseline: str) -> Prediction:
    motive = dict(country.baselines)[baseline]
    return Prediction((motive,), motive)


def most_common(labels: Iterable[Sequence[Motive]]) -> Motive:
    """The motive found in most labels; ties (and no labels) go to the earliest in motive order."""
    counts = Counter(motive for label in labels for motive in label)
    return max(Motive, key=lambda motive: (counts[motive], -list(Motive).index(motive)))


def _income(result: Classification) -> str | None:
    found = next((fact.value for fact in result.facts if fact.name == "income_group"), None)
    return str(found) if found is not None else None


def _prediction(result: Classification) -> Prediction:
    strongest = next((m.motive for m in result.motives if m.dominant), None)  # motives come highest first
    return Prediction(result.dominant, strongest)


def _undecided(result: Classification, dominance: Dominance) -> tuple[Undecided, ...]:
    found = []
    for motive in result.motives:
        known = [step.certainty or 0.0 for step in motive.evidence]
        for item in motive.unjudged:
            weight = item.certainty or 0.0
            if weight > 0 and combine([*known, weight]).certainty >= dominance.minimum > motive.certainty:
                found.append(Undecided(motive.motive, item.rule_id, weight, item.missing))
    return tuple(found)


def _evidence(result: Classification) -> tuple[Evidence, ...]:
    found = []
    for motive in result.motives:
        for step in motive.evidence:
            facts: dict[str, UsedFact] = {}
            _collect(step.checks, facts)
            found.append(Evidence(motive.motive, step.rule_id, step.certainty or 0.0, tuple(facts.values())))
    return tuple(found)


def _collect(checks: Iterable[Check], facts: dict[str, UsedFact]) -> None:
    for check in checks:
        if check.fact is not None and check.value is not None:
            facts.setdefault(check.fact, UsedFact(check.fact, check.value, check.source or ""))
        _collect(check.inputs, facts)
        for step in check.support:
            _collect(step.checks, facts)
