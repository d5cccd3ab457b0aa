"""The strict YAML loader behind ``loading.load_yaml``, on PyYAML (with libyaml when it is there).

See ``loading`` for what it accepts and refuses. A plain document goes through libyaml with the
locations of its values computed only when a message asks for one (``_load_fast``); anything else, and
every error, through the pure-Python loader, so each message is the same with or without libyaml.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError, Location, Problem
from .loading import (
    IMPLICIT,
    MAX_DEPTH,
    SCALARS,
    TOO_LONG,
    LocatedList,
    LocatedMap,
    at,
    file_problem,
    resolve_plain,
    yaml_float,
)


class _Yaml12Resolver(yaml.resolver.BaseResolver):
    """Plain-scalar resolution by the YAML 1.2 core schema (``loading.IMPLICIT``)."""


_Yaml12Resolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in IMPLICIT:
    _Yaml12Resolver.add_implicit_resolver(_tag, re.compile(_pattern), _first)


class _StrictConstructor(SafeConstructor):
    """Scalar construction matching the resolver above; containers are built by ``_build``."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        return int(self.construct_scalar(node))

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return self.construct_scalar(node).lower() == "true"

    def construct_yaml_float(self, node: ScalarNode) -> float:
        return yaml_float(self.construct_scalar(node))


_StrictConstructor.add_constructor("tag:yaml.org,2002:int", _StrictConstructor.construct_yaml_int)
_StrictConstructor.add_constructor("tag:yaml.org,2002:bool", _StrictConstructor.construct_yaml_bool)
_StrictConstructor.add_constructor("tag:yaml.org,2002:float", _StrictConstructor.construct_yaml_float)


class _StrictLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _StrictConstructor,
    _Yaml12Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _StrictConstructor.__init__(self)
        _Yaml12Resolver.__init__(self)

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.events.AliasEvent):
            raise _LocatedYamlError(
                event.start_mark, "Y103", "aliases (*name) are not supported", "write the value out in full"
            )
        if self.depth >= MAX_DEPTH:
            raise _LocatedYamlError(
                event.start_mark,
                "Y108",
                f"nesting deeper than {MAX_DEPTH} levels",
                "no rule or fact file needs it: flatten the document",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python loader does everything
    _CParser = None


class _LocatedYamlError(Exception):
    def __init__(self, mark: Any, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark, self.code, self.message, self.hint = mark, code, message, hint


def load_document(text: str, shown: str) -> Any:
    """The data of one YAML document, or an InputError saying what is wrong with it."""
    fast = _load_fast(text, shown)
    if fast is not None:
        return fast
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise file_problem(shown, "Y106", "the file is empty", "add the document", 1)
        return _build(node, loader, shown)
    except _LocatedYamlError as error:
        raise InputError([Problem(at(shown, error.mark), error.code, error.message, error.hint)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = at(shown, mark) if mark else Location(shown)
        message = " ".join(part for part in (error.context, error.problem) if part)
        hint = _syntax_hint(message, text, mark)
        raise InputError([Problem(where, "Y101", f"YAML syntax: {message}", hint)]) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        message = f"control character {chr(error.character)!r} is not allowed in YAML"
        raise file_problem(shown, "Y105", message, "remove it", line, column) from None
    except yaml.YAMLError as error:
        raise file_problem(shown, "Y101", f"YAML syntax: {error}", "fix the YAML syntax") from None
    finally:
        if loader is not None:
            loader.dispose()


def compose(text: str) -> Node:
    """The node tree of a text that loads, as the strict loader composes it."""
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _load_fast(text: str, shown: str) -> Any:
    """The document through libyaml with locations read only when asked for, or None to take the
    pure-Python path.

    Only a plain document takes this path: anything unusual (a syntax error, a tag, an alias, deep
    nesting, a duplicate or merge key, an empty file) returns None, and the pure-Python loader then
    reports it, so every message is the same with or without libyaml. Tags and aliases are ruled out
    from the text (``!`` and ``*`` appear in no well-formed fact or rule file but in prose, which then
    merely takes the slower path); so is a tab, which libyaml accepts before a value or a comment where
    the pure-Python loader refuses it.
    """
    if _CParser is None or "!" in text or "*" in text or "\\u" in text or "\\U" in text or "\t" in text:
        return None  # a \u escape may be a lone surrogate; libyaml takes tabs the pure-Python path refuses
    try:
        node = _CLeanLoader(text).get_single_node()
        return None if node is None else _build_lazy(node, shown, 0)
    except (yaml.YAMLError, _Slow, ValueError, RecursionError):
        return None


class _Slow(Exception):
    """The document needs the pure-Python loader (which reports what is wrong with it)."""


if _CParser is not None:

    class _CLeanLoader(_CParser, _Yaml12Resolver):  # type: ignore[misc]
        """libyaml's parser and composer, resolving plain scalars by the same table without the path
        machinery of PyYAML's resolver (called for every scalar, it cost more than the parsing)."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Yaml12Resolver.__init__(self)

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                return resolve_plain(value) if implicit[0] else "tag:yaml.org,2002:str"
            return "tag:yaml.org,2002:seq" if kind is SequenceNode else "tag:yaml.org,2002:map"


class _LazyMap(LocatedMap):
    """A LocatedMap whose locations are computed from the parsed nodes when asked for: a valid file
    needs few of them, and making them all was half the cost of loading it."""

    def __init__(self, path: str, node: MappingNode) -> None:
        super().__init__()
        self._path, self._node = path, node
        self._nodes: dict[Any, tuple[Node, Node]] = {}  # key -> its key node and value node

    def key_at(self, key: Any) -> Location:
        nodes = self._nodes.get(key)
        return self.location if nodes is None else at(self._path, nodes[0].start_mark)

    def value_at(self, key: Any) -> Location:
        nodes = self._nodes.get(key)
        return self.location if nodes is None else at(self._path, nodes[1].start_mark)

    @functools.cached_property
    def location(self) -> Location:  # type: ignore[override]
        return at(self._path, self._node.start_mark)

    @functools.cached_property
    def key_locations(self) -> dict[Any, Location]:  # type: ignore[override]
        return {key: self.key_at(key) for key in self._nodes}

    @functools.cached_property
    def value_locations(self) -> dict[Any, Location]:  # type: ignore[override]
        return {key: self.value_at(key) for key in self._nodes}


class _LazyList(LocatedList):
    """A LocatedList whose locations are computed from the parsed nodes when first asked for."""

    def __init__(self, path: str, node: SequenceNode, items: list[Any]) -> None:
        super().__init__(items)
        self._path, self._node = path, node

    @functools.cached_property
    def location(self) -> Location:  # type: ignore[override]
        return at(self._path, self._node.start_mark)

    @functools.cached_property
    def item_locations(self) -> list[Location]:  # type: ignore[override]
        return [at(self._path, item.start_mark) for item in self._node.value]


def _build_lazy(node: Node, path: str, depth: int) -> Any:
    """What ``_build`` makes of a plain document, with locations left to be computed on demand; raises
    _Slow wherever ``_build`` would raise, for the pure-Python path to report."""
    if isinstance(node, ScalarNode):
        build = SCALARS.get(node.tag)  # every tag here comes from the resolver (no "!" in text), but a
        if build is None:  # value `<<` resolves as a merge key: the pure-Python path reports it
            raise _Slow
        return build(node.value)
    if depth + 1 >= MAX_DEPTH:
        raise _Slow
    if isinstance(node, SequenceNode):
        return _LazyList(path, node, [_build_lazy(item, path, depth + 1) for item in node.value])
    result = _LazyMap(path, node)
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag in _NOT_KEYS:
            raise _Slow  # a merge key, a null key or a container as key
        key = SCALARS[key_node.tag](key_node.value)
        if key in result:
            raise _Slow
        result[key] = _build_lazy(value_node, path, depth + 1)
        result._nodes[key] = (key_node, value_node)
    return result


_NOT_KEYS = {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:null"}


def _syntax_hint(message: str, text: str, mark: yaml.Mark | None) -> str:
    """What to do about a YAML syntax error; an unquoted ``>=`` (YAML reads ``>`` as a block of text)
    is the rule author's most common one."""
    if "'\\t'" in message:
        return "write spaces, not tabs, outside quotes"
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and re.search(r"\bop:\s*[<>]", lines[mark.line]):
        return "quote the operator (op: '>='), or write it as a word: at_least, at_most, above, below"
    return "fix the YAML syntax"


def _build(node: Node, loader: Any, path: str) -> Any:
    where = at(path, node.start_mark)
    if isinstance(node, MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _LocatedYamlError(
                node.start_mark, "Y103", f"tag {node.tag!r} is not supported", "remove the tag"
            )
        result = LocatedMap()
        result.location, result.key_locations, result.value_locations = where, {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _LocatedYamlError(
                    key_node.start_mark,
                    "Y103",
                    "merge keys (<<) are not supported",
                    "write the keys out in full",
                )
            key = _build(key_node, loader, path)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise _LocatedYamlError(
                    key_node.start_mark,
                    "Y103",
                    "mapping keys must be plain names",
                    "write a name before the colon",
                )
            if key in result:
                first = result.key_locations[key]
                raise _LocatedYamlError(
                    key_node.start_mark,
                    "Y102",
                    f"duplicate key {key!r} (first at line {first.line})",
                    "keep one of them",
                )
            result[key] = _build(value_node, loader, path)
            result.key_locations[key] = at(path, key_node.start_mark)
            result.value_locations[key] = at(path, value_node.start_mark)
        return result
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _LocatedYamlError(
                node.start_mark, "Y103", f"tag {node.tag!r} is not supported", "remove the tag"
            )
        items = LocatedList(_build(item, loader, path) for item in node.value)
        items.location = where
        items.item_locations = [at(path, item.start_mark) for item in node.value]
        return items
    if node.tag not in SCALARS:
        raise _LocatedYamlError(
            node.start_mark,
            "Y103",
            f"tag {node.tag!r} is not supported",
            "remove the tag; only plain values, lists and mappings are read",
        )
    implicit = (True, False) if not node.style else (False, True)  # plain: None, or "" from libyaml
    if node.tag != loader.resolve(ScalarNode, node.value, implicit):
        raise _LocatedYamlError(
            node.start_mark,
            "Y103",
            f"explicit tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r} is not supported",
            "remove the tag: plain values are read as YAML 1.2 (true/false, numbers, text)",
        )
    try:
        value = loader.construct_object(node, deep=True)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise _LocatedYamlError(
                node.start_mark,
                "Y105",
                "text holds an escape of a lone surrogate (\\ud800 to \\udfff), which is no character",
                "write the character itself, or remove the escape",
            )
        return value
    except ConstructorError as error:
        raise _LocatedYamlError(node.start_mark, "Y103", str(error.problem)) from None
    except (ValueError, OverflowError):
        raise _LocatedYamlError(node.start_mark, *TOO_LONG) from None


_SURROGATE = re.compile("[\ud800-\udfff]")
