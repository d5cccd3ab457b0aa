"""experta's ``KnowledgeEngine`` with the tuned matcher and strategy, through its own hooks.

``__matcher__`` and ``__strategy__`` are the extension points experta checks in ``__init__``; nothing in
experta's modules is changed. ``reset`` is the stock one minus two costs paid on every country: finding
the deffacts with ``inspect.getmembers`` over every attribute, and ``inspect.signature`` on each to pass
keyword arguments that are never given here. The deffacts never change, so they are found once.
"""

from __future__ import annotations

from typing import Any

from .experta_compat import Agenda, FactList, KnowledgeEngine
from .matcher import TunedReteMatcher
from .strategy import RuleOrderStrategy


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
        self.facts = FactList()
        self.matcher.reset()
        for deffacts in self._deffacts:
            for fact in deffacts():
                self.facts.declare(fact)
        added, removed = self.get_activations()
        self.strategy.update_agenda(self.agenda, added, removed)
        self.running = False
