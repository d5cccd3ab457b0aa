"""A faster Rete matcher for experta, plugged in through ``KnowledgeEngine.__matcher__``.

experta builds its network as always (``ReteMatcher.build_network``); the matcher then tunes the nodes
it owns, turning each into a subclass of its experta class that means the same and does less:

* a token passes through nodes uncopied; only a test that binds a name makes a new token (stock experta
  copies every token on entry to every node, because its tests add bindings in place);
* a fact goes only to the tests of its own type, and sibling tests of one field against literals (the
  ``Indicator(name=...)`` patterns) are one dictionary lookup instead of one test each;
* a field test reads the field and calls the predicate itself (stock splits the field name and logs on
  every call);
* a rule's conflict-set node that changed reports itself, so ``changes`` collects only those (stock polls
  every rule after every firing, which made each firing cost O(rules));
* ``reset`` empties only the nodes that gained memory since the last reset (stock walks the whole
  network recursively);
* a rule that is a plain conjunction of patterns (every compiled rule) is copied as experta's rewriting
  to disjunctive normal form would leave it, without the rewriting (which compared whole rules until
  nothing changed), and wired into the network with the nodes experta's ``wire_rule`` makes of it,
  without the dispatcher ``wire_rule`` builds anew for every rule: together two thirds of building the
  network, on every cold start.

The root and the one-fact tests (the alpha network) are in ``alpha.py``; each node there sends a token
through a function made for its children once the network is built, doing only the kinds of sending it
has children for. Node kinds the compiled rules do not use (NOT, TEST, EXISTS, FORALL) keep experta's
own code. Which experta internals this relies on is checked by ``tests/test_experta_internals.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .alpha import _Bus, _Tester, _token
from .experta_compat import (
    ANDFC,
    NOTFC,
    ORFC,
    Activation,
    BusNode,
    ChildNode,
    ConflictSetNode,
    Fact,
    FeatureTesterNode,
    NoMemory,
    OrdinaryMatchNode,
    ReteMatcher,
    SameContextCheck,
    Token,
    TokenInfo,
    prepare_rule,
)

_REWRITTEN = (ORFC, ANDFC, NOTFC)  # field constraints the rewriting to normal form expands
_VALID = Token.TagType.VALID
_new = object.__new__  # an activation made without its __init__ (see _Terminal.activate)


def _prepared(rule: Any) -> Any:
    """``prepare_rule(rule)``. A rule of patterns only, none testing a field with ``|``, ``&`` or ``~``, is
    in normal form already: experta's rewriting returns it as new patterns with the same fields, and so
    does this, directly. Any other rule goes through experta's own rewriting."""
    if not rule or not all(
        isinstance(pattern, Fact) and not any(isinstance(value, _REWRITTEN) for value in pattern.values())
        for pattern in rule
    ):
        return prepare_rule(rule)
    return rule.new_conditions(*[type(pattern).from_iter(pattern.items()) for pattern in rule])


class TunedReteMatcher(ReteMatcher):
    """experta's Rete network, with its nodes tuned after building (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._changed: dict[_Terminal, None] = {}  # insertion-ordered set of rules with news
        self._touched: dict[Any, None] = {}  # joins and rules that hold memory since the last reset
        super().__init__(*args, **kwargs)

    @staticmethod
    def prepare_ruleset(engine: Any) -> set[Any]:
        """experta's ``prepare_ruleset``: each rule in disjunctive normal form, ready for the network."""
        return {_prepared(rule) for rule in engine.get_rules()}

    @staticmethod
    def build_beta_part(ruleset: set[Any], alpha_terminals: dict[Any, Any]) -> None:
        """experta's ``build_beta_part``: each rule's joins, ending in its conflict-set node."""
        for rule in ruleset:
            if all(isinstance(pattern, Fact) for pattern in rule):
                _wire_plain(rule, alpha_terminals)
            else:
                ReteMatcher.build_beta_part((rule,), alpha_terminals)

    def build_network(self) -> None:
        super().build_network()
        nodes = list(_walk(self.root_node))
        for node in nodes:
            tuned = _TUNED.get(type(node))
            if tuned is not None:
                node.__class__ = tuned  # same state, experta's class with cheaper methods
        for node in nodes:
            # the children hold bound methods of the old class: bind them again, by name
            node.children = [
                ChildNode(child.node, getattr(child.node, child.callback.__name__)) for child in node.children
            ]
        for node in nodes:
            if isinstance(node, _Tester | _Bus):
                node.tune()
            elif isinstance(node, _Terminal):
                node.changed = self._changed
                node.touched = self._touched
                node.clear_news()
            elif isinstance(node, _Join):
                node.touched = self._touched
        for node in nodes:  # once every test is known, each node sorts its children by test
            if isinstance(node, _Tester | _Bus):
                node.wire()
        for node in nodes:  # then each makes its send, calling its tested children's sends directly
            if isinstance(node, _Tester | _Bus):
                node.fanout.compile()
        # nodes with memory that do not say when they were used (kinds left stock) are emptied every time
        self._untracked = tuple(node for node in nodes if not isinstance(node, NoMemory | _Join | _Terminal))

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        root = self.root_node
        for fact in deleting or ():
            root.remove(fact)
        for fact in adding or ():
            root.add(fact)
        added: list[Any] = []
        removed: list[Any] = []
        for terminal in self._changed:
            # what get_activations() hands over, taken and emptied in place: its fresh lists would
            # outlive the run, as the memories' would (see _Join._reset)
            news, gone = terminal.added, terminal.removed
            added.extend(news)
            removed.extend(gone)
            news.clear()
            gone.clear()
        self._changed.clear()
        return added, removed

    def reset(self) -> None:
        for node in self._untracked:
            node._reset()
        for node in self._touched:
            node._reset()
        self._touched.clear()
        for terminal in self._changed:  # news left by a run stopped at its firing limit
            terminal.clear_news()
        self._changed.clear()


def _wire_plain(rule: Any, alpha_terminals: dict[Any, Any]) -> None:
    """What experta's ``wire_rule`` makes of a conjunction of patterns: the first two patterns' alpha
    nodes joined, each next pattern's joined to that, and the last node feeding the rule's conflict set."""
    last = alpha_terminals[rule[0]]
    for pattern in rule[1:]:
        join = OrdinaryMatchNode(SameContextCheck())
        last.add_child(join, join.activate_left)
        right = alpha_terminals[pattern]
        right.add_child(join, join.activate_right)
        last = join
    conflict_set = ConflictSetNode(rule)
    last.add_child(conflict_set, conflict_set.activate)


def _walk(root: Any) -> Iterator[Any]:
    """Every node once (alpha nodes are shared, so the network is a graph, not a tree)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(child.node for child in node.children)


class _Join(OrdinaryMatchNode):
    """A two-input join, as stock but without copying the incoming token, and remembering each token's
    facts and bindings as they are rather than frozen (stock freezes them into a ``TokenInfo`` on the way
    in and thaws them on every match), with whether its bindings are all names. No tuned node changes a
    token's context once it is made, and experta's own nodes copy a token before changing it, so the
    memory cannot change under the join."""

    touched: dict[Any, None]

    def _reset(self) -> None:
        # emptied in place, not replaced: new lists at every reset would outlive the run and be walked by
        # the cycle collector, promoted, and walked again in its full collections (see network.py's run)
        self.left_memory.clear()
        self.right_memory.clear()

    def activate_left(self, token: Any) -> None:
        self._join(token, self.left_memory, self.right_memory, True)

    def activate_right(self, token: Any) -> None:
        self._join(token, self.right_memory, self.left_memory, False)

    def _join(self, token: Any, own: list[Any], other: list[Any], is_left: bool) -> None:
        self.touched[self] = None
        context = token.context
        kept = {key: value for key, value in context.items() if isinstance(key, str)}
        # a context of names only (no negated binding): two such that share no name always agree, and
        # the check (a loop over one context in Python) is skipped; the memory keeps that with each entry
        plain = len(kept) == len(context)
        entry = (token.data, context, plain)
        if token.tag == _VALID:  # token.is_valid(), without the call
            own.append(entry)
        elif entry in own:
            own.remove(entry)
        if not other:
            return
        for other_data, other_context, other_plain in other:
            if plain and other_plain and context.keys().isdisjoint(other_context):
                joined = {**kept, **other_context}
            else:
                left, right = (context, other_context) if is_left else (other_context, context)
                if not self.matcher(left, right):
                    continue
                joined = dict(kept)
                joined.update(
                    (key, value) for key, value in other_context.items() if not isinstance(key, tuple)
                )
            new = _token(token.tag, token.data | other_data, joined)
            for child in self.children:
                child.callback(new)


class _Terminal(ConflictSetNode):
    """A rule's conflict-set node, reporting to the matcher when it has news.

    Its news are lists, not sets: ``memory`` already keeps one entry per match, so the sets only cost
    hashing every activation (its rule, facts and bindings) on the way in.
    """

    changed: dict[_Terminal, None]
    touched: dict[Any, None]

    def _reset(self) -> None:
        self.memory.clear()  # in place, as _Join's memories

    def activate(self, token: Any) -> None:
        self.touched[self] = None
        data, context = token.data, token.context
        # token.to_info(), without TokenInfo.__new__'s call: the same frozen facts and bindings
        info = tuple.__new__(TokenInfo, (frozenset(data), frozenset(context.items())))
        valid = token.tag == _VALID  # token.is_valid(), without the call
        memory = self.memory
        if (info in memory) == valid:
            return  # already matched, or never was
        if valid:
            memory.add(info)
        else:
            memory.remove(info)
        # Activation(rule, data, bindings), its __init__'s four assignments without the call
        activation = _new(Activation)
        activation.rule = self.rule
        activation.facts = set(data)
        activation.key = None
        activation.context = {key: context[key] for key in context if isinstance(key, str)}
        if valid:
            _cancel_or_add(activation, self.removed, self.added)
        else:
            _cancel_or_add(activation, self.added, self.removed)
        self.changed[self] = None

    def clear_news(self) -> None:
        self.added: list[Any] = []
        self.removed: list[Any] = []

    def get_activations(self) -> tuple[list[Any], list[Any]]:
        news = (self.added, self.removed)
        self.clear_news()
        return news


def _cancel_or_add(activation: Any, opposite: list[Any], news: list[Any]) -> None:
    """An activation undoes a pending one of the opposite sign, or is news itself."""
    if opposite and activation in opposite:
        opposite.remove(activation)
    else:
        news.append(activation)


_TUNED: dict[type, type] = {
    BusNode: _Bus,
    FeatureTesterNode: _Tester,
    OrdinaryMatchNode: _Join,
    ConflictSetNode: _Terminal,
}
