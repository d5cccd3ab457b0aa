"""The derivation graph of a classification: facts -> indicators -> motives, for Graphviz or Mermaid.

Nodes are the facts a fired rule read (with their values), the indicators derived, and the five motives
(with their certainties); each edge is one fired rule reading one input, labelled with the rule's id
and, for evidence, its certainty factor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from motives.engine.inference.trace import Classification, Step
from motives.engine.model.operators import show_value


@dataclass(frozen=True, slots=True)
class Node:
    key: str  # stable identifier, unique within one country's graph
    label: str
    kind: str  # "fact", "indicator" or "motive"


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str


def derivation_graph(result: Classification) -> tuple[list[Node], list[Edge]]:
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    for motive in result.motives:
        marker = ", dominant" if motive.dominant else ""
        key = f"motive_{motive.motive}"
        nodes[key] = Node(key, f"{motive.motive} {motive.certainty:.2f}{marker}", "motive")
        for step in motive.evidence:
            _add_step(step, key, nodes, edges)
    return list(nodes.values()), list(edges.values())


def _add_step(
    step: Step, target: str, nodes: dict[str, Node], edges: dict[tuple[str, str, str], Edge]
) -> None:
    label = step.rule_id if step.certainty is None else f"{step.rule_id} {step.certainty:+.2f}"
    for check in step.checks:
        if check.indicator:
            source = f"indicator_{check.indicator}"
            nodes.setdefault(source, Node(source, check.indicator, "indicator"))
            for support in check.support:
                _add_step(support, source, nodes, edges)
        else:
            source = f"fact_{check.fact}"
            nodes.setdefault(source, Node(source, f"{check.fact} = {show_value(check.value)}", "fact"))
        edges.setdefault((source, target, label), Edge(source, target, label))


def render_dot(results: Sequence[Classification], explain: bool = True, ids: bool = True) -> str:
    """Graphviz: one cluster per country (`dot -Tsvg`)."""
    shapes = {"fact": "box", "indicator": "ellipse", "motive": "doubleoctagon"}
    lines = [
        "digraph motives {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica"];',
        '  edge [fontname="Helvetica"];',
    ]
    for index, result in enumerate(results):
        nodes, edges = derivation_graph(result)
        prefix = f"c{index}_"
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f'    label="{_dot(result.country)} ({result.iso3}), {result.as_of.isoformat()}";')
        for node in nodes:
            style = (
                ', style="filled", fillcolor="#fde68a"'
                if node.kind == "motive" and "dominant" in node.label
                else ""
            )
            lines.append(
                f'    {prefix}{node.key} [label="{_dot(node.label)}", shape={shapes[node.kind]}{style}];'
            )
        for edge in edges:
            lines.append(f'    {prefix}{edge.source} -> {prefix}{edge.target} [label="{_dot(edge.label)}"];')
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_mermaid(results: Sequence[Classification], explain: bool = True, ids: bool = True) -> str:
    """Mermaid flowchart (renders in GitHub and many Markdown viewers)."""
    lines = ["flowchart LR"]
    for index, result in enumerate(results):
        nodes, edges = derivation_graph(result)
        prefix = f"c{index}_"
        title = f"{_mermaid(result.country)} ({result.iso3}), {result.as_of.isoformat()}"
        lines.append(f'  subgraph {prefix}country["{title}"]')
        for node in nodes:
            opening, closing = {"fact": ("[", "]"), "indicator": ("([", "])"), "motive": ("{{", "}}")}[
                node.kind
            ]
            lines.append(f'    {prefix}{node.key}{opening}"{_mermaid(node.label)}"{closing}')
        for edge in edges:
            lines.append(f'    {prefix}{edge.source} -->|"{_mermaid(edge.label)}"| {prefix}{edge.target}')
        lines.append("  end")
    return "\n".join(lines) + "\n"


def _dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _mermaid(text: str) -> str:
    return text.replace('"', "#quot;")
