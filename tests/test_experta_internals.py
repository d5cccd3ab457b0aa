"""The experta internals the tuned matcher and strategy rely on, checked so that a change fails here,
loudly and by name, rather than as a wrong answer somewhere else.

The pin to experta 1.9.4 is what makes subclassing its Rete nodes safe; if the pin moves, every
assertion below must still hold (or ``engine/inference/matcher.py`` must change with it).
"""

from __future__ import annotations

import inspect

from support import rule

from motives import compile_rules
from motives.engine.inference import experta_compat as experta
from motives.engine.inference.engine import TunedEngine, _FactList
from motives.engine.inference.matcher import TunedReteMatcher, _walk
from motives.engine.inference.network import Country
from motives.engine.inference.network import ExpertaRules as CompiledRules
from motives.engine.inference.strategy import RuleOrderStrategy

CHANGED = "experta internals changed: the tuned matcher (engine/inference/matcher.py) relies on"


def test_experta_is_the_pinned_release() -> None:
    assert experta.EXPERTA_VERSION == "1.9.4", f"{CHANGED} 1.9.4; re-check it before moving the pin"


def test_the_engine_takes_the_matcher_and_strategy_from_its_hooks(
    shipped_compiled: CompiledRules,
) -> None:
    source = inspect.getsource(experta.KnowledgeEngine.__init__)
    assert "self.__matcher__(self)" in source and "self.__strategy__()" in source, CHANGED + " the hooks"
    engine = shipped_compiled._engine
    assert isinstance(engine, TunedEngine)
    assert type(engine.matcher) is TunedReteMatcher
    assert type(engine.strategy) is RuleOrderStrategy


def test_every_node_of_the_shipped_network_is_tuned(shipped_compiled: CompiledRules) -> None:
    stock = (experta.BusNode, experta.FeatureTesterNode, experta.OrdinaryMatchNode, experta.ConflictSetNode)
    nodes = list(_walk(shipped_compiled._engine.matcher.root_node))
    untuned = {type(node).__name__ for node in nodes if type(node) in stock}
    assert not untuned, f"{CHANGED} knowing every node class: {untuned} kept stock code"
    for node in nodes:
        for child in node.children:  # the callbacks were bound again to the tuned methods
            assert child.callback.__func__ is getattr(type(child.node), child.callback.__name__)


def test_the_node_and_token_layouts_are_as_the_tuning_assumes() -> None:
    assert experta.ChildNode._fields == ("node", "callback"), CHANGED + " ChildNode(node, callback)"
    assert experta.Token._fields == ("tag", "data", "context"), CHANGED + " Token(tag, data, context)"
    assert {tag.value for tag in experta.Token.TagType} == {True, False}
    for cls, methods in {
        experta.BusNode: ("add", "remove"),
        experta.FeatureTesterNode: ("activate", "_activate"),
        experta.OrdinaryMatchNode: ("activate_left", "activate_right", "_reset"),
        experta.ConflictSetNode: ("activate", "get_activations", "_reset"),
        experta.ReteMatcher: ("build_network", "changes", "reset"),
        experta.Strategy: ("_update_agenda", "update_agenda"),
    }.items():
        missing = [name for name in methods if not callable(getattr(cls, name, None))]
        assert not missing, f"{CHANGED} {cls.__name__}.{missing}"
    assert issubclass(experta.BusNode, experta.NoMemory)
    assert issubclass(experta.FeatureTesterNode, experta.NoMemory)
    assert not issubclass(experta.OrdinaryMatchNode, experta.NoMemory)
    assert not issubclass(experta.ConflictSetNode, experta.NoMemory)


def test_the_checks_expose_what_the_direct_tests_read() -> None:
    def predicate(value: object) -> bool:
        return value == 1

    literal = experta.FeatureCheck("name", experta.L("x"))
    assert (literal.what, literal.how.value, literal.how.__bind__) == ("name", "x", None), CHANGED + " L"
    tested = experta.FeatureCheck("size", experta.P(predicate))
    assert (tested.what, tested.how.match) == ("size", predicate), CHANGED + " P"
    assert experta.TypeCheck(experta.Fact).fact_type is experta.Fact, CHANGED + " TypeCheck"
    assert experta.FactCapture("bound").bind == "bound", CHANGED + " FactCapture"
    # stock answers the direct tests must reproduce
    fact = experta.Fact(name="x", size=1)
    assert literal(fact) is True and tested(fact) is True
    assert experta.FeatureCheck("absent", experta.W())(fact) is False
    assert experta.FactCapture("bound")(fact) == {"bound": fact}


def test_activations_and_rules_carry_what_the_strategy_reads(make_rulebase) -> None:
    when = [{"fact": "troops", "op": ">=", "value": 1}]
    then = {"motive": "security", "certainty": 0.2}
    compiled = compile_rules(make_rulebase([rule("motive.a", when, then)]))
    engine = compiled._engine
    engine.reset()
    engine.firings = []
    engine.declare(Country.of({"troops": 5}))
    (activation,) = engine.agenda.activations
    assert activation.rule.__name__ == "rule_0_0", CHANGED + " a rule named after its action"
    assert all(isinstance(fact["__factid__"], int) for fact in activation.facts)
    assert activation.key == engine.strategy.key(activation)


def test_the_fact_list_asks_its_own_class_for_a_fact_identity() -> None:
    for method in (experta.FactList.declare, experta.FactList.retract):
        assert "self._get_fact_id(fact)" in inspect.getsource(method), CHANGED + " FactList._get_fact_id"
    fact = experta.Fact(1, name="x", size=2)
    fact.__factid__ = 7  # a special field: not part of the identity
    assert _FactList._get_fact_id(fact) == experta.FactList._get_fact_id(fact)


class _Mixed(experta.KnowledgeEngine):  # rules the matcher must leave to experta's own building
    @experta.Rule(experta.Fact(a=experta.L(1) | experta.L(2)), experta.Fact(b=~experta.L(3)))
    def either(self) -> None:
        """a is 1 or 2, and b is not 3"""

    @experta.Rule(experta.NOT(experta.Fact(c=1)))
    def absent(self) -> None:
        """no fact with c = 1"""

    @experta.Rule(experta.Fact(d=1), experta.NOT(experta.Fact(e=2)), experta.Fact(f=3))
    def between(self) -> None:
        """d = 1 and f = 3 without e = 2"""


def test_rules_are_prepared_as_experta_prepares_them(shipped_compiled: CompiledRules) -> None:
    """The matcher copies a rule of plain patterns instead of rewriting it to normal form: the network
    is built from the same rules (same patterns, actions and salience) as experta's own preparation."""
    stock = experta.ReteMatcher.prepare_ruleset
    assert "prepare_rule(rule)" in inspect.getsource(stock), CHANGED + " prepare_ruleset"
    for engine in (shipped_compiled._engine, _Mixed()):
        expected = {rule: rule for rule in stock(engine)}
        found = TunedReteMatcher.prepare_ruleset(engine)
        assert found == set(expected)
        for prepared in found:
            same = expected[prepared]
            assert (prepared._wrapped, prepared.salience) == (same._wrapped, same.salience)
            assert [type(pattern) for pattern in prepared] == [type(pattern) for pattern in same]


def _shape(root: object) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    """Every node of a network: its kind, its rule (a conflict set's) and its children's kinds and inputs."""
    return sorted(
        (
            type(node).__name__,
            str(getattr(node, "rule", "")),
            tuple(sorted((type(child.node).__name__, child.callback.__name__) for child in node.children)),
        )
        for node in _walk(root)
    )


def test_rules_are_wired_as_experta_wires_them(shipped_compiled: CompiledRules) -> None:
    """The matcher joins a rule of plain patterns itself instead of through ``wire_rule``: the network
    has the same nodes, wired to the same inputs, as experta's own (rules with NOT are left to it)."""
    source = inspect.getsource(experta.ReteMatcher.build_beta_part)
    assert "wire_rule(rule, alpha_terminals, lhs=rule)" in source, CHANGED + " build_beta_part"
    for engine in (shipped_compiled._engine, _Mixed()):
        ruleset = experta.ReteMatcher.prepare_ruleset(engine)
        shapes = []
        for build in (experta.ReteMatcher.build_beta_part, TunedReteMatcher.build_beta_part):
            root = experta.BusNode()
            build(ruleset, experta.ReteMatcher.build_alpha_part(ruleset, root))
            shapes.append(_shape(root))
        assert shapes[0] == shapes[1]


def test_the_tuned_fact_list_declares_as_stock() -> None:
    """``_FactList.declare`` is stock's steps inline: the same indices, news, duplicates and identities."""
    bound = experta.Fact(name="b")
    bound.__bind__ = "hidden"  # a special field: not part of the identity, so a duplicate of the next
    facts = [
        Country.of({"troops": 5, "police": 1}),
        experta.Fact(1, name="b"),
        experta.Fact(name="b"),
        bound,
        Country.of({"police": 1, "troops": 5}),
        experta.InitialFact(),
    ]
    lists = (experta.FactList(), _FactList())
    answers = [[fact_list.declare(fact.copy()) for fact in facts] for fact_list in lists]
    assert [answer is None for answer in answers[0]] == [answer is None for answer in answers[1]]
    stock, tuned = lists
    assert list(stock.items()) == list(tuned.items()) and stock.last_index == tuned.last_index
    assert stock.added == tuned.added and dict(stock.reference_counter) == dict(tuned.reference_counter)
    assert "self.added = list()" in inspect.getsource(experta.FactList.changes.fget), CHANGED + " changes"


def test_the_run_loop_calls_actions_as_rule_call_does() -> None:
    """``TunedEngine.run`` calls a rule's action as ``Rule.__call__`` does, and ``reset`` declares the
    initial fact that the inherited deffacts yield."""
    source = inspect.getsource(experta.Rule.__call__)
    for step in ("k in self._wrapped_args", "self._wrapped(*args, **kwargs)", "self._wrapped_self is None"):
        assert step in source, f"{CHANGED} Rule.__call__: {step}"
    stock = experta.KnowledgeEngine()
    (initial,) = [fact for deffacts in stock.get_deffacts() for fact in deffacts()]
    assert type(initial) is experta.InitialFact and initial == experta.InitialFact()
    assert TunedEngine()._initial_only
