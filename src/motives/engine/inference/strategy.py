"""Conflict resolution for the compiled rules, plugged in through ``KnowledgeEngine.__strategy__``.

experta's ``DepthStrategy`` orders the agenda by salience, then by the recency of the facts an activation
matched (depth first). It leaves ties to the order activations arrive in, which follows set iteration and
so differed between processes; and it caches its key with ``lru_cache``, which hashes the whole
activation (rule, facts and bindings) on every lookup. This strategy uses the same two criteria, breaks
ties by the rule's place in the rule base, and computes the key directly, once per activation: the
firing order is then a function of the rule base and the facts alone. (The rule language has no
salience, so compiled rules all have experta's default; the criterion stays so that the strategy orders
any experta rules as ``DepthStrategy`` would.)
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from .experta_compat import Strategy

_KEY = operator.attrgetter("key")


class RuleOrderStrategy(Strategy):
    """Highest salience first, then the activation of the newest facts, then the rule declared first.

    ``ranks`` maps each experta rule's name to its place in the rule base; the network sets it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ranks: Mapping[str, int] = {}

    def key(self, activation: Any) -> tuple[int, list[int], int]:
        recency = sorted([fact["__factid__"] for fact in activation.facts], reverse=True)
        rule = activation.rule
        return (rule.salience, recency, -self.ranks.get(rule.__name__, 0))

    def _update_agenda(self, agenda: Any, added: Any, removed: Any) -> None:
        # the agenda is sorted ascending and fires from its end
        activations = agenda.activations
        for activation in removed:
            activation.key = self.key(activation)
            with suppress(ValueError):
                activations.remove(activation)
        for activation in added:
            activation.key = self.key(activation)
            # by the key itself: the order Activation.__lt__ (key < key) gives, without a call per comparison
            bisect.insort(activations, activation, key=_KEY)
