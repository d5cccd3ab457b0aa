"""The `motives` command as a user meets it: output, formats, exit codes, and the installed script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURE_FACTS, fixture_countries, run

FIX = fixture_countries()


def test_classify_a_shipped_country_by_name() -> None:
    code, out, err = run("classify", FIX["india"])
    assert code == 0, err
    assert out.startswith("India (IND), as of 2023-11-30\n")
    assert "Dominant motives: political (0.74), normative (0.66)" in out
    assert "Uniformed personnel deployed at the snapshot date: 6,073 (at least 2,000) [" in out
    assert "Sources of the values:" in out


def test_classify_a_file_path() -> None:
    code, out, _ = run("classify", str(FIXTURE_FACTS / "usa.yaml"), "--no-explain")
    assert code == 0
    assert "Dominant motives: political (0.79)" in out
    assert "cites:" not in out


def test_json_for_one_input_is_an_object_and_for_several_an_array() -> None:
    code, out, _ = run("classify", FIX["usa"], "--format", "json")
    assert code == 0
    one = json.loads(out)
    assert one["country"] == "United States" and one["iso3"] == "USA" and one["as_of"] == "2021-01-31"
    assert one["dominant"] == ["political"]
    assert {motive["motive"] for motive in one["motives"]} == {
        "political",
        "economic",
        "security",
        "institutional",
        "normative",
    }
    assert "political.financial_leverage" in one["fired"]
    code, out, _ = run("classify", FIX["usa"], FIX["india"], "--format", "json")
    several = json.loads(out)
    assert [item["iso3"] for item in several] == ["USA", "IND"]


def test_json_derivation_reaches_raw_facts_with_sources() -> None:
    _, out, _ = run("classify", FIX["usa"], "--format", "json")
    political = next(m for m in json.loads(out)["motives"] if m["motive"] == "political")
    leverage = next(
        step for step in political["derivation"] if step["rule"] == "political.financial_leverage"
    )
    (indicator,) = leverage["conditions"]
    # the peacekeeping rate, and the regular rate that singles out the same payers
    producers = {step["rule"]: step for step in indicator["derived_by"]}
    assert set(producers) == {
        "indicator.major_financial_contributor",
        "indicator.major_financial_contributor.regular",
    }
    producer = producers["indicator.major_financial_contributor"]
    (fact,) = producer["conditions"]
    assert fact["text"] == "budget_share_pct = 27.89 >= 5"
    assert fact["value"] == 27.89
    assert "2021" in fact["source"]
    assert producer["citations"] and leverage["citations"]


def test_bad_fact_file_gives_located_lines_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("country: X\niso3: XXX\nas_of: 2024-01-01\nfacts:\n  uniformed_personel: 3\nsources: {}\n")
    code, out, err = run("classify", str(bad))
    assert code == 1
    assert out == ""
    assert (
        err
        == f"{bad}:5:3: error F301 unknown fact 'uniformed_personel'; did you mean 'uniformed_personnel'? "
        "Or declare a new fact in the vocabulary.yaml of a rules directory.\n"
    )


def test_problems_of_all_inputs_are_reported_together(tmp_path: Path) -> None:
    code, _, err = run("classify", str(tmp_path / "missing.yaml"), "xyzzy")
    assert code == 1
    assert err.splitlines() == [
        f"{tmp_path / 'missing.yaml'}: error Y107 no such file; check the path",
        "xyzzy: error Y107 no such fact file, and no shipped country of that name; "
        "see the shipped countries with `motives countries`",
    ]


def test_bad_rules_directory_is_reported_with_exit_1(tmp_path: Path) -> None:
    code, _, err = run("classify", FIX["india"], "--rules", str(tmp_path / "nowhere"))
    assert code == 1
    assert "error Y107 no such rules directory" in err


def test_usage_errors_exit_2() -> None:
    assert run("classify")[0] == 2
    assert run("classify", FIX["india"], "--format", "xml")[0] == 2


def test_help_documents_the_exit_codes() -> None:
    code, out, _ = run("classify", "--help")
    assert code == 0
    assert "Exit codes:" in out and "1  invalid input" in out


def test_installed_console_script_works_from_any_directory(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("motives")
    if not script.exists():
        pytest.fail(f"the console script is not installed beside {sys.executable}: run pip install '.[test]'")
    env = {key: value for key, value in os.environ.items() if key != "MOTIVES_DEBUG"}
    done = subprocess.run(
        [str(script), "classify", "india", "--as-of", "2023-11-30", "--no-explain"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Dominant motives: political (0.74), normative (0.66)" in done.stdout
    failed = subprocess.run(
        [str(script), "classify", "nowhere.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert failed.returncode == 1
    assert failed.stderr == "nowhere.yaml: error Y107 no such file; check the path\n"
    assert "Traceback" not in failed.stderr
