"""The seam between the analyses and the engines: what a compiled rule base offers, and the registry of
engines that compile one.

Every analysis takes a ``CompiledRules`` and calls ``run(values)``; which engine stands behind it is
chosen once, by ``compile_network(rulebase, engine)``. experta (``network.ExpertaRules``) is the engine of
record; CLIPS (``clips_network.ClipsRules``, with the optional extra ``motives[clips]``) runs the same
compiled rule model and returns the same firings. Each engine's module is imported only when asked for,
so neither experta nor clipspy is imported by ``import motives``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from motives.engine.model.errors import EngineUnavailableError

if TYPE_CHECKING:  # the CLI reads ENGINES from here at start: keep this module light
    from motives.engine.model.rules import RuleBase
    from motives.engine.model.vocabulary import FactValue

DEFAULT_ENGINE = "experta"
ENGINES = ("experta", "clips")  # the default first


@dataclass(frozen=True, slots=True)
class Firing:
    """One rule firing: which rule, through which alternative of its conditions."""

    rule_id: str
    branch: int


class CompiledRules(Protocol):
    """A rule base compiled onto an engine, built once and run once per fact set."""

    rulebase: RuleBase
    firing_limit: int

    def run(self, values: Mapping[str, FactValue]) -> tuple[Firing, ...]:
        """Forward-chain over one country's facts; the firings, in an order fixed by the rules and facts."""
        ...


# The networks compiled last, by what fixes them: the rule files' content hash, the folder their
# locations name, and the engine. Compiling costs about as much as a hundred runs, and a notebook or a
# test session asks for the same rule base again and again; a few are kept, since generated rule bases
# (robustness, property tests) are each compiled once. Rule bases come only from loading files, so two
# with the same key are the same rules at the same locations.
_COMPILED: OrderedDict[tuple[str, str, str], CompiledRules] = OrderedDict()
_COMPILED_KEPT = 4


def compile_network(rulebase: RuleBase, engine: str = DEFAULT_ENGINE) -> CompiledRules:
    """The rule base compiled onto ``engine`` (one of ``ENGINES``); the same rule base compiled again
    in one process is the network compiled before (each ``run`` starts from a reset network)."""
    require_engine(engine)
    key = (rulebase.version, rulebase.directory, engine)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _compile(rulebase, engine)
        _COMPILED[key] = compiled
        if len(_COMPILED) > _COMPILED_KEPT:
            _COMPILED.popitem(last=False)
    _COMPILED.move_to_end(key)
    return compiled


def _compile(rulebase: RuleBase, engine: str) -> CompiledRules:
    if engine == "clips":
        from .clips_network import ClipsRules

        return ClipsRules(rulebase)
    from .network import ExpertaRules

    return ExpertaRules(rulebase)


def require_engine(engine: str) -> None:
    """Raise EngineUnavailableError (one line naming the extra) unless ``engine`` can run here; a bulk run
    checks this once, before starting workers."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; the engines are: {', '.join(ENGINES)}")
    if engine == "clips":
        import importlib.util

        if importlib.util.find_spec("clips") is None:
            raise EngineUnavailableError(
                "error: --engine clips needs clipspy, which is not installed; "
                'install the extra: pip install "motives[clips]"'
            )
