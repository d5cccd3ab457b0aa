"""The fact vocabulary and the motive families: the one schema of what a country can be described by.

Each observed fact has a name (snake_case, unit in the name), a kind, a range and a one-line meaning.
The fact-file validator, the rule checker (which facts a condition may read, which values it may compare
with) and the documentation all read this registry; nothing else lists fact names.

A fact that a file does not give is *unknown*: never zero, never false.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

FactValue = bool | int | float | str

# No real figure of this vocabulary comes near it; larger numbers are typing accidents, and would
# overflow the floating-point arithmetic of derived quantities.
MAX_MAGNITUDE = 1e12


class Motive(StrEnum):
    """The five families of rationale for contributing (Bellamy & Williams 2013)."""

    POLITICAL = "political"
    ECONOMIC = "economic"
    SECURITY = "security"
    INSTITUTIONAL = "institutional"
    NORMATIVE = "normative"


MOTIVE_MEANINGS: dict[Motive, str] = {
    Motive.POLITICAL: "status, influence over mandates, Security Council ambitions, alliance management",
    Motive.ECONOMIC: "UN reimbursements and allowances that are large relative to national pay and budgets",
    Motive.SECURITY: "containing instability that threatens the contributor or the order it underwrites",
    Motive.INSTITUTIONAL: "interests of the armed forces and police: experience, training, careers",
    Motive.NORMATIVE: "commitment to the UN Charter, multilateralism, humanitarian values, identity",
}


class Kind(StrEnum):
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    CHOICE = "choice"


# The word a rules directory's vocabulary.yaml writes for each kind (JSON Schema's names for the types).
KIND_NAMES: dict[str, Kind] = {
    "boolean": Kind.BOOL,
    "integer": Kind.INT,
    "number": Kind.FLOAT,
    "choice": Kind.CHOICE,
}


@dataclass(frozen=True, slots=True)
class FactSpec:
    """What one fact name means and which values it may take."""

    name: str
    kind: Kind
    description: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    # how many decimals an output shows (None: the value as given, to at most four); comparisons and JSON
    # always use the exact value
    decimals: int | None = None
    # a fact no country can change by choosing to (a permanent seat, its record to date): what-if
    # searches (counterfactual) never propose a change to it
    fixed: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind in (Kind.INT, Kind.FLOAT)

    def allowed(self) -> str:
        """The values this fact takes, in words: ``a whole number >= 0``, ``true or false``."""
        if self.kind is Kind.BOOL:
            return "true or false"
        if self.kind is Kind.CHOICE:
            return "one of " + ", ".join(self.choices)
        kind = "a whole number" if self.kind is Kind.INT else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} from {_number(self.minimum)} to {_number(self.maximum)}"
        if self.minimum is not None:
            return f"{kind} >= {_number(self.minimum)}"
        return kind

    def type_error(self, value: object) -> str | None:
        """Why ``value`` cannot be this fact's value, or None when it can."""
        if self.kind is Kind.BOOL:
            return None if isinstance(value, bool) else f"must be true or false, not {_shown(value)}"
        if self.kind is Kind.CHOICE:
            if value in self.choices:
                return None
            return f"must be one of {', '.join(self.choices)}, not {_shown(value)}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number, not {_shown(value)}"
        if self.kind is Kind.INT and not isinstance(value, int):
            return f"must be a whole number, not {_shown(value)}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be a finite number, not {_shown(value)}"
        if abs(value) > MAX_MAGNITUDE:
            return f"must be at most {MAX_MAGNITUDE:.0e} in size, not {_shown(value)}"
        if self.minimum is not None and value < self.minimum:
            return f"must be >= {_number(self.minimum)}, not {_shown(value)}"
        if self.maximum is not None and value > self.maximum:
            return f"must be <= {_number(self.maximum)}, not {_shown(value)}"
        return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_MAGNITUDE:
        return f"a number of {len(str(abs(value)))} digits"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null (an empty value)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, int | float):
        return str(value)
    return f"a {type(value).__name__}"


def _count(name: str, description: str, fixed: bool = False) -> FactSpec:
    unit = "people" if "personnel" in name else "count"
    return FactSpec(name, Kind.INT, description, unit=unit, minimum=0, fixed=fixed)


def _share(name: str, description: str) -> FactSpec:
    return FactSpec(name, Kind.FLOAT, description, unit="percent", minimum=0, maximum=100)


def _years(name: str, description: str, fixed: bool = False) -> FactSpec:
    return FactSpec(name, Kind.INT, description, unit="years", minimum=0, fixed=fixed)


def _year(name: str, description: str, fixed: bool = False) -> FactSpec:
    return FactSpec(name, Kind.INT, description, unit="year", minimum=1945, maximum=2100, fixed=fixed)


def _flag(name: str, description: str, fixed: bool = False) -> FactSpec:
    return FactSpec(name, Kind.BOOL, description, fixed=fixed)


INCOME_GROUPS = ("low", "lower-middle", "upper-middle", "high")

FACTS: dict[str, FactSpec] = {
    spec.name: spec
    for spec in (
        _share("budget_share_pct", "assessed share of the UN peacekeeping budget"),
        _share("regular_budget_share_pct", "assessed share of the UN regular budget"),
        _count(
            "uniformed_personnel",
            "uniformed personnel deployed at the snapshot date: troops, police, experts, staff officers",
        ),
        _count("troops", "troops and staff officers among the uniformed personnel"),
        _count("police", "individual police and formed police units among the uniformed personnel"),
        _count("experts_on_mission", "military experts on mission (observers) among the uniformed personnel"),
        _count("female_personnel", "women among the uniformed personnel"),
        FactSpec(
            "contributor_rank",
            Kind.INT,
            "rank among all contributors by uniformed personnel (ties share a rank)",
            unit="rank",
            minimum=1,
        ),
        _count("missions_count", "current UN missions in which the country has uniformed personnel"),
        _count(
            "missions_cumulative",
            "UN operations the country has joined since its first deployment",
            fixed=True,
        ),
        _count(
            "cumulative_personnel_deployed",
            "uniformed personnel deployed over the country's whole record",
            fixed=True,
        ),
        _count(
            "fatalities_cumulative",
            "the country's peacekeepers killed in UN operations, all causes",
            fixed=True,
        ),
        _count(
            "leadership_posts",
            "senior UN mission posts held over time: force commanders and deputies, heads of mission, "
            "police commissioners, military advisers",
        ),
        _count("force_commanders_count", "UN force commanders the country has provided over time"),
        _flag("all_female_unit_deployed", "has deployed an all-female formed unit to a UN operation"),
        _flag("unsc_permanent", "is a permanent member of the UN Security Council", fixed=True),
        _flag("unsc_seat_aspirant", "campaigns for a permanent Security Council seat (e.g. the G4)"),
        _flag(
            "unsc_elected_recently", "has been an elected Security Council member within the last 10 years"
        ),
        _flag(
            "unsc_member", "sits on the Security Council, permanent or elected, in the year of the snapshot"
        ),
        FactSpec(
            "unsc_terms",
            Kind.INT,
            "elected Security Council terms begun by the year of the snapshot",
            unit="terms",
            minimum=0,
            fixed=True,
        ),
        _years(
            "years_contributing",
            "calendar years since 1990 with uniformed personnel in a monthly report",
            fixed=True,
        ),
        _year(
            "first_contribution_year",
            "the first year since 1990 with uniformed personnel in a report",
            fixed=True,
        ),
        _count(
            "peak_personnel",
            "the largest monthly uniformed personnel since 1990, up to the snapshot date",
            fixed=True,
        ),
        _year(
            "peak_personnel_year",
            "the year of its largest monthly uniformed personnel since 1990",
            fixed=True,
        ),
        FactSpec(
            "personnel_change_5y",
            Kind.INT,
            "uniformed personnel at the snapshot date less uniformed personnel five years earlier",
            unit="people",
        ),
        FactSpec(
            "personnel_years",
            Kind.INT,
            "uniformed personnel summed over the monthly reports since 1990 and divided by 12",
            unit="person-years",
            minimum=0,
            fixed=True,
        ),
        _years(
            "years_in_top_ten", "December reports since 1990 in which it ranked among the top ten", fixed=True
        ),
        _share(
            "regional_deployment_pct",
            "share of its uniformed person-months over the five years to the snapshot date spent in "
            "missions hosted in its own UN M49 region, Asia by its sub-regions (months whose report names "
            "the missions)",
        ),
        FactSpec(
            "income_group",
            Kind.CHOICE,
            "World Bank income group",
            choices=INCOME_GROUPS,
        ),
        FactSpec(
            "gdp_per_capita_usd",
            Kind.FLOAT,
            "gross domestic product per person, current US dollars",
            unit="US$",
            minimum=0,
        ),
        _flag("hosted_un_pko", "has hosted a UN peacekeeping operation on its territory", fixed=True),
        _flag(
            "deployed_in_neighbouring_host",
            "has uniformed personnel in a UN mission hosted by a state it shares a land border with",
        ),
        _flag("training_provider", "funds or runs peacekeeping training for other countries (e.g. GPOI)"),
        _flag("national_pk_training_centre", "runs a national peacekeeping training centre"),
    )
}


@dataclass(frozen=True, slots=True)
class Consistency:
    """A rule between facts of one file that no true figure can break."""

    facts: tuple[str, ...]
    holds: Callable[[Mapping[str, Any]], bool]  # called with the facts named, all numbers
    message: str
    needs: frozenset[str] = field(init=False, repr=False, compare=False)  # checked where all are known

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", frozenset(self.facts))  # a frozen class sets it once, here


CONSISTENCY: tuple[Consistency, ...] = (
    Consistency(
        ("female_personnel", "uniformed_personnel"),
        lambda v: v["female_personnel"] <= v["uniformed_personnel"],
        "female_personnel ({female_personnel}) exceeds uniformed_personnel ({uniformed_personnel})",
    ),
    Consistency(
        ("troops", "uniformed_personnel"),
        lambda v: v["troops"] <= v["uniformed_personnel"],
        "troops ({troops}) exceeds uniformed_personnel ({uniformed_personnel})",
    ),
    Consistency(
        ("police", "uniformed_personnel"),
        lambda v: v["police"] <= v["uniformed_personnel"],
        "police ({police}) exceeds uniformed_personnel ({uniformed_personnel})",
    ),
    Consistency(
        ("troops", "police", "uniformed_personnel"),
        lambda v: v["troops"] + v["police"] <= v["uniformed_personnel"],
        "troops ({troops}) + police ({police}) exceed uniformed_personnel ({uniformed_personnel})",
    ),
    Consistency(
        ("troops", "police", "experts_on_mission", "uniformed_personnel"),
        lambda v: v["troops"] + v["police"] + v["experts_on_mission"] <= v["uniformed_personnel"],
        "troops ({troops}) + police ({police}) + experts_on_mission ({experts_on_mission}) exceed "
        "uniformed_personnel ({uniformed_personnel})",
    ),
    Consistency(
        ("uniformed_personnel", "peak_personnel"),
        lambda v: v["uniformed_personnel"] <= v["peak_personnel"],
        "uniformed_personnel ({uniformed_personnel}) exceeds peak_personnel ({peak_personnel})",
    ),
    Consistency(
        ("force_commanders_count", "leadership_posts"),
        lambda v: v["force_commanders_count"] <= v["leadership_posts"],
        "force_commanders_count ({force_commanders_count}) exceeds leadership_posts ({leadership_posts})",
    ),
    Consistency(
        ("uniformed_personnel", "cumulative_personnel_deployed"),
        lambda v: v["uniformed_personnel"] <= v["cumulative_personnel_deployed"],
        "uniformed_personnel ({uniformed_personnel}) exceeds cumulative_personnel_deployed "
        "({cumulative_personnel_deployed})",
    ),
)
