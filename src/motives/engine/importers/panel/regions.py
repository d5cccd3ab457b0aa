"""Where each mission is, and which UN M49 region each state belongs to (Asia by its sub-regions): what
"its own region" means for ``regional_deployment_pct``.

A mission's host is the country of mission of IPI's mission-level file (missions to March 2014), else
the row of ``data/mission_hosts.csv`` (missions begun later, each row with its source). A mission in the
per-mission contributions with no host is a located problem: the build never guesses one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from motives.engine.model.errors import Location

from .sources import SourceFolder

M49 = "un-scale/unsd_m49_names.csv"
IPI_MISSIONS = "un-contributions/ipi-ppp-1990-2014/_mission_level_data_mission.csv"
HOSTS = "mission_hosts.csv"


@dataclass(frozen=True, slots=True)
class Host:
    iso3: str
    region: str  # the host's M49 region
    source: str  # where the host was read: a source file, or data/mission_hosts.csv


@dataclass(frozen=True, slots=True)
class Regions:
    of_state: dict[str, str]  # ISO3 -> M49 region (Africa, Americas, Europe, Oceania) or Asian sub-region
    hosts: dict[str, Host]  # mission acronym -> its host


def read_regions(folder: SourceFolder, data: Path, display: str) -> Regions:
    of_state = {
        row["ISO-alpha3 Code"]: _region(row["Region Name"].strip(), row["Sub-region Name"].strip())
        for row in folder.rows(M49, ("ISO-alpha3 Code", "Region Name", "Sub-region Name"))
        if row["Region Name"].strip()
    }
    hosts: dict[str, Host] = {}
    for row in folder.rows(IPI_MISSIONS, ("Mission", "Country of Mission ISO-3")):
        iso3 = row["Country of Mission ISO-3"].strip()
        if iso3 in of_state:
            hosts.setdefault(row["Mission"].strip(), Host(iso3, of_state[iso3], folder.cite(IPI_MISSIONS)))
    shown = f"{display}/{HOSTS}"
    with (data / HOSTS).open(encoding="utf-8", newline="") as stream:
        for line, entry in enumerate(csv.DictReader(stream), start=2):
            mission, iso3 = (entry.get("mission") or "").strip(), (entry.get("host_iso3") or "").strip()
            if iso3 not in of_state or not (entry.get("source") or "").strip():
                folder.problem(
                    Location(shown, line),
                    "P925",
                    f"mission {mission!r}: host {iso3!r} is no M49 country, or the row has no source",
                    "give the host's ISO3 code and where it was read (mission,host_iso3,source)",
                )
                continue
            hosts.setdefault(mission, Host(iso3, of_state[iso3], shown))
    return Regions(of_state, hosts)


def _region(region: str, sub_region: str) -> str:
    """The M49 region, except that Asia, which reaches from the Mediterranean to the Pacific, is taken by
    its sub-regions: Lebanon's neighbourhood is Western Asia, not Malaysia's or Kazakhstan's. Africa stays
    whole (M49 puts Sudan in Northern Africa, apart from the Ethiopia and South Sudan it borders), as do
    the Americas (Haiti and Canada) and Europe."""
    return sub_region if region == "Asia" and sub_region else region


def check_hosts(folder: SourceFolder, regions: Regions, seen: dict[str, Location], display: str) -> None:
    """Every mission the per-mission contributions name has a host."""
    for mission, where in sorted(seen.items()):
        if mission not in regions.hosts:
            folder.problem(
                where,
                "P926",
                f"no host country for the mission {mission!r}",
                f"add it to {display}/{HOSTS} (mission,host_iso3,source)",
            )
