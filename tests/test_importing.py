"""`motives facts import`: the UN's files become fact files, merged without losing what was entered by hand.

The inputs in ``cases/un_data/`` are small files written for these tests in the shape of the UN's (header,
quirks and all); their figures are illustrative, chosen so that every total can be checked by hand:

* ``odp_contributionsbygender.csv``: the old column form, with a UTF-8 BOM, CRLF line ends, two date formats
  (``31-Jan-21`` and ``31/01/2021``), missions with trailing spaces, a ``#N/A`` ISO code, a blank line, a
  count ``n/a`` and an impossible date;
* ``DPO-UCHISTORICAL.csv``: the newer lowercase form, ISO and month-first dates, a repeated row and a row
  without an ISO code;
* ``odp_contributionranks.csv``: the ranking file's exact header;
* ``scale.csv``: a scale of assessments as ``iso3,year,rate``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support import run as run_cli

from motives import FactSet, InputError, load_facts
from motives.engine.importers import un as importing
from motives.engine.importers.un import CREATED, FAILED, UNCHANGED, UPDATED, import_files, writing
from motives.engine.model import files as files_module
from motives.engine.model.errors import Location, Problem

DATA = Path(__file__).parent / "cases" / "un_data"
GENDER = DATA / "odp_contributionsbygender.csv"
HISTORICAL = DATA / "DPO-UCHISTORICAL.csv"
RANKS = DATA / "odp_contributionranks.csv"
SCALE = DATA / "scale.csv"
ALL = [GENDER, HISTORICAL, RANKS, SCALE]

GENDER_SOURCE = "UN DPO odp_contributionsbygender.csv, reporting date 31 Jan 2021 (imported by motives)"

# India and Ghana on 31 Jan 2021, added up by hand from odp_contributionsbygender.csv:
INDIA = {
    # UNMISS troops 12+2310 and staff officers ("UNMISS " with a space) 2+58, UNIFIL troops 4+754,
    # MONUSCO troops 0+1800, MONUSCO formed police 0+140, UNMISS individual police 3+17,
    # UNDOF experts 1+9, UNISFA experts 0+0
    "uniformed_personnel": 5110,
    "troops": 4950,  # 2322 + 60 + 758 + 1800 + 10 + 0
    "police": 160,  # 140 + 20
    "female_personnel": 22,  # 12 + 2 + 4 + 3 + 1
    "missions_count": 4,  # UNMISS, UNIFIL, MONUSCO, UNDOF; UNISFA has nobody
    "contributor_rank": 5,
    "budget_share_pct": 0.167,
}
GHANA = {
    # UNIFIL troops 60+810, MINUSMA formed police 40+100, "MINUSMA " staff officers 3+27,
    # UNMISS individual police 10+15, UNMISS experts 2+8; UNMISS troops (n/a women) and MINURSO
    # (31/13/2021) are skipped, and the UNIFIL row of 31/12/2020 is another month
    "uniformed_personnel": 1075,
    "troops": 910,  # 870 + 30 + 10
    "police": 165,  # 140 + 25
    "female_personnel": 115,  # 60 + 40 + 3 + 10 + 2
    "missions_count": 3,  # UNIFIL, MINUSMA, UNMISS
    "contributor_rank": 10,
    "budget_share_pct": 0.003,
}

HAND_FILE = """\
# India, entered by hand before any import.
country: India   # the common name, kept
iso3: IND
as_of: 2021-01-31
facts:
  # personnel: the UN's ranking
  uniformed_personnel: 5110  # same as the import
  unsc_permanent: false
  # nothing else yet

sources:
  uniformed_personnel: >-
    UN DPO, Ranking of Military and Police Contributions, 31 Jan 2021,
    copied by hand.
  unsc_permanent: "UN Charter, Art. 23."   # not to be touched
# end of sources
notes: >-
  Hand notes: kept as they are.
"""


def values(path: Path) -> dict:
    return load_facts(path).values()


def warnings(report: importing.ImportReport) -> list[str]:
    return [str(problem) for problem in report.problems if problem.severity == "warning"]


def test_derived_figures_match_a_count_by_hand(tmp_path: Path) -> None:
    report = import_files(ALL, tmp_path)
    assert not report.errors
    assert values(tmp_path / "india" / "2021-01-31.yaml") == INDIA
    assert values(tmp_path / "ghana" / "2021-01-31.yaml") == GHANA
    assert values(tmp_path / "ghana" / "2020-12-31.yaml") == {
        "uniformed_personnel": 870,
        "troops": 870,
        "police": 0,
        "female_personnel": 58,
        "missions_count": 1,
    }  # no rank that month, and the scale has no 2020 rate for Ghana
    # the lowercase form, with ISO and month-first dates
    assert values(tmp_path / "united_republic_of_tanzania" / "2021-02-28.yaml") == {
        "uniformed_personnel": 1545,  # MONUSCO 1370 (its repeated row skipped), UNIFIL 155, MINUSCA 20
        "troops": 1525,
        "police": 20,
        "female_personnel": 143,
        "missions_count": 3,
        "budget_share_pct": 0.002,
    }
    # a country and date known only from the ranking file: its totals stand in
    assert values(tmp_path / "united_republic_of_tanzania" / "2021-01-31.yaml") == {
        "uniformed_personnel": 1759,
        "female_personnel": 149,
        "contributor_rank": 13,
        "budget_share_pct": 0.002,
    }
    tanzania = load_facts(tmp_path / "united_republic_of_tanzania" / "2021-01-31.yaml")
    assert tanzania.country == "United Republic of Tanzania"  # the UN's name, for a new file
    assert tanzania.get("contributor_rank").source == (
        "UN DPO odp_contributionranks.csv, reporting date 31 Jan 2021 (imported by motives)"
    )
    assert load_facts(tmp_path / "india" / "2021-01-31.yaml").get("troops").source == GENDER_SOURCE


def test_skipped_rows_are_reported_with_file_and_line(tmp_path: Path) -> None:
    report = import_files(ALL, tmp_path)
    assert warnings(report) == [
        f"{GENDER}:10: warning I704 row skipped: ISO3 code is '#N/A'; the country is unknown",
        f"{GENDER}:17: warning I706 row skipped: female_personnel is 'n/a', not a whole number of at most 1,000,000,000,000; "
        "an empty cell counts as 0",
        f"{GENDER}:18: warning I705 row skipped: cannot read the date '31/13/2021'; "
        "expected e.g. 31-Jan-21, 31/01/2021, 01-31-21 or 2021-01-31",
        f"{HISTORICAL}:9: warning I709 row skipped: repeats line 2 (TZA MONUSCO Troops)",
        f"{HISTORICAL}:10: warning I704 row skipped: ISO3 code is empty; the country is unknown",
    ]
    assert (report.rows_read, report.rows_skipped, report.rows_outside) == (35, 5, 0)
    assert report.count(CREATED) == 7


def test_country_and_date_selection(tmp_path: Path) -> None:
    report = import_files(
        ALL, tmp_path, countries=["gha"], start=dt.date(2021, 1, 1), end=dt.date(2021, 1, 31)
    )
    assert [(f.path, f.action) for f in report.files] == [
        (str(tmp_path / "ghana" / "2021-01-31.yaml"), CREATED)
    ]
    assert sorted(p.name for p in tmp_path.rglob("*.yaml")) == ["2021-01-31.yaml"]


def test_an_existing_file_gives_the_name_and_the_country(tmp_path: Path) -> None:
    (tmp_path / "usa.yaml").write_text(
        "country: United States\niso3: USA\nas_of: 2020-12-31\nfacts:\n  unsc_permanent: true\n"
        "sources:\n  unsc_permanent: UN Charter\n",
        encoding="utf-8",
    )
    import_files([HISTORICAL], tmp_path)
    imported = load_facts(tmp_path / "usa" / "2021-02-28.yaml")
    assert imported.country == "United States"
    assert imported.values() == {
        "uniformed_personnel": 22,
        "troops": 22,
        "police": 0,
        "female_personnel": 4,
        "missions_count": 3,  # MINUSCA has nobody
    }
    assert not (tmp_path / "united_states_of_america").exists()


def test_a_country_name_too_long_for_a_file_name_is_shortened(tmp_path: Path) -> None:
    """A country's file is named after the UN's spelling, cut to a length every file system takes."""
    long_name = "The " + "Very " * 100 + "Long Republic"
    source = tmp_path / "odp_contributionsbygender.csv"
    source.write_text(
        GENDER.read_text(encoding="utf-8-sig").replace(",India,", f",{long_name},"), encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    import_files([source], out)
    (folder,) = [path for path in out.iterdir() if path.is_dir() and path.name.startswith("the_very")]
    assert len(folder.name) <= 80
    (snapshot,) = folder.iterdir()
    assert load_facts(snapshot).country == long_name


def test_merge_keeps_hand_facts_sources_notes_and_comments(tmp_path: Path) -> None:
    target = tmp_path / "india" / "2021-01-31.yaml"
    target.parent.mkdir()
    target.write_text(HAND_FILE, encoding="utf-8")
    report = import_files([GENDER, RANKS], tmp_path, countries=["IND"])
    assert [(f.action, f.changed) for f in report.files] == [
        (UPDATED, ("troops", "police", "female_personnel", "contributor_rank", "missions_count"))
    ]
    text = target.read_text(encoding="utf-8")
    new_lines = [
        "  troops: 4950",
        "  police: 160",
        "  female_personnel: 22",
        "  contributor_rank: 5",
        "  missions_count: 4",
        f'  troops: "{GENDER_SOURCE}"',
        f'  police: "{GENDER_SOURCE}"',
        f'  female_personnel: "{GENDER_SOURCE}"',
        '  contributor_rank: "UN DPO odp_contributionranks.csv, reporting date 31 Jan 2021 (imported by motives)"',
        f'  missions_count: "{GENDER_SOURCE}"',
    ]
    # every line of the hand file is still there, byte for byte and in order; only new lines were added
    assert [line for line in text.splitlines() if line not in new_lines] == HAND_FILE.splitlines()
    assert text.index("  missions_count: 4\n") < text.index("  # nothing else yet")  # after the last entry
    assert 'Art. 23."   # not to be touched\n  troops: "' in text  # after the last source and its comment
    merged = load_facts(target)
    assert merged.get("uniformed_personnel").source.startswith(
        "UN DPO, Ranking"
    )  # same value: hand source kept
    assert merged.notes == "Hand notes: kept as they are."


def test_an_existing_flat_file_of_the_same_date_is_updated_in_place(tmp_path: Path) -> None:
    flat = tmp_path / "ghana.yaml"
    flat.write_text(
        "country: Ghana\niso3: GHA\nas_of: 2021-01-31\nfacts:\n  hosted_un_pko: false\n"
        "sources:\n  hosted_un_pko: UN list of operations\n",
        encoding="utf-8",
    )
    import_files([GENDER], tmp_path, countries=["GHA"])
    assert load_facts(flat).values()["troops"] == 910
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yaml")) == [
        "ghana.yaml",
        "ghana/2020-12-31.yaml",
    ]


def test_a_conflict_with_a_hand_entered_fact_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "india" / "2021-01-31.yaml"
    target.parent.mkdir()
    hand = HAND_FILE.replace("uniformed_personnel: 5110  # same", "uniformed_personnel: 5429  # differs")
    target.write_text(hand, encoding="utf-8")
    before = target.read_bytes()
    report = import_files(ALL, tmp_path)
    assert [str(problem) for problem in report.errors] == [
        f"{target}:7:24: error I711 uniformed_personnel is 5429 here and 5110 in the import; its source is "
        "not an import by motives, so it is not overwritten; check which figure is right; --force replaces "
        "it with the imported one"
    ]
    assert not report.written
    assert target.read_bytes() == before
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        ".motives-import.lock",  # the folder's lock file (empty), kept for the next import
        "india",
        "india/2021-01-31.yaml",
    ]
    assert "nothing written: 1 error, 1 conflict with facts" in report.summary()


def test_force_overwrites_the_value_and_its_source_and_keeps_the_comment(tmp_path: Path) -> None:
    target = tmp_path / "india" / "2021-01-31.yaml"
    target.parent.mkdir()
    target.write_text(HAND_FILE.replace("5110  # same", "5429  # same"), encoding="utf-8")
    report = import_files([GENDER], tmp_path, countries=["IND"], force=True)
    assert not report.errors
    text = target.read_text(encoding="utf-8")
    assert "  uniformed_personnel: 5110  # same as the import\n" in text
    assert (
        f'  uniformed_personnel: "{GENDER_SOURCE}"\n  unsc_permanent:' in text
    )  # the folded source replaced
    assert "copied by hand" not in text
    assert load_facts(target).get("unsc_permanent").source == "UN Charter, Art. 23."


def test_earlier_imported_values_are_replaced_without_force(tmp_path: Path) -> None:
    import_files([GENDER], tmp_path, countries=["IND"])
    target = tmp_path / "india" / "2021-01-31.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("troops: 4950", "troops: 1"), encoding="utf-8"
    )
    report = import_files([GENDER], tmp_path, countries=["IND"])
    assert not report.errors and [f.changed for f in report.files] == [("troops",)]
    assert values(target)["troops"] == 4950


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    import_files(ALL, tmp_path)
    before = {path: path.read_bytes() for path in tmp_path.rglob("*.yaml")}
    report = import_files(ALL, tmp_path)
    assert {f.action for f in report.files} == {UNCHANGED}
    assert {path: path.read_bytes() for path in tmp_path.rglob("*.yaml")} == before
    assert report.summary().endswith("fact files: 0 created, 0 updated, 7 unchanged, 0 failed\n")


def test_a_result_that_does_not_load_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "india" / "2021-01-31.yaml"
    target.parent.mkdir()
    # a hand figure the imported one contradicts: 5110 deployed at the date, 100 over the whole record
    hand = (
        "country: India\niso3: IND\nas_of: 2021-01-31\nfacts:\n  cumulative_personnel_deployed: 100\n"
        "sources:\n  cumulative_personnel_deployed: a typo\n"
    )
    target.write_text(hand, encoding="utf-8")
    report = import_files([GENDER], tmp_path)
    assert target.read_text(encoding="utf-8") == hand
    assert [file.action for file in report.files] == [CREATED, CREATED, FAILED]  # Ghana's two are written
    assert [str(problem) for problem in report.errors] == [
        f"{target}:6:24: error F305 uniformed_personnel (5110) exceeds cumulative_personnel_deployed (100); "
        "check both figures and their dates",
        f"{target}: error I713 not written: with the import merged in, it would not load (the lines above are "
        "the merged text's); the file is left as it was; see the problems above",
    ]
    assert not list(tmp_path.rglob(".*.tmp"))


@pytest.mark.parametrize("failure", ["loader", "rename"])
def test_a_failure_halfway_leaves_the_original_file_intact(tmp_path: Path, monkeypatch, failure: str) -> None:
    import_files([GENDER], tmp_path)  # Ghana twice, then India; then an earlier import's figures in each
    for path in tmp_path.rglob("*.yaml"):
        path.write_text(
            re.sub(r"missions_count: \d+", "missions_count: 99", path.read_text("utf-8")), "utf-8"
        )
    edited = {path: path.read_bytes() for path in tmp_path.rglob("*.yaml")}
    victim = tmp_path / "ghana" / "2021-01-31.yaml"  # the second of the three to be written
    if failure == "loader":  # the check between writing and renaming fails
        real_load = writing.load_facts

        def load(path: Path, display: str | None = None) -> FactSet:
            if Path(path).name.startswith(".") and display == str(victim):
                raise InputError([Problem(Location(display), "X999", "injected failure")])
            return real_load(path, display)

        monkeypatch.setattr(writing, "load_facts", load)
    else:  # the rename itself fails
        real_replace = files_module.os.replace

        def replace(source: str, destination: str) -> None:
            if Path(destination) == victim:
                raise OSError(28, "No space left on device")
            real_replace(source, destination)

        monkeypatch.setattr(files_module.os, "replace", replace)
    report = import_files([GENDER], tmp_path)
    assert [file.action for file in report.files] == [UPDATED, FAILED, UPDATED]
    assert report.errors[-1].code == "I713" and str(victim) in str(report.errors[-1])
    assert victim.read_bytes() == edited[victim]
    assert values(tmp_path / "india" / "2021-01-31.yaml")["missions_count"] == 4  # the others were written
    assert not list(tmp_path.rglob(".*.tmp"))


def test_an_empty_flow_mapping_and_crlf_line_ends_are_merged(tmp_path: Path) -> None:
    target = tmp_path / "india.yaml"
    target.write_bytes(b"country: India\r\niso3: IND\r\nas_of: 2021-01-31\r\nfacts: {}\r\nsources: {}\r\n")
    import_files([RANKS], tmp_path, countries=["IND"])
    assert target.read_bytes() == (
        b"country: India\r\niso3: IND\r\nas_of: 2021-01-31\r\nfacts:\r\n  uniformed_personnel: 5110"
        b"\r\n  female_personnel: 22\r\n  contributor_rank: 5\r\nsources:"
        + b"".join(
            f'\r\n  {name}: "UN DPO odp_contributionranks.csv, reporting date 31 Jan 2021 (imported by motives)"'.encode()
            for name in ("uniformed_personnel", "female_personnel", "contributor_rank")
        )
        + b"\r\n"
    )


def test_the_ranking_total_is_checked_against_the_contributions_file(tmp_path: Path) -> None:
    ranks = tmp_path / "ranks.csv"
    ranks.write_text(
        RANKS.read_text("utf-8").replace("IND,356,India,5,22,5088,5110", "IND,356,India,5,22,5090,5112")
    )
    report = import_files([GENDER, ranks], tmp_path / "out", countries=["IND"])
    assert warnings(report)[-1] == (
        f"{ranks}:2: warning I710 IND: 5112 personnel (22 women) here, but 5110 (22) in "
        "odp_contributionsbygender.csv; that file's are kept; check that both files are of the same month"
    )
    assert values(tmp_path / "out" / "india" / "2021-01-31.yaml")["uniformed_personnel"] == 5110


@pytest.mark.parametrize(
    ("line", "country"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("2021-01-31", "2021-01-31"),
        ("'Côte d''Ivoire'", "Côte d'Ivoire"),
        ("<<", None),
    ],
)
def test_the_country_line_reads_as_the_fact_file_loads(line: str, country: str | None) -> None:
    """A fact file's country read from its line by the strict loader, as YAML 1.2 (not PyYAML's 1.1)."""
    from motives.engine.importers.factfile import country_line

    assert country_line(f"# a fact file\ncountry: {line}\niso3: TST\n") == country


def test_new_files_in_the_shipped_folder_carry_the_schema_modeline(tmp_path: Path, monkeypatch) -> None:
    from motives.engine.importers import factfile

    monkeypatch.setattr(factfile, "PACKAGE_ROOT", tmp_path)
    monkeypatch.setattr(factfile, "SHIPPED_FACTS", tmp_path / "facts")
    import_files([RANKS], tmp_path / "facts", countries=["IND"])
    import_files([RANKS], tmp_path / "elsewhere", countries=["IND"])
    shipped = (tmp_path / "facts" / "india" / "2021-01-31.yaml").read_text("utf-8")
    assert shipped.splitlines()[0] == "# yaml-language-server: $schema=../../schema/facts.schema.json"
    assert "yaml-language-server" not in (tmp_path / "elsewhere" / "india" / "2021-01-31.yaml").read_text(
        "utf-8"
    )


def run(*args: object) -> tuple[int, str, str]:
    return run_cli("facts", "import", *args)


def test_cli_imports_prints_a_summary_and_warns_on_stderr(tmp_path: Path) -> None:
    code, out, err = run(*ALL, "--out", tmp_path)
    assert code == 0, err
    assert out.splitlines()[0] == "read 35 rows: 5 skipped, 0 outside the countries and dates asked for"
    assert f"created {tmp_path / 'india' / '2021-01-31.yaml'}: budget_share_pct, uniformed_personnel" in out
    assert out.splitlines()[-1] == "fact files: 7 created, 0 updated, 0 unchanged, 0 failed"
    codes = ("I704", "I706", "I705", "I709", "I704")
    assert [line.split()[1:3] for line in err.splitlines()] == [["warning", code] for code in codes]
    code, out, _ = run(*ALL, "--out", tmp_path)
    assert code == 0 and out.splitlines()[-1] == "fact files: 0 created, 0 updated, 7 unchanged, 0 failed"


def test_cli_dry_run_writes_nothing(tmp_path: Path) -> None:
    code, out, _ = run(GENDER, "--out", tmp_path / "out", "--dry-run", "--country", "IND,gha")
    assert code == 0
    assert f"would create {tmp_path / 'out' / 'india' / '2021-01-31.yaml'}" in out
    assert (
        out.splitlines()[-1]
        == "fact files: 3 created, 0 updated, 0 unchanged, 0 failed (dry run: nothing written)"
    )
    assert not (tmp_path / "out").exists()


def test_cli_exit_codes(tmp_path: Path) -> None:
    target = tmp_path / "india" / "2021-01-31.yaml"
    target.parent.mkdir()
    target.write_text(HAND_FILE.replace("5110  # same", "5429  # same"), encoding="utf-8")
    code, out, err = run(GENDER, "--out", tmp_path)
    assert code == 1 and ": error I711 uniformed_personnel is 5429 here" in err
    assert out.splitlines()[-1].startswith("nothing written: 1 error, 1 conflict")
    code, _, err = run(GENDER, "--out", tmp_path, "--force")
    assert code == 0, err
    code, _, err = run(tmp_path / "missing.csv", "--out", tmp_path)
    assert (code, err) == (1, f"{tmp_path / 'missing.csv'}: error I701 no such file; check the path\n")
    code, _, err = run(target, "--out", tmp_path)
    assert code == 1 and "error I702 not a file motives can import" in err
    assert run(GENDER, "--out", tmp_path, "--country", "INDIA")[0] == 2
    assert run(GENDER, "--out", tmp_path, "--from", "2021-02-01", "--to", "2021-01-01")[0] == 2
    assert run(GENDER)[0] == 2  # --out is required


def test_a_month_given_twice_is_read_once(tmp_path: Path) -> None:
    again = tmp_path / "again" / "odp_contributionsbygender.csv"
    again.parent.mkdir()
    again.write_bytes(GENDER.read_bytes())
    report = import_files([GENDER, again], tmp_path / "out")
    assert warnings(report)[-2:] == [
        f"{again}:2: warning I709 13 rows skipped: reporting date 31 Jan 2021 was already read from "
        "odp_contributionsbygender.csv; give each month once, or narrow with --from/--to",
        f"{again}:19: warning I709 1 row skipped: reporting date 31 Dec 2020 was already read from "
        "odp_contributionsbygender.csv; give each month once, or narrow with --from/--to",
    ]
    assert values(tmp_path / "out" / "india" / "2021-01-31.yaml") == {
        name: value for name, value in INDIA.items() if name not in ("contributor_rank", "budget_share_pct")
    }


# Odd encodings and line ends, pinned before the reading was streamed (issue 13, item 11): the same
# rows, warnings and line numbers whatever the file's encoding, line ends, NULs or delimiter.
_HEAD = (
    "isocode3,contributing_country,mission_acronym,personnel_type,female_personnel,male_personnel,"
    "last_reporting_date"
)
_ROWS = [
    "IND,India,UNMISS,Troops,1,9,2021-01-31",
    "GHA,Gh\u00e2na,UNIFIL,Troops,2,8,2021-01-31",
    "IND,India,UNMISS,Troops,1,9,2021-01-31",
    "XX,Bad,UNIFIL,Troops,1,1,2021-01-31",
]
_REPEAT_AND_NO_ISO3 = [
    "{file}:4: warning I709 row skipped: repeats line 2 (IND UNMISS Troops)",
    "{file}:5: warning I704 row skipped: ISO3 code is 'XX'; the country is unknown",
]
_NOT_UTF8 = "{file}: warning I703 is not UTF-8 text; read as Windows-1252; check the country names it gives"
_PERSONNEL_FACTS = ("uniformed_personnel", "troops", "police", "female_personnel", "missions_count")
_ODD_FILES = {
    "utf16": (("\n".join([_HEAD, *_ROWS]) + "\n").encode("utf-16"), (4, 2), _REPEAT_AND_NO_ISO3),
    "cp1252": (
        ("\r\n".join([_HEAD, *_ROWS]) + "\r\n").encode("cp1252") + b"\x81",
        (5, 3),
        [
            _NOT_UTF8,
            *_REPEAT_AND_NO_ISO3,
            "{file}:6: warning I708 row skipped: 1 field where the header has 7; "
            "a name with a comma must be in double quotes",
        ],
    ),
    "nul": (
        (
            "\r\x00\n".join([_HEAD, _ROWS[0], "\x00" + _ROWS[1], _ROWS[2] + "\x00", _ROWS[3]]) + "\r\x00\n"
        ).encode(),
        (4, 2),
        _REPEAT_AND_NO_ISO3,
    ),
    "cr_only": (("\r".join([_HEAD, *_ROWS]) + "\r").encode(), (4, 2), _REPEAT_AND_NO_ISO3),
    "semicolon": (
        ("\n".join([_HEAD, *_ROWS]).replace(",", ";") + "\n").encode(),
        (4, 2),
        _REPEAT_AND_NO_ISO3,
    ),
    "bad_csv": (
        (
            "\n".join(
                [
                    _HEAD,
                    _ROWS[0],
                    '"GHA","Gh\u00e2na",UNIFIL,Troops,2,8,"2021-01-31\n"',  # a quoted line end: one row, 2 lines
                    'IND,India,"UNDOF' + "x" * 140_000 + '",Troops,1,1,2021-01-31',  # over csv's field limit
                    *_ROWS[2:],
                ]
            )
            + "\n"
        ).encode(),
        (4, 3),
        [
            "{file}:5: warning I708 row skipped: cannot be read as CSV (field larger than field limit (131072))",
            "{file}:6: warning I709 row skipped: repeats line 2 (IND UNMISS Troops)",
            "{file}:7: warning I704 row skipped: ISO3 code is 'XX'; the country is unknown",
        ],
    ),
}


@pytest.mark.parametrize("kind", sorted(_ODD_FILES))
def test_odd_encodings_and_line_ends_give_the_same_rows_and_lines(tmp_path: Path, kind: str) -> None:
    data, (rows, skipped), expected = _ODD_FILES[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(data)
    report = import_files([path], tmp_path / "out")
    assert [str(problem) for problem in report.problems] == [line.format(file=path) for line in expected]
    assert report.summary() == (
        f"read {rows} rows: {skipped} skipped, 0 outside the countries and dates asked for\n"
        f"created {tmp_path / 'out' / 'ghana' / '2021-01-31.yaml'}: {', '.join(_PERSONNEL_FACTS)}\n"
        f"created {tmp_path / 'out' / 'india' / '2021-01-31.yaml'}: {', '.join(_PERSONNEL_FACTS)}\n"
        "fact files: 2 created, 0 updated, 0 unchanged, 0 failed\n"
    )
    assert load_facts(tmp_path / "out" / "ghana" / "2021-01-31.yaml").country == "Gh\u00e2na"
    assert values(tmp_path / "out" / "india" / "2021-01-31.yaml")["uniformed_personnel"] == 10


def test_a_bom_then_bytes_that_are_not_utf8_read_the_whole_file_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(("\ufeff" + "\n".join([_HEAD, *_ROWS]) + "\n").encode() + b"\xff,\n")
    with pytest.raises(InputError) as raised:
        import_files([path], tmp_path / "out")
    assert [str(problem) for problem in raised.value.problems] == [
        _NOT_UTF8.format(file=path),
        f"{path}:1: error I702 the header lacks isocode3; expected the columns isocode3, contributing_country, "
        "mission_acronym, personnel_type, female_personnel, male_personnel, last_reporting_date, in any "
        "order and letter case",
    ]


@pytest.mark.slow
def test_a_large_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """The rows are streamed: reading a 5 MB file allocates a fraction of it, not copies of it (the
    reading that held the whole text peaked near 45 MB here). benchmarks/importing.py measures 100 MB."""
    import tracemalloc

    path = tmp_path / "DPO-UCHISTORICAL.csv"
    country = '"India, the Republic of India, a country of South Asia"'
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(_HEAD + "\r\n")
        for row in range(55_000):
            date = dt.date(1990, 1, 31) + dt.timedelta(row % 4000)
            out.write(f"IND,{country},MISSION{row % 97},Troops,{row % 40},{row % 900},{date}\r\n")
    assert path.stat().st_size > 5_000_000
    tracemalloc.start()
    try:
        report = import_files([path], tmp_path / "out", countries=["GHA"], dry_run=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (report.rows_read, report.rows_outside, report.problems) == (55_000, 55_000, ())
    assert peak < 8_000_000, f"{peak / 1e6:.1f} MB"
