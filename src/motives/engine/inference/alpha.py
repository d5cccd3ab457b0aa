"""The alpha network of the tuned matcher: the root and the one-fact tests, sending each token on only
to the children it concerns (``matcher.py`` says what is tuned and why).

Each node's ``_Fanout`` sorts its children by test once the network is built, then compiles a ``send``
that does only the kinds of sending the node has children for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .experta_compat import (
    BusNode,
    FactCapture,
    FeatureCheck,
    FeatureTesterNode,
    L,
    P,
    Token,
    TypeCheck,
    W,
)

Callback = Callable[..., Any]
_LOOKUP_ERRORS = (KeyError, IndexError, TypeError)  # what stock FeatureCheck treats as "no such field"


def _token(tag: Any, data: Any, context: dict[Any, Any]) -> Any:
    """A Token without ``Token.__new__``'s checks and copies: the data and context are already valid."""
    return tuple.__new__(Token, (tag, data, context))


Sender = Callable[[Any, Any], None]


def _unwired(token: Any, fact: Any) -> None:
    raise RuntimeError("a token reached a node before the network was wired")


class _Fanout:
    """Where a node sends a token: its children. A child testing the fact's type, or one field against a
    literal, is found by a dictionary lookup; a child with another bind-free test, or binding the fact
    to a name, is tested here, so the token reaches it only when it passes; the rest (joins, rules,
    kinds of node left stock) get every token.

    ``send`` is made once the whole network is wired (``compile``): a function doing only the kinds of
    sending this node has children for, calling each tested child's own ``send`` directly (most nodes
    have one kind of child, often one child; a general loop over five kinds cost more than the tests)."""

    def __init__(self) -> None:
        self.by_type: dict[type, list[_Fanout]] = {}
        self.by_field: tuple[tuple[Any, dict[Any, list[_Fanout]]], ...] = ()
        self.tests: tuple[tuple[Callable[[Any], bool], _Fanout], ...] = ()
        self.captures: tuple[tuple[str, _Fanout], ...] = ()
        self.others: tuple[Callback, ...] = ()
        self.send: Sender = _unwired
        self.typed: dict[type, tuple[Sender, ...]] = {}  # by_type's sends, once compiled

    def fill(self, children: list[Any]) -> None:
        """Sort the children by their test; each tested child is reached at its own fanout's ``send``,
        which skips the test this fanout has made for it."""
        by_field: dict[Any, dict[Any, list[_Fanout]]] = {}
        tests: list[tuple[Callable[[Any], bool], _Fanout]] = []
        captures: list[tuple[str, _Fanout]] = []
        others: list[Callback] = []
        for child in children:
            node = child.node
            check: Any = getattr(node, "matcher", None)
            if isinstance(node, _Tester) and isinstance(check, TypeCheck):
                self.by_type.setdefault(check.fact_type, []).append(node.fanout)
            elif isinstance(node, _Tester) and _literal_field(check):
                table = by_field.setdefault(check.what, {})
                table.setdefault(check.how.value, []).append(node.fanout)
            elif isinstance(node, _Tester) and node.plain:
                tests.append((node.test, node.fanout))
            elif isinstance(node, _Tester) and isinstance(check, FactCapture):
                captures.append((check.bind, node.fanout))
            else:
                others.append(child.callback)
        self.by_field = tuple(by_field.items())
        self.tests = tuple(tests)
        self.captures = tuple(captures)
        self.others = tuple(others)

    def compile(self) -> Sender:
        """``send``, made once every child's is (the network has no cycles). A child that binds the fact or
        is found by type or literal, and whose own ``send`` goes nowhere, is left out: reaching it would
        only make a token no node reads."""
        if self.send is _unwired:
            self.typed = {kind: found for kind, found in _compiled_table(self.by_type).items() if found}
            self.send = _sender(
                self.others,
                tuple((test, child.compile()) for test, child in self.tests),
                tuple(
                    (bind, target)
                    for bind, target in ((bind, child.compile()) for bind, child in self.captures)
                    if target is not _nowhere
                ),
                self.typed,
                tuple((field, table) for field, table in self._compiled_fields() if table),
            )
        return self.send

    def ignores(self, kind: type) -> bool:
        """Whether ``send`` takes a fact of type ``kind`` without fields to no node: no child takes every
        fact, tests one, binds one or reads a field, and none is found by that type."""
        return (
            self.send is not _unwired
            and not (self.others or self.tests or self.captures or self.by_field)
            and kind not in self.typed
        )

    def _compiled_fields(self) -> Iterator[tuple[Any, dict[Any, tuple[Sender, ...]]]]:
        for field, table in self.by_field:
            yield field, {value: found for value, found in _compiled_table(table).items() if found}


def _compiled_table(table: dict[Any, list[_Fanout]]) -> dict[Any, tuple[Sender, ...]]:
    """Each key's children's sends, but those going nowhere."""
    return {
        key: tuple(send for send in (child.compile() for child in found) if send is not _nowhere)
        for key, found in table.items()
    }


def _sender(
    others: tuple[Callback, ...],
    tests: tuple[tuple[Callable[[Any], bool], Sender], ...],
    captures: tuple[tuple[str, Sender], ...],
    by_type: dict[type, tuple[Sender, ...]],
    by_field: tuple[tuple[Any, dict[Any, tuple[Sender, ...]]], ...],
) -> Sender:
    """A fanout's ``send``: to the children that take every token, then those whose test passes, those
    that bind the fact, those of the fact's type, those whose field has the literal value, in that order;
    where only one kind of child is there, a function doing that alone."""
    kinds = [kind for kind in (others, tests, captures, by_type, by_field) if kind]
    if not kinds:
        return _nowhere
    (only_kind,) = kinds if len(kinds) == 1 else (None,)
    if only_kind is others:
        if len(others) == 1:
            (only,) = others
            return lambda token, fact: only(token)

        def to_others(token: Any, fact: Any) -> None:
            for callback in others:
                callback(token)

        return to_others
    if only_kind is tests:

        def to_tested(token: Any, fact: Any) -> None:
            for test, target in tests:
                if test(fact):
                    target(token, fact)

        return to_tested
    if only_kind is captures and len(captures) == 1:
        ((bind, capturing),) = captures

        def to_capture(token: Any, fact: Any) -> None:
            bound = _captured(token, bind, fact)
            if bound is not None:
                capturing(bound, fact)

        return to_capture
    if only_kind is by_type:
        no_targets: tuple[Sender, ...] = ()

        def to_type(token: Any, fact: Any) -> None:
            for target in by_type.get(type(fact), no_targets):
                target(token, fact)

        return to_type

    def send(token: Any, fact: Any) -> None:
        for callback in others:
            callback(token)
        for test, target in tests:
            if test(fact):
                target(token, fact)
        for bind, target in captures:  # every pattern ends binding its fact to a hidden name
            bound = _captured(token, bind, fact)
            if bound is not None:
                target(bound, fact)
        for target in by_type.get(type(fact), ()):
            target(token, fact)
        for field, table in by_field:
            value = _field(fact, field)
            try:
                targets = table.get(value, ()) if value is not _ABSENT else ()
            except TypeError:  # an unhashable value, never equal to a literal
                continue
            for target in targets:
                target(token, fact)

    return send


def _nowhere(token: Any, fact: Any) -> None:
    """The ``send`` of a node without children."""


def _captured(token: Any, bind: str, fact: Any) -> Any:
    """``_bound(token, {bind: fact})``; a token with no bindings yet (every token in the compiled rules'
    alpha network) takes the name without checks."""
    if not token.context:
        return _token(token.tag, token.data, {bind: fact})
    return _bound(token, {bind: fact})


def _plain_field(what: Any) -> bool:
    """A field stock FeatureCheck reads as ``fact[what]`` (it splits names with ``__`` into a path)."""
    return isinstance(what, int) or (isinstance(what, str) and "__" not in what and not what.isnumeric())


def _literal_field(check: Any) -> bool:
    """A bind-free test of one field against a literal whose dict lookup agrees with ``==``."""
    return (
        isinstance(check, FeatureCheck)
        and _plain_field(check.what)
        and type(check.how) is L
        and check.how.__bind__ is None
        and type(check.how.value) in (str, int, bool)  # floats excluded: NaN is found but never equal
    )


def _direct_test(check: Any) -> tuple[Callable[[Any], Any], bool]:
    """The node's test as a plain function of the fact, answering as experta's check would, and
    whether it is plain: answers only True or False, never bindings."""
    if isinstance(check, TypeCheck):
        fact_type = check.fact_type
        return (lambda fact: type(fact) is fact_type), True
    if isinstance(check, FactCapture):
        bind = check.bind
        return (lambda fact: {bind: fact}), False
    if not (isinstance(check, FeatureCheck) and _plain_field(check.what)):
        return check, False
    how, what = check.how, check.what
    if getattr(how, "__bind__", True) is not None or type(how) not in (L, P, W):
        return check, False
    if type(how) is W:
        return (lambda fact: _field(fact, what) is not _ABSENT), True
    if type(how) is L:
        expected = how.value

        def equal(fact: Any) -> bool:
            value = _field(fact, what)
            return value is not _ABSENT and bool(expected == value)

        return equal, True
    predicate = how.match
    # a compiled rule's one test carries its operator and value: called without the lambda around them
    operator, operand = getattr(predicate, "operator_test", None) or (None, None)

    def holds(fact: Any) -> bool:
        value = dict.get(fact, what, _ABSENT)  # _field(fact, what), its common case inline
        if value is _ABSENT:
            if not fact.__fields__:
                return False
            value = _field(fact, what)
            if value is _ABSENT:
                return False
        return bool(operator(value, operand) if operator is not None else predicate(value))

    return holds, True


_ABSENT = object()


def _field(fact: Any, what: Any) -> Any:
    """``fact[what]`` as stock FeatureCheck reads it, or ``_ABSENT``. A fact is a dict, so a missing
    field is found without raising KeyError (which costs more than the test); only a fact class that
    declares fields can give a default for it through ``Fact.__missing__``."""
    value = dict.get(fact, what, _ABSENT)
    if value is _ABSENT and fact.__fields__:
        try:
            return fact[what]
        except _LOOKUP_ERRORS:
            return _ABSENT
    return value


class _Bus(BusNode):
    """The root: sends each fact only to the tests of its type."""

    def tune(self) -> None:
        self.fanout = _Fanout()

    def wire(self) -> None:
        self.fanout.fill(self.children)

    def add(self, fact: Any) -> None:
        self.fanout.send(_token(Token.TagType.VALID, {fact}, {}), fact)

    def remove(self, fact: Any) -> None:
        self.fanout.send(_token(Token.TagType.INVALID, {fact}, {}), fact)


class _Tester(FeatureTesterNode):
    """One alpha test; the token is copied only when the test binds a name."""

    def tune(self) -> None:
        self.test, self.plain = _direct_test(self.matcher)
        self.fanout = _Fanout()

    def wire(self) -> None:
        self.fanout.fill(self.children)

    def activate(self, token: Any) -> None:
        if len(token.data) != 1:
            raise ValueError("an alpha node received a token of several facts")
        (fact,) = token.data
        match = self.test(fact)
        if match is True:
            self.fanout.send(token, fact)
            return
        if not match:
            return
        if isinstance(match, Mapping):
            token = _bound(token, match)
            if token is None:
                return
        self.fanout.send(token, fact)


def _bound(token: Any, match: Mapping[Any, Any]) -> Any:
    """The token with the test's bindings added, or None where they contradict it (stock's rules)."""
    context = token.context
    for key, value in match.items():
        if isinstance(key, tuple):  # a negated binding
            if key[1] in context and context[key[1]] == value:
                return None
        else:
            if context.get(key, value) != value:
                return None
            if (False, key) in context and context[(False, key)] == value:
                return None
    return _token(token.tag, token.data, {**context, **match})
