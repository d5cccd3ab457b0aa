"""experta's ``KnowledgeEngine`` with the tuned matcher and strategy, through its own hooks.

``__matcher__`` and ``__strategy__`` are the extension points experta checks in ``__init__``; nothing in
experta's modules is changed. Two methods are overridden and the fact list is subclassed, each doing
what the stock one does minus a cost paid on every country:

* ``reset`` finds the deffacts once (stock runs ``inspect.getmembers`` over every attribute, then
  ``inspect.signature`` on each to pass keyword arguments that are never given here);
* the fact list computes a fact's identity (what makes a duplicate) without a method call per field;
* ``run`` is experta's loop without its logging when no watcher is on (stock formats every firing's facts
  into a log line whether or not anyone listens, about a quarter of the cost of a firing). With a
  watcher on (``experta.watch()``, for debugging), the stock loop runs and logs as usual.
"""

from __future__ import annotations

import logging
from typing import Any

from .experta_compat import Agenda, FactList, KnowledgeEngine, watchers
from .matcher import TunedReteMatcher
from .strategy import RuleOrderStrategy


class _FactList(FactList):
    @staticmethod
    def _get_fact_id(fact: Any) -> frozenset[Any]:
        # stock's test of each key, inline: a Country fact has a field per known fact, and a method call
        # per field was a tenth of declaring it
        return frozenset(
            [
                type(fact),
                *(
                    (key, value)
                    for key, value in fact.items()
                    if not (isinstance(key, str) and key.startswith("__") and key.endswith("__"))
                ),
            ]
        )


class TunedEngine(KnowledgeEngine):
    __matcher__ = TunedReteMatcher
    __strategy__ = RuleOrderStrategy

    def __init__(self) -> None:
        super().__init__()
        self._deffacts = tuple(self.get_deffacts())

    def reset(self, **kwargs: Any) -> None:
        if kwargs:  # arguments for the deffacts: experta's own reset knows how to pass them
            super().reset(**kwargs)
            return
        self.agenda = Agenda()
        self.facts = _FactList()
        self.matcher.reset()
        for deffacts in self._deffacts:
            for fact in deffacts():
                self.facts.declare(fact)
        added, removed = self.get_activations()
        self.strategy.update_agenda(self.agenda, added, removed)
        self.running = False

    def run(self, steps: float = float("inf")) -> None:
        # the logging stock run() and update_agenda() would do, each under its own condition
        if (
            watchers.RULES.isEnabledFor(logging.INFO)
            or watchers.worth("ACTIVATIONS", "INFO")
            or watchers.worth("AGENDA", "DEBUG")
        ):
            super().run(steps)
            return
        self.running = True
        while steps > 0 and self.running:
            added, removed = self.get_activations()
            self.strategy._update_agenda(self.agenda, added, removed)
            activation = self.agenda.get_next()
            if activation is None:
                break
            steps -= 1
            context = activation.context
            activation.rule(self, **{key: context[key] for key in context if not key.startswith("__")})
        self.running = False
