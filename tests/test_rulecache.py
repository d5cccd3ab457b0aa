"""The validated-rule-base cache: a hit gives the same rule base and verdicts, anything doubtful is a miss.

Each test points the cache at its own folder under tmp_path (conftest already keeps the whole session
away from the user's cache)."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from motives import classify, compile_rules, load_facts
from motives.engine.model import rulecache
from motives.engine.model.catalog import SHIPPED_FACTS, SHIPPED_RULES
from motives.engine.model.errors import InputError
from motives.engine.model.rulecache import load_rulebase_cached
from motives.engine.model.rules import load_rulebase

INDIA = SHIPPED_FACTS / "india.csv#2023-11-30"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache" / "motives"
    monkeypatch.setenv("MOTIVES_CACHE_DIR", str(folder))
    monkeypatch.delenv("MOTIVES_NO_CACHE", raising=False)
    rulecache.forget_loaded()  # a fresh folder, and a process that has loaded nothing yet
    return folder


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    shutil.copytree(SHIPPED_RULES, directory, ignore=shutil.ignore_patterns("evaluation", "tests"))
    return directory


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("rulebase-*.pickle"))


def loads_from_cache(monkeypatch: pytest.MonkeyPatch, directory: Path) -> bool:
    """Whether the next load is a hit in the cache folder: on a miss the files are loaded and validated
    again. The rule bases this process keeps are forgotten first: the question is about the folder."""
    rulecache.forget_loaded()
    calls = []

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return load_rulebase(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rulecache, "load_rulebase", counting)
    load_rulebase_cached(directory)
    monkeypatch.setattr(rulecache, "load_rulebase", load_rulebase)
    return not calls


def test_a_hit_gives_the_same_rule_base_and_verdicts(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_rulebase_cached(SHIPPED_RULES, display="rules")
    assert len(entries(cache)) == 1
    assert (cache.stat().st_mode & 0o777) == 0o700
    assert (entries(cache)[0].stat().st_mode & 0o777) == 0o600
    rulecache.forget_loaded()  # as a new process would: read the entry
    again = load_rulebase_cached(SHIPPED_RULES, display="rules")
    assert again == first and again.version == first.version
    assert [str(rule.location) for rule in again.rules] == [str(rule.location) for rule in first.rules]
    assert again.vocabulary.facts == first.vocabulary.facts
    india = load_facts(INDIA)
    assert classify(india, compile_rules(again)) == classify(india, compile_rules(first))


def test_a_process_reads_an_entry_once_and_still_sees_an_edit(
    cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_rulebase_cached(rules)
    reads = []
    monkeypatch.setattr(rulecache, "_read", lambda *args: reads.append(args))
    assert load_rulebase_cached(rules) is first and reads == []  # kept by this process
    path = rules / "political.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    edited = load_rulebase_cached(rules)
    assert edited.version != first.version and len(reads) == 1  # a new key: the folder is asked first


def test_a_changed_rule_file_misses(cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = load_rulebase_cached(rules)
    assert loads_from_cache(monkeypatch, rules)
    path = rules / "political.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert not loads_from_cache(monkeypatch, rules)
    assert load_rulebase_cached(rules).version != before.version
    assert len(entries(cache)) == 1  # one entry per rule directory, replaced


def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(
    cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_rulebase_cached(rules)
    entry = entries(cache)[0]
    header = entry.read_bytes()[: len(rulecache._FORMAT) + 128]
    for content in (b"", b"not a pickle", header + b"\x80\x05garbage", header + pickle.dumps({"a": 1})):
        entry.write_bytes(content)
        entry.chmod(0o600)
        rulecache.forget_loaded()  # as a new process would: read the entry
        assert load_rulebase_cached(rules) == expected
        assert loads_from_cache(monkeypatch, rules)  # rebuilt in place


def test_another_version_is_ignored(cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_rulebase_cached(rules)
    monkeypatch.setattr("motives.__version__", "0.0.0-other")
    assert not loads_from_cache(monkeypatch, rules)
    assert loads_from_cache(monkeypatch, rules)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership is a POSIX notion")
def test_a_folder_or_file_others_can_write_is_never_read(
    cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_rulebase_cached(rules)
    entry = entries(cache)[0]
    entry.chmod(0o622)
    assert not loads_from_cache(monkeypatch, rules)
    cache.chmod(0o755)
    try:
        assert not loads_from_cache(monkeypatch, rules)
        assert not loads_from_cache(monkeypatch, rules)  # nor written into
    finally:
        cache.chmod(0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache).st_uid + 1)  # as another user would
    assert not loads_from_cache(monkeypatch, rules)


def test_a_link_to_a_folder_is_not_a_cache(
    tmp_path: Path, rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("MOTIVES_CACHE_DIR", str(link))
    load_rulebase_cached(rules)
    assert not entries(real)


def test_a_read_only_cache_never_fails_a_run(
    cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.mkdir(parents=True, mode=0o700)

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", read_only)  # as a read-only mount (root ignores modes)
    assert load_rulebase_cached(rules) == load_rulebase(rules)
    assert not entries(cache)


def test_errors_are_reported_as_without_a_cache(cache: Path, rules: Path) -> None:
    path = rules / "political.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("certainty:", "certainty: [", 1), encoding="utf-8"
    )
    with pytest.raises(InputError) as plain:
        load_rulebase(rules)
    for _ in range(2):
        with pytest.raises(InputError) as cached:
            load_rulebase_cached(rules)
        assert str(cached.value) == str(plain.value)
    assert not entries(cache)


def test_the_cache_can_be_turned_off(cache: Path, rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTIVES_NO_CACHE", "1")
    load_rulebase_cached(rules)
    assert not cache.exists()


def test_the_command_uses_the_cache_it_is_given(tmp_path: Path) -> None:
    folder = tmp_path / "commands-cache"
    environment = {**os.environ, "MOTIVES_CACHE_DIR": str(folder)}
    command = [
        str(Path(sys.executable).with_name("motives")),
        "classify",
        "india",
        "--as-of",
        "2023-11-30",
        "--no-explain",
    ]
    outputs = [
        subprocess.run(command, capture_output=True, text=True, env=environment, check=True).stdout
        for _ in range(2)
    ]
    assert outputs[0] == outputs[1] and "political" in outputs[0]
    assert len(entries(folder)) == 1
