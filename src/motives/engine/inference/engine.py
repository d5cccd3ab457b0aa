"""experta's ``KnowledgeEngine`` with the tuned matcher and strategy, through its own hooks.

``__matcher__`` and ``__strategy__`` are the extension points experta checks in ``__init__``; nothing in
experta's modules is changed. Two methods are overridden and the fact list is subclassed, each doing
what the stock one does minus a cost paid on every country:

* ``reset`` finds the deffacts once (stock runs ``inspect.getmembers`` over every attribute, then
  ``inspect.signature`` on each to pass keyword arguments that are never given here), and declares
  experta's initial fact directly where stock copies it out of a generator;
* the fact list declares a fact as stock does, inline: its identity (what makes a duplicate) without a
  method call per field, and no validation call for a fact class that declares no fields;
* ``run`` is experta's loop without its logging when no watcher is on (stock formats every firing's facts
  into a log line whether or not anyone listens, about a quarter of the cost of a firing), taking the
  fact list's news and calling each rule's action as experta's ``Rule.__call__`` would, without the
  calls in between. With a watcher on (``experta.watch()``, for debugging), the stock loop runs and logs
  as usual.
"""

from __future__ import annotations

import logging
from typing import Any

from .alpha import _Bus
from .experta_compat import Agenda, Fact, FactList, InitialFact, KnowledgeEngine, Rule, watchers
from .matcher import TunedReteMatcher
from .strategy import RuleOrderStrategy

_PLAIN_KEYS: set[Any] = set()  # fact keys seen that are not special (``__name__``): no identity skips them
_PLAIN_KEYS_KEPT = 100_000


def _is_special(key: Any) -> bool:
    """``Fact.is_special``: a ``__name__`` key, which is not part of a fact's identity."""
    return isinstance(key, str) and key.startswith("__") and key.endswith("__")


class _FactList(FactList):
    @staticmethod
    def _get_fact_id(fact: Any) -> frozenset[Any]:
        # stock's identity: the fact's class and its fields but the special ones. A fact whose keys are
        # all known to be plain (one set inclusion, in C) has every field in it
        if dict.keys(fact) <= _PLAIN_KEYS:
            return frozenset([type(fact), *dict.items(fact)])
        plain = [key for key in dict.keys(fact) if not _is_special(key)]
        if len(_PLAIN_KEYS) > _PLAIN_KEYS_KEPT:
            _PLAIN_KEYS.clear()
        _PLAIN_KEYS.update(plain)
        return frozenset([type(fact), *((key, dict.__getitem__(fact, key)) for key in plain)])

    def declare(self, fact: Any) -> Any:
        """Stock ``FactList.declare``, step by step: reject what is not a fact, validate it, and add it
        under the next index unless an equal fact is there already (the fact, or None)."""
        if not isinstance(fact, Fact):
            raise ValueError("The fact must descend the Fact class.")
        if fact.__fields__ or type(fact).validate is not Fact.validate:
            fact.validate()  # stock's validation has nothing to check in a fact class without fields
        fact_id = self._get_fact_id(fact)
        counter = self.reference_counter
        if not self.duplication and fact_id in counter:
            return None
        index: int = self.last_index  # type: ignore[has-type]
        dict.__setitem__(fact, "__factid__", index)  # what the ``__factid__`` setter does
        self[index] = fact
        self.last_index = index + 1
        self.added.append(fact)
        counter[fact_id] = counter.get(fact_id, 0) + 1  # Counter's += without its __missing__ call
        if _FACTS_LOG.isEnabledFor(logging.INFO):
            _FACTS_LOG.info(" ==> %s: %r", fact, fact)
        return fact


_FACTS_LOG = watchers.FACTS


def _stock_initial_fact() -> Any:
    """The deffacts every engine inherits (``KnowledgeEngine._declare_initial_fact``)."""
    return KnowledgeEngine.__dict__["_declare_initial_fact"]


class TunedEngine(KnowledgeEngine):
    __matcher__ = TunedReteMatcher
    __strategy__ = RuleOrderStrategy

    def __init__(self) -> None:
        super().__init__()
        self._deffacts = tuple(self.get_deffacts())
        # the inherited deffacts yield one empty InitialFact, copied: declared here as one new InitialFact
        self._initial_only = [deffacts._wrapped for deffacts in self._deffacts] == [
            _stock_initial_fact()._wrapped
        ]
        # no rule reads the initial fact (every compiled rule has patterns of its own): its trip through
        # the network at each reset would reach no node and leave the agenda empty
        root = self.matcher.root_node
        self._initial_inert = (
            self._initial_only
            and type(self.matcher) is TunedReteMatcher
            and isinstance(root, _Bus)
            and root.fanout.ignores(InitialFact)
        )

    def reset(self, **kwargs: Any) -> None:
        if kwargs:  # arguments for the deffacts: experta's own reset knows how to pass them
            super().reset(**kwargs)
            return
        self.agenda = Agenda()
        self.facts = facts = _FactList()
        self.matcher.reset()
        if self._initial_only:
            initial = dict.__new__(InitialFact)  # InitialFact(), without Fact.__init__'s calls: no fields
            initial._Fact__defaults = {}
            facts.declare(initial)
            if self._initial_inert:
                # what get_activations() and update_agenda() below would do: the fact reaches no node,
                # so no activation comes or goes (and nothing is logged)
                facts.added = []
                self.running = False
                return
        else:
            for deffacts in self._deffacts:
                for fact in deffacts():
                    facts.declare(fact)
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
        matcher = self.matcher
        if type(matcher) is not TunedReteMatcher:  # a matcher of a subclass's own: the stock loop
            super().run(steps)
            return
        self.running = True
        update = self.strategy._update_agenda
        pending = matcher._changed  # rules with news that ``changes`` has not collected yet
        while steps > 0 and self.running:
            facts = self.facts  # an action may have reset the engine
            agenda = self.agenda
            if facts.added or facts.removed or pending:
                added, removed = facts.added, facts.removed  # what ``facts.changes`` hands over, and empties
                facts.added, facts.removed = [], []
                added, removed = matcher.changes(added, removed)
                update(agenda, added, removed)
            # else no fact came or went since the last step: the agenda is as the last step left it
            activation = agenda.get_next()
            if activation is None:
                break
            steps -= 1
            context = activation.context
            rule = activation.rule
            if type(rule) is Rule and rule._wrapped is not None and rule._wrapped_self is None:
                # what Rule.__call__ does with a wrapped action not bound to an instance: the bindings it
                # names (all of them when it takes **kwargs), never a hidden one (``__name__``)
                wanted = rule._wrapped_args
                if wanted:
                    arguments = {
                        key: context[key] for key in wanted if key in context and not key.startswith("__")
                    }
                else:
                    arguments = {key: context[key] for key in context if not key.startswith("__")}
                rule._wrapped(self, **arguments)
            else:
                rule(self, **{key: context[key] for key in context if not key.startswith("__")})
        self.running = False
