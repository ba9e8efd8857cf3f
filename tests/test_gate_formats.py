"""CI formats validated against the schemas the CI systems read (shipped in tests/data), on the findings
of a real check of the bundled example; GitHub escaping as actions/toolkit documents it."""
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import xmlschema

from diracmod.core.finding import Finding
from diracmod.gate import formats
from diracmod.gate.fingerprint import LineTexts, Mark, mark_all

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "legacy_project"
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def checked():
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "--format", "json", "-q", "--no-cache", "."],
                          cwd=EXAMPLE, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr
    findings = [Finding.from_json(item) for item in json.loads(done.stdout)]
    assert len(findings) > 20 and len({f.type for f in findings}) == 3  # error, warning and convention
    cwd = os.getcwd()
    os.chdir(EXAMPLE)  # finding paths are relative to where the check ran
    try:
        marks = mark_all(findings, str(EXAMPLE), LineTexts(10_000_000))
    finally:
        os.chdir(cwd)
    return findings, marks


def test_sarif_is_valid_sarif_2_1_0_with_rule_metadata(checked):
    findings, marks = checked
    log = json.loads(formats.sarif(findings, marks))
    jsonschema.validate(log, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
    run = log["runs"][0]
    assert len(run["results"]) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert result["partialFingerprints"]["diracmod/v1"]
        assert (EXAMPLE / result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).is_file()
    py3k = [r for r in rules if r["properties"]["checker"] == "py3k"]
    assert py3k and all(r["help"]["text"] and "fixable" in r["properties"] for r in py3k)
    assert len({r["id"] for r in rules}) == len(rules)


def test_sarif_with_no_findings_is_still_valid():
    jsonschema.validate(json.loads(formats.sarif([], [])), json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))


def test_junit_validates_against_jenkins_schema(checked):
    findings, marks = checked
    schema = xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))
    report = formats.junit(findings, marks)
    schema.validate(report)
    root = ElementTree.fromstring(report.encode())
    assert len(root.findall(".//failure")) == len(findings) == int(root.get("failures"))
    schema.validate(formats.junit([], []))  # a clean run: one passing test case
    assert ElementTree.fromstring(formats.junit([], []).encode()).get("failures") == "0"


def test_gitlab_code_quality_structure_and_unique_fingerprints(checked):
    findings, marks = checked
    issues = json.loads(formats.gitlab(findings, marks))
    assert len(issues) == len(findings)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:  # the keys GitLab's Code Quality widget requires
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert (EXAMPLE / issue["location"]["path"]).is_file()
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1


def test_gitlab_fingerprints_unique_for_identical_findings_on_one_line(tmp_path, monkeypatch):
    source = tmp_path / "m.py"
    source.write_text("x = {1:2, 3:4}\n")
    findings = [Finding("m.py", 1, col, "E231", "E231", "missing whitespace after ':'", "pycodestyle", "convention")
                for col in (6, 11)]
    monkeypatch.chdir(tmp_path)
    marks = mark_all(findings, str(tmp_path), LineTexts(1000))
    assert len({i["fingerprint"] for i in json.loads(formats.gitlab(findings, marks))}) == 2


def _annotation(message, path="a,b:c%.py"):
    finding = Finding(path, 3, 4, "W1601", "apply-builtin", message, "py3k", "warning")
    return formats.github([finding], [Mark(path, "f" * 20, "")])


def test_github_annotation_escapes_as_the_toolkit_does():
    line = _annotation("50% of\r\nlines: a, b")
    # actions/toolkit command.ts: data escapes % \r \n; properties also : and ,
    assert line == "::warning file=a%2Cb%3Ac%25.py,line=3,col=5,title=W1601(apply-builtin)::50%25 of%0D%0Alines: a, b\n"
    assert line.count("\n") == 1


def test_step_summary_written_only_when_github_asks(tmp_path, monkeypatch):
    finding = Finding("m.py", 1, 0, "W1601", "apply-builtin", "apply built-in referenced", "py3k", "warning",
                      fixable=True)
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    assert formats.append_step_summary(formats.step_summary([finding], known=3, fixed=1))
    text = target.read_text()
    assert text.startswith("earlier step\n")  # appended: other steps' summaries stay
    assert "1 new finding" in text and "| `W1601` apply-builtin | 1 | yes |" in text and "1 fixed" in text
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    assert not formats.append_step_summary("x")


def _run_check(cwd, *args, env=None):
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "-q", "--no-cache", *args], cwd=cwd,
                          capture_output=True, timeout=120, env=env)
    assert b"Traceback" not in done.stderr, done.stderr
    return done


def test_odd_file_names_keep_every_format_valid(tmp_path):
    for name in (b"bad\xff.py", b"a\x01\x1b[31m.py", b"x <&\"]]>.py"):
        (tmp_path / os.fsdecode(name)).write_bytes(b"import os\n")
    done = _run_check(tmp_path, "--format", "sarif:o.sarif", "--format", "junit:o.xml", "--format", "gitlab:o.gl")
    assert done.returncode == 1
    log = json.loads((tmp_path / "o.sarif").read_text())
    jsonschema.validate(log, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "bad%FF.py" in uris and "a%01%1B%5B31m.py" in uris
    ElementTree.parse(tmp_path / "o.xml")  # well-formed despite control characters and undecodable bytes
    assert len(json.loads((tmp_path / "o.gl").read_text())) == 3


def test_two_formats_into_one_file_is_a_usage_error(tmp_path):
    (tmp_path / "a.py").write_text("import os\n")
    done = _run_check(tmp_path, "--format", "sarif:x.out", "--format", "junit:./x.out", "a.py")
    assert done.returncode == 2 and b"same file" in done.stderr and not (tmp_path / "x.out").exists()


@pytest.mark.parametrize("kind", ["checked file", "fifo", "missing dir", "directory"])
def test_an_unusable_step_summary_is_a_warning_and_nothing_else(tmp_path, kind):
    (tmp_path / "a.py").write_text("import os\n")
    target = {"checked file": tmp_path / "a.py", "fifo": tmp_path / "fifo", "missing dir": tmp_path / "no" / "s.md",
              "directory": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    done = _run_check(tmp_path, "--format", "github", "a.py", env={**os.environ, "GITHUB_STEP_SUMMARY": str(target)})
    assert done.returncode == 1 and b"step summary not written" in done.stderr
    assert (tmp_path / "a.py").read_text() == "import os\n"
