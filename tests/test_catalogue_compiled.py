"""The catalogue's rule tables kept as JSON beside the TOML files (__pycache__), as Python keeps bytecode: the
same rules either way, a copy of other files never used, nothing written when Python writes no bytecode."""
import hashlib
import json
import sys
from importlib import resources

import pytest

from diracmod.core import catalogue


def _sources():
    package = resources.files("diracmod.rules")
    found = [(entry.name, entry.read_text("utf-8")) for entry in sorted(package.iterdir(), key=lambda p: p.name)
             if entry.name.endswith(".toml")]
    return [(name, text) for name, text in found if "[[rule]]" in text]


def _digest(sources):
    digest = hashlib.sha256()
    for name, text in sources:
        digest.update(f"{name}\0{text}\0".encode())
    return digest.hexdigest()[:16]


def _refuse_parsing(monkeypatch):
    def parse(text):
        raise AssertionError("parsed the TOML again")
    monkeypatch.setattr(catalogue.tomllib, "loads", parse)


@pytest.fixture
def writes_bytecode(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_the_compiled_copy_holds_the_same_rules_and_is_read_instead_of_the_toml(tmp_path, monkeypatch,
                                                                                 writes_bytecode):
    loaded = catalogue.load().rules
    sources = _sources()
    digest = _digest(sources)
    compiled = catalogue._compiled_path(tmp_path, digest)
    (tmp_path / "__pycache__").mkdir()
    stale = tmp_path / "__pycache__" / "catalogue-0123456789abcdef.json"
    stale.write_text("{}")
    parsed = catalogue._rules(sources, digest, compiled)
    assert compiled.exists() and not stale.exists()  # one copy: the catalogue's current one
    _refuse_parsing(monkeypatch)
    assert catalogue._rules(sources, digest, compiled) == parsed
    assert catalogue.Catalogue(parsed).rules == loaded


def test_a_copy_of_other_files_or_an_unreadable_one_is_not_used(tmp_path, writes_bytecode):
    sources = _sources()
    digest = _digest(sources)
    compiled = catalogue._compiled_path(tmp_path, digest)
    expected = catalogue._rules(sources, digest, compiled)
    compiled.write_text(json.dumps({"digest": "another", "rules": []}))  # as if the TOML changed since
    assert catalogue._rules(sources, digest, compiled) == expected
    compiled.write_text('{"digest": "' + digest + '", "rules": [')  # cut short
    assert catalogue._rules(sources, digest, compiled) == expected
    kept = json.loads(compiled.read_text())  # written again
    assert kept["digest"] == digest and [catalogue._rule(table) for table in kept["rules"]] == expected


@pytest.mark.parametrize("forged", [[], [{}], "drop-one", "id-not-text"])
def test_a_copy_with_the_right_digest_but_not_the_catalogues_rules_is_not_used(tmp_path, writes_bytecode, forged):
    """A hand-edited or truncated copy naming the current digest: parsed again, never a catalogue without rules
    (a silent pass: every check clean) nor an internal error on every run."""
    sources = _sources()
    digest = _digest(sources)
    compiled = catalogue._compiled_path(tmp_path, digest)
    expected = catalogue._rules(sources, digest, compiled)
    tables = json.loads(compiled.read_text())["rules"]
    if forged == "drop-one":
        forged = tables[1:]
    elif forged == "id-not-text":
        forged = [{**tables[0], "id": 5}] + tables[1:]
    compiled.write_text(json.dumps({"digest": digest, "rules": forged}))
    assert catalogue._rules(sources, digest, compiled) == expected


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    sources = _sources()
    digest = _digest(sources)
    assert catalogue._rules(sources, digest, catalogue._compiled_path(tmp_path, digest))
    assert not (tmp_path / "__pycache__").exists()


def test_a_read_only_package_is_parsed_each_time(tmp_path, writes_bytecode):
    sources = _sources()
    digest = _digest(sources)
    (tmp_path / "__pycache__").write_text("not a directory")
    assert catalogue._rules(sources, digest, catalogue._compiled_path(tmp_path, digest))
    assert catalogue._compiled_path("not a directory path", digest) is None  # a package inside a zip file
