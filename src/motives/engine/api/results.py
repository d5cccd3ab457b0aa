"""What the Python API returns (``motives.country``, ``motives.classify_country``, ...): frozen values
around the engine's own results, each with ``to_dict()`` and an HTML view for Jupyter (``_repr_html_``).

``to_dict()`` is JSON-ready data read off the same renderers as the CLI, so it equals the command's
``--format json`` output where the command has one (``classify``, ``classify --set``, ``explain``,
``compare``, a row of ``batch --format json``, ``evaluate``); the tests check each equality. In Jupyter a
result shows itself as HTML: the verdict, the certainty bars and each derivation in a collapsible
``<details>``.

    >>> india = motives.classify_country("india", as_of="2023-11-30")
    >>> india
    <CountryResult India (IND) 2023-11-30: dominant political, normative>
    >>> {motive: round(value, 2) for motive, value in india.certainties.items()}
    {'political': 0.74, 'economic': 0.45, 'security': 0.0, 'institutional': 0.25, 'normative': 0.66}
    >>> page = india._repr_html_()  # what a notebook shows
    >>> page.count("<details open>"), page.count("<details>")  # dominant motives open, the others closed
    (2, 3)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from motives.engine.analysis.batch import Row
from motives.engine.analysis.comparison import Comparison
from motives.engine.analysis.evaluation import Evaluation
from motives.engine.analysis.explain import MotiveExplanation
from motives.engine.analysis.scoring import Difference, Scores, SourceAgreement, hit, jaccard
from motives.engine.analysis.whatif import WhatIf
from motives.engine.inference.trace import Classification
from motives.engine.model.facts import FactSet
from motives.engine.model.vocabulary import FactValue, Motive
from motives.engine.render.rows import row_data

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True, slots=True, repr=False)
class CountryFacts:
    """One country's facts at one date, each with its source (``motives.country``)."""

    facts: FactSet

    @property
    def country(self) -> str:
        return self.facts.country

    @property
    def iso3(self) -> str:
        return self.facts.iso3

    @property
    def as_of(self) -> dt.date:
        return self.facts.as_of

    @property
    def path(self) -> str:
        """Where the facts were read, as every output shows it (``facts/india.csv#2023-11-30``)."""
        return self.facts.path

    def value(self, name: str) -> FactValue | None:
        """The value of fact ``name``, or None when the snapshot does not know it."""
        fact = self.facts.get(name)
        return None if fact is None else fact.value

    def __repr__(self) -> str:
        who = _who(self.country, self.iso3, self.as_of)
        return f"<CountryFacts {who}: {len(self.facts.facts)} facts, {self.path}>"

    def to_dict(self) -> dict[str, Any]:
        """The keys ``country``, ``iso3``, ``as_of``, ``facts_file``, ``facts`` and ``facts_hash``, as
        ``classify --format json`` gives them."""
        from motives.engine.render.classification import fact_data

        return {
            "country": self.country,
            "iso3": self.iso3,
            "as_of": self.as_of.isoformat(),
            "facts_file": self.path,
            "facts": [fact_data(fact) for fact in self.facts.facts],
            "facts_hash": self.facts.fingerprint,
        }

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import facts_html

        return facts_html(self.facts)


@dataclass(frozen=True, slots=True, repr=False)
class CountryResult:
    """One country classified: its dominant motives and every motive's certainty and derivation
    (``motives.classify_country``); ``classification`` is the engine's full result."""

    classification: Classification

    @property
    def country(self) -> str:
        return self.classification.country

    @property
    def iso3(self) -> str:
        return self.classification.iso3

    @property
    def as_of(self) -> dt.date:
        return self.classification.as_of

    @property
    def dominant(self) -> tuple[str, ...]:
        """The dominant motives, strongest first."""
        return tuple(str(motive) for motive in self.classification.dominant)

    @property
    def certainties(self) -> dict[str, float]:
        """Each motive's certainty, from -1 to 1, in the order of the motives."""
        return {str(motive): self.classification.motive(motive).certainty for motive in Motive}

    def __repr__(self) -> str:
        return (
            f"<CountryResult {_who(self.country, self.iso3, self.as_of)}: dominant {_listed(self.dominant)}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The same data as ``motives classify COUNTRY --format json``."""
        from motives.engine.render.classification import to_data

        return to_data(self.classification)

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import classification_html

        return classification_html(self.classification)


@dataclass(frozen=True, slots=True, repr=False)
class Panel:
    """Snapshots of many countries' facts (``motives.load_panel``), country by country, oldest first."""

    snapshots: tuple[CountryFacts, ...]

    def __len__(self) -> int:
        return len(self.snapshots)

    def __iter__(self) -> Iterator[CountryFacts]:
        return iter(self.snapshots)

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries in the panel, in its order, each once.

        >>> panel = motives.load_panel(["india", "usa"])
        >>> panel.countries, len(panel), panel.snapshots[-1].path
        (('India', 'United States'), 75, 'facts/usa.csv#2025-07-31')
        """
        return tuple(dict.fromkeys(snapshot.country for snapshot in self.snapshots))

    def __repr__(self) -> str:
        return f"<Panel {len(self.snapshots)} snapshot(s) of {len(self.countries)} country(ies)>"

    def to_dict(self) -> dict[str, Any]:
        """``{"snapshots": [...]}``, each as ``CountryFacts.to_dict()``."""
        return {"snapshots": [snapshot.to_dict() for snapshot in self.snapshots]}

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import panel_html

        return panel_html([snapshot.facts for snapshot in self.snapshots])


@dataclass(frozen=True, slots=True, repr=False)
class PanelResult:
    """Many snapshots classified (``motives.classify_panel``, ``motives.trend``): one batch row each;
    rows that could not be classified are kept apart in ``problems``."""

    rows: tuple[Row, ...]
    problems: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        problems = f", {len(self.problems)} problem(s)" if self.problems else ""
        return f"<PanelResult {len(self.rows)} row(s){problems}>"

    def to_dict(self) -> dict[str, Any]:
        """``{"rows": [...]}``, each row as ``motives batch --format json`` writes it, and the
        ``problems`` (one line each) of the inputs that could not be read."""
        return {"rows": [row_data(row) for row in self.rows], "problems": list(self.problems)}

    def to_frame(self) -> pandas.DataFrame:
        """The wide pandas frame (``motives.to_frame``: one row per country and date; needs the extra
        ``motives[pandas]``).

        >>> frame = motives.classify_panel(["india"]).to_frame()
        >>> frame.shape
        (38, 27)
        >>> frame.loc[frame.as_of == "2023-11-30", ["political_certainty", "political_dominant"]].round(2)
            political_certainty  political_dominant
        34                 0.74                True
        """
        from motives.engine.render.frames import to_frame

        return to_frame(self.rows)

    def tidy_frame(self) -> pandas.DataFrame:
        """The tidy pandas frame (``motives.tidy_frame``: one row per motive, fired rule and fact read);
        it needs the rows' classifications: ``classify_panel(..., explained=True)``."""
        from motives.engine.render.frames import tidy_frame

        if any(row.result is None for row in self.rows):
            raise ValueError(
                "tidy_frame() needs each row's classification: classify_panel(..., explained=True)"
            )
        return tidy_frame(self.rows)

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import rows_html

        return rows_html(self.rows, f"{len(self.rows)} snapshot(s) classified")


@dataclass(frozen=True, slots=True, repr=False)
class Explanation:
    """How one motive was concluded for one country, and why it was not, or not more strongly
    (``motives.explain``)."""

    explanation: MotiveExplanation

    @property
    def motive(self) -> str:
        return str(self.explanation.result.motive)

    @property
    def certainty(self) -> float:
        return self.explanation.result.certainty

    @property
    def dominant(self) -> bool:
        return self.explanation.result.dominant

    @property
    def missed(self) -> tuple[str, ...]:
        """The ids of the supporting rules that did not fire, closest to firing first."""
        return tuple(missed.rule_id for missed in self.explanation.missed)

    def __repr__(self) -> str:
        found = self.explanation.classification
        status = "dominant" if self.dominant else "not dominant"
        who = _who(found.country, found.iso3, found.as_of)
        return (
            f"<Explanation {who}: {self.motive} {self.certainty:.2f}, {status}, "
            f"{len(self.missed)} supporting rule(s) not fired>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The same data as ``motives explain COUNTRY MOTIVE --format json``."""
        from motives.engine.render.analysis import explain_data

        return explain_data(self.explanation)

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import explanation_html

        return explanation_html(self.explanation)


@dataclass(frozen=True, slots=True, repr=False)
class ComparisonResult:
    """Two or more countries compared, the seed paper's method (``motives.compare``)."""

    comparison: Comparison

    @property
    def countries(self) -> tuple[CountryResult, ...]:
        return tuple(CountryResult(result) for result in self.comparison.results)

    @property
    def shared(self) -> tuple[str, ...]:
        """The motives dominant for every country."""
        return tuple(str(item.motive) for item in self.comparison.similarities)

    @property
    def differing(self) -> tuple[str, ...]:
        """The motives dominant for some countries and not for others."""
        return tuple(str(item.motive) for item in self.comparison.differences)

    def __repr__(self) -> str:
        who = ", ".join(_who(r.country, r.iso3, r.as_of) for r in self.comparison.results)
        return f"<ComparisonResult {who}: shared {_listed(self.shared)}; differing {_listed(self.differing)}>"

    def to_dict(self) -> dict[str, Any]:
        """The same data as ``motives compare A B ... --format json``."""
        from motives.engine.render.analysis import compare_data

        return compare_data(self.comparison)

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import comparison_html

        return comparison_html(self.comparison)


@dataclass(frozen=True, slots=True, repr=False)
class WhatIfResult:
    """A country classified again with some facts changed, beside the classification as it is
    (``motives.what_if``)."""

    what_if: WhatIf

    @property
    def before(self) -> CountryResult:
        return CountryResult(self.what_if.before)

    @property
    def after(self) -> CountryResult:
        return CountryResult(self.what_if.after)

    @property
    def gained(self) -> tuple[str, ...]:
        """The motives dominant after the change and not before."""
        return tuple(str(motive) for motive in self.what_if.gained)

    @property
    def lost(self) -> tuple[str, ...]:
        """The motives dominant before the change and not after."""
        return tuple(str(motive) for motive in self.what_if.lost)

    def __repr__(self) -> str:
        found = self.what_if.after
        changes = "; ".join(str(change) for change in self.what_if.changes)
        return (
            f"<WhatIfResult {_who(found.country, found.iso3, found.as_of)}, {changes}: "
            f"gained {_listed(self.gained)}, lost {_listed(self.lost)}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The same data as ``motives classify COUNTRY --set NAME=VALUE ... --format json``."""
        from motives.engine.render.analysis import what_if_data

        return what_if_data(self.what_if)

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import what_if_html

        return what_if_html(self.what_if)


@dataclass(frozen=True, slots=True, repr=False)
class EvaluationResult:
    """The rule base scored against a labelled set, beside two baselines (``motives.evaluate``)."""

    evaluation: Evaluation

    @property
    def scores(self) -> Scores:
        """The rule base's figures: ``top1``, ``jaccard``, ``row_top1``, ``row_jaccard``, ``macro_f1``."""
        return self.evaluation.rules

    @property
    def baselines(self) -> dict[str, Scores]:
        """Each baseline's figures, by name, fitted leave-one-country-out."""
        return dict(self.evaluation.baselines)

    @property
    def versus(self) -> dict[str, tuple[Difference, Difference]]:
        """The rule base's top-1 agreement and Jaccard minus each baseline's, with 95% intervals."""
        return {name: (top1, overlap) for name, top1, overlap in self.evaluation.versus}

    @property
    def sources(self) -> SourceAgreement:
        """How well the sources agree with one another, and the rule base on the same rows."""
        return self.evaluation.sources

    def __repr__(self) -> str:
        rows = sum(len(c.label.rows) for c in self.evaluation.countries)
        baselines = "; ".join(
            f"{name} {found.top1:.2f}/{found.jaccard:.2f}" for name, found in self.evaluation.baselines
        )
        return (
            f"<EvaluationResult {len(self.evaluation.countries)} countries ({rows} source rows): top-1 "
            f"{self.scores.top1:.2f}, Jaccard {self.scores.jaccard:.2f}; {baselines}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The same data as ``motives evaluate --format json``."""
        from motives.engine.render.evaluation import evaluation_data

        return evaluation_data(self.evaluation)

    def to_frame(self) -> pandas.DataFrame:
        """A row per labelled country: its date, verdict, label, top-1 hit and Jaccard (needs pandas)."""
        import pandas

        return pandas.DataFrame(
            [
                {
                    "country": c.country,
                    "iso3": c.iso3,
                    "as_of": c.as_of,
                    "predicted": ", ".join(str(m) for m in c.rules.dominant),
                    "label": ", ".join(str(m) for m in c.label.label),
                    "sources": len(c.label.rows),
                    "top1": hit(c.rules, c.label.label),
                    "jaccard": jaccard(c.rules.dominant, c.label.label),
                }
                for c in self.evaluation.countries
            ]
        )

    def _repr_html_(self) -> str:
        from motives.engine.render.notebook import evaluation_html

        return evaluation_html(self.evaluation)


def _who(country: str, iso3: str, as_of: dt.date) -> str:
    return f"{country} ({iso3}) {as_of.isoformat()}"


def _listed(motives: tuple[str, ...]) -> str:
    return ", ".join(motives) or "none"
