"""One table from every spelling of a country to its ISO3 code, and the panel's list of states.

``data/countries.csv`` lists the states of the panel (ISO3, short name, folder name); ``data/names.csv``
adds the spellings the sources use that are not the UN M49 name, including those that name no state
(``-``: a regional organisation, a former state). A name found in no table is a located problem: the
build never drops a row silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from motives.engine.model.errors import Location, Problem

NOT_A_STATE = "-"


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    slug: str  # the folder of its fact files: facts/<slug>/<date>.yaml


class NameTable:
    def __init__(self, data: Path, m49_names: dict[str, str], display: str = "data") -> None:
        self.countries = _countries(data / "countries.csv")
        self._by_name: dict[str, str] = {name: iso3 for name, iso3 in m49_names.items()}
        for country in self.countries.values():
            self._by_name.setdefault(country.name, country.iso3)
        with (data / "names.csv").open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                self._by_name[row["name"]] = row["iso3"]
        self.unknown: dict[str, Location] = {}  # each unmapped name, at its first place
        self.display = display

    def iso3(self, name: str, where: Location) -> str | None:
        """The code of ``name``; None for a name that names no state, or one no table knows (recorded)."""
        code = self._by_name.get(name.strip())
        if code is None:
            self.unknown.setdefault(name, where)
            return None
        return None if code == NOT_A_STATE else code

    def problems(self) -> list[Problem]:
        return [
            Problem(
                where,
                "P910",
                f"no ISO3 code for the country name {name!r}",
                f"add it to {self.display}/names.csv (name,iso3,note); iso3 - for a name that is no state",
            )
            for name, where in sorted(
                self.unknown.items(), key=lambda item: (item[1].path, item[1].line or 0)
            )
        ]


def _countries(path: Path) -> dict[str, Country]:
    text = path.read_text(encoding="utf-8")
    return {
        row["iso3"]: Country(row["iso3"], row["name"], row["slug"])
        for row in csv.DictReader(io.StringIO(text))
    }
