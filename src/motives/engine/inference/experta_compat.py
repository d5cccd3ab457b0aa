"""The one door to experta: every module imports the inference engine from here.

experta 1.9.4 (its last release, 2019) pins ``frozendict==1.2``, whose module body subclasses
``collections.Mapping``. That alias was removed in Python 3.10, so a bare ``import experta`` fails with
``AttributeError: module 'collections' has no attribute 'Mapping'``. Restoring the alias to
``collections.abc.Mapping`` before the first import is enough on Python 3.11, 3.12 and 3.13 (the
suite runs on all three). The alias is only added when missing, so it never shadows a real one.

Besides the public names, the tuned matcher and strategy (``matcher.py``, ``strategy.py``) subclass
experta's Rete nodes and read a few of their attributes. Those internals are exported here too, so the
names the project relies on are listed in one place, and ``tests/test_experta_internals.py`` checks that
they still mean what the tuning assumes (the pin to 1.9.4 is what makes that safe).
"""

import collections
import collections.abc

if not hasattr(collections, "Mapping"):
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]

from experta import NOT, Fact, InitialFact, KnowledgeEngine, L, P, Rule, W, watchers
from experta import __version__ as EXPERTA_VERSION
from experta.abstract import Strategy
from experta.activation import Activation
from experta.agenda import Agenda
from experta.factlist import FactList
from experta.fieldconstraint import ANDFC, NOTFC, ORFC
from experta.matchers.rete import ReteMatcher
from experta.matchers.rete.check import FactCapture, FeatureCheck, SameContextCheck, TypeCheck
from experta.matchers.rete.mixins import ChildNode, NoMemory
from experta.matchers.rete.nodes import BusNode, ConflictSetNode, FeatureTesterNode, OrdinaryMatchNode
from experta.matchers.rete.token import Token, TokenInfo
from experta.matchers.rete.utils import prepare_rule

__all__ = [
    "ANDFC",
    "EXPERTA_VERSION",
    "NOT",
    "NOTFC",
    "ORFC",
    "Activation",
    "Agenda",
    "BusNode",
    "ChildNode",
    "ConflictSetNode",
    "Fact",
    "FactCapture",
    "FactList",
    "FeatureCheck",
    "FeatureTesterNode",
    "InitialFact",
    "KnowledgeEngine",
    "L",
    "NoMemory",
    "OrdinaryMatchNode",
    "P",
    "ReteMatcher",
    "Rule",
    "SameContextCheck",
    "Strategy",
    "Token",
    "TokenInfo",
    "TypeCheck",
    "W",
    "prepare_rule",
    "watchers",
]
