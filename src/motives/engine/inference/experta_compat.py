"""The one door to experta: every module imports the inference engine from here.

experta 1.9.4 (its last release, 2019) pins ``frozendict==1.2``, whose module body subclasses
``collections.Mapping``. That alias was removed in Python 3.10, so a bare ``import experta`` fails with
``AttributeError: module 'collections' has no attribute 'Mapping'``. Restoring the alias to
``collections.abc.Mapping`` before the first import is enough on Python 3.11, 3.12 and 3.13 (the
suite runs on all three). The alias is only added when missing, so it never shadows a real one.
"""

import collections
import collections.abc

if not hasattr(collections, "Mapping"):
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]

from experta import NOT, Fact, KnowledgeEngine, P, Rule, W

__all__ = ["NOT", "Fact", "KnowledgeEngine", "P", "Rule", "W"]
