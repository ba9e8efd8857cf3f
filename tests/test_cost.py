"""What a run costs: memory that does not grow with the findings, no work the selection excludes, a light
start-up. (Timings against pycodestyle and pylint: bench/cost_bench.py.)"""
import json
import subprocess
import sys

import pytest

from diracmod.check import engine
from diracmod.check.selection import Selection
from diracmod.rules.walker import Walker

TIMEOUT = 300


def _check(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


def test_json_report_is_what_json_dumps_writes_sorted(tmp_path):
    (tmp_path / "b.py").write_text("# -*- coding: utf-8 -*-\nx = u'é' + unicode(1)  \nprint x\n", "utf-8")
    (tmp_path / "a.py").write_text("import os\nclass A:\n    def f(self):\n        return os.getcwdu()\n")
    (tmp_path / "a_b.py").write_text("x = 1\n")  # sorts between a.py and b.py by path, not by directory walk
    out = _check("--format", "json", ".", cwd=tmp_path)
    findings = json.loads(out)
    assert out == json.dumps(findings, indent=2, ensure_ascii=False) + "\n"
    keys = [(f["path"], f["line"], f["column"], f["message-id"], f["message"]) for f in findings]
    assert keys == sorted(keys) and {f["path"] for f in findings} == {"a.py", "b.py"}
    assert _check("--format", "json", "a_b.py", cwd=tmp_path) == "[]\n"


def _max_rss_mb(args, cwd) -> float:
    """Peak RSS of one `check` run (-j 1: checked in the main process), as the kernel counts it."""
    script = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
              "check=False, timeout=%d); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)" % TIMEOUT)
    out = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "diracmod", "check", "--no-cache",
                          "-j", "1", *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT + 10)
    return int(out.stdout) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB: Linux")
def test_memory_does_not_grow_with_the_findings(tmp_path):
    # 20,000 findings of ~300 bytes of JSON each: held as objects (~3 KB each), that was ~60 MB more.
    # Measured (tracemalloc, under load): ~210 B held per finding (the tuple, its ints; codes and messages
    # interned), plus the JSON text built as one string (~2 transient copies of its 6 MB): many - few ~16.5 MB;
    # 18.6-19.7 MB (max RSS, three runs) since each finding's JSON has a split-from key, hence the bound of 24
    line = "x = 1  # " + "a" * 80 + "\n"
    for number in range(20):
        (tmp_path / f"m{number:02}.py").write_text(line * 1000)
    few = _max_rss_mb(["--format", "json", "--select", "E501", "m00.py"], tmp_path)
    many = _max_rss_mb(["--format", "json", "--select", "E501", "."], tmp_path)
    assert few > 10 and many - few < 24, (few, many)


def test_work_the_selection_excludes_does_not_run(tmp_path, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("ran although the selection excludes it")

    assert Selection(["pycodestyle"]).checkers() == {"pycodestyle"}
    monkeypatch.setattr(Walker, "run", forbidden)  # the py3k rules' walk, with its scopes
    path = tmp_path / "a.py"
    path.write_text("print 'x'\n\ndef f( x ):\n    return unicode(x)\n")
    plan = engine.Plan(frozenset({"pycodestyle"}))
    assert {f.msg_id for f in engine.check_file(str(path), plan).findings} == {"E201", "E202", "E302"}


@pytest.mark.parametrize("code, expected", [
    ("x = (1,\n", {("DM003", "syntax-error"), ("E901", "tokenize-error")}),  # neither Python: ours and pycodestyle's
    ("x = f'{y}'\n", {("DM001", "python2-syntax-error")}),  # Python 3 only
    ("try:\n    True\nexcept NameError:\n    True = 1\n", {("DM002", "python3-syntax-error")}),  # Python 2 only
    ("x = " + "(" * 120 + ")" * 120 + "\n", {("DM001", "python2-syntax-error"), ("E501", "maximum-line-length")}),
])
def test_syntax_is_checked_under_both_pythons_whatever_the_selection(tmp_path, code, expected):
    """`--select pycodestyle` still parses every file as both Pythons read it (as ruff reports syntax errors
    whatever its selection): a file either Python cannot parse is never a silent pass. pycodestyle's own E901
    (a file its tokenizer gives up on) is reported as pycodestyle reports it."""
    path = tmp_path / "a.py"
    path.write_text(code)
    found = engine.check_file(str(path), engine.Plan(frozenset({"pycodestyle"}))).findings
    assert {(f.msg_id, f.symbol) for f in found} == expected


def test_check_loads_neither_the_fixers_nor_the_report_machinery(tmp_path):
    """Measured imports: libcst.codemod ~0.45 s, networkx + jinja2 + the deps stack ~0.25 s. `check` (and every
    other command) must not pay for `fix` or `report`: those two load them when they run (rich, ~0.1 s, is
    at the top of the modules that print with it)."""
    (tmp_path / "a.py").write_text("x = 1\n")
    script = ("import sys; from diracmod.cli import main; main(['check', '-q', '--no-cache', '--select', 'py3k', "
              "'a.py']); print(' '.join(sorted(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          timeout=TIMEOUT)
    modules = set(proc.stdout.split())
    assert "diracmod.check.engine" in modules, proc.stderr
    assert "libcst" not in modules and "diracmod.rules.fixers" not in modules  # only `fix` needs them
    assert "networkx" not in modules and "diracmod.report.pipeline" not in modules  # the report's machinery
