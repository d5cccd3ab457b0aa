"""The data build's summary: what was written, and how much of each fact the panel knows."""

from __future__ import annotations

from motives.engine.importers.panel.build import BuildReport


def build_summary(report: BuildReport) -> str:
    lines = [
        f"built {report.snapshots} snapshots of {report.countries} countries: "
        f"{report.changed} new or changed, {report.removed} removed",
        "",
        f"{'fact':<28} {'country-dates':>13}  from",
    ]
    for name, origins in report.coverage.items():
        total = sum(origins.values())
        shown = ", ".join(
            f"{origin} {count}" for origin, count in sorted(origins.items(), key=lambda o: -o[1])
        )
        lines.append(f"{name:<28} {total:>13}  {shown or 'unknown everywhere'}")
    lines += [f"conflict resolved: {line}" for line in report.conflicts_resolved]
    return "\n".join(lines)
