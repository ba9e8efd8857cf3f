"""Real py2 corpora's own test suites, run under python2.7 or Python 3 with per-test results (stdlib only).

Used to show that `diracmod fix` keeps Python 2 behaviour: the set of tests passing under python2.7 must not
shrink (tests/fix/test_fix_suites.py), and how many then pass on Python 3 (bench/fix_suites.py). `diracmod tests`
runs the same suites from each corpus's [tool.diracmod.tests] below (bench/runs_on_py3.py).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import six

from bench import corpora


@dataclass(frozen=True)
class Suite:
    corpus: str
    py2: tuple  # the command after the interpreter, run in the project root, unittest -v style output
    py3: tuple  # the same suite under Python 3 (a runner that still works there)
    py2_requirements: tuple = ()  # python2.7 packages the runner needs (installed once into .corpora)
    tests: int = 0  # what python2.7 reports on the untouched sdist (CORPORA.md): a sanity check of the harness
    passing: int = 0
    # `diracmod tests`: its [tool.diracmod.tests] table for this corpus, and [tool.diracmod] exclude (code that
    # is not the project's: a bundled copy of unittest, examples) for its module map
    settings: tuple = ()
    exclude: tuple = ()
    # [tool.diracmod.fix] as the project would set it: every `diracmod fix` of this corpus runs with it (fix_settings)
    fix: tuple = ()
    setup_cfg: str = ""  # the runners' own settings, written to root/setup.cfg by configure_tests


# web.py's own doctest suite: its repository's test/doctests.py (not in the sdist) runs the doctests of these
# modules with web.test.doctest_suite (web.webapi and web.wsgi are commented out there); nose's and pytest's
# doctest plugins collect the same examples, a test per docstring (111 on python2.7, all passing).
_WEBPY_DOCTESTS = tuple(f"web/{module}.py" for module in
                        ("application", "db", "form", "http", "net", "session", "template", "utils"))

SUITES = {
    "BeautifulSoup": Suite("BeautifulSoup", ("BeautifulSoupTests.py", "-v"), ("BeautifulSoupTests.py", "-v"),
                           tests=68, passing=68, settings=(("paths", ["BeautifulSoupTests.py"]),)),
    # 540 tests: 2 failures (pullparser on 2.7.18's HTMLParser), 37 functional tests skipped (no twisted.web2).
    # `diracmod tests` discovers test/ with the standard unittest (test.py's bundled one in test-tools/ adds the
    # fixtures some tests need, and its doctests): 501 tests, 450 pass on python2.7.
    "mechanize": Suite("mechanize", ("test.py", "-v"), ("test.py", "-v"), tests=540, passing=501,
                       settings=(("paths", ["test"]), ("pythonpath", ["test"])), exclude=("test-tools", "examples")),
    # nose-style tests: nose on python2.7; nose 1.3.7 no longer imports on Python 3.10+, pytest collects them
    # there. test_paste_website fetches a page from the internet: never run. Three tests assert the line numbers
    # of their own functions in a traceback (test_cgitb_catcher's test_start_res and test_after_start,
    # test_error_middleware's test_start_res): a project like that keeps them with keep-line-numbers.
    "Paste": Suite("Paste", ("-m", "nose", "-v", "--exclude=test_paste_website", "tests"),
                   ("-m", "pytest", "-v", "-p", "no:cacheprovider", "--continue-on-collection-errors",
                    "-k", "not test_paste_website", "tests"),
                   py2_requirements=("nose==1.3.7",), tests=134, passing=125,
                   settings=(("paths", ["tests"]), ("python2-runner", "nose"), ("python3-runner", "pytest")),
                   fix=(("keep-line-numbers", True),)),
    # tests/ is mostly scripts that call live SOAP services (axis1, axis2, jasper, public, rhq); builtin.py is its
    # offline unittest module (XSD dates, times and their timezones)
    "suds": Suite("suds", ("-m", "unittest", "-v", "tests.builtin"), ("-m", "unittest", "-v", "tests.builtin"),
                  tests=39, passing=39, settings=(("paths", ["tests/builtin.py"]),)),
    "web.py": Suite("web.py", ("-m", "nose", "-v", "--with-doctest", *_WEBPY_DOCTESTS),
                    ("-m", "pytest", "-v", "-p", "no:cacheprovider", "--continue-on-collection-errors",
                     "--doctest-modules", *_WEBPY_DOCTESTS),
                    py2_requirements=("nose==1.3.7",), tests=111, passing=111,
                    settings=(("paths", list(_WEBPY_DOCTESTS)), ("python2-runner", "nose"),
                              ("python3-runner", "pytest")),
                    setup_cfg="[nosetests]\nwith-doctest = 1\n\n[tool:pytest]\naddopts = --doctest-modules\n"),
}

# `name ... outcome` (unittest and nose -v on stderr); `path::name OUTCOME` (pytest -v on stdout). A test that
# prints leaves its outcome alone on a later line.
_UNITTEST = re.compile(r"^(?P<test>\S.*?) \.\.\. (?P<rest>.*)$")
_PYTEST = re.compile(r"^(?P<test>\S+::\S+) (?P<outcome>PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b")
_OUTCOMES = ("ok", "FAIL", "ERROR", "skipped", "expected failure", "unexpected success")
_PASSED = ("ok", "PASSED")


def outcomes(output: str) -> list:
    """[(test, outcome)] in the order the runner reported them."""
    found, pending = [], None
    for line in output.splitlines():
        match = _PYTEST.match(line)
        if match:
            found.append((match["test"], match["outcome"]))
            continue
        match = _UNITTEST.match(line)
        text = match["rest"] if match else line.strip()
        outcome = next((o for o in _OUTCOMES if text == o or text.startswith(o + " ")), None)
        if match and outcome is None:
            pending = match["test"]  # its output came first
        elif outcome and (match or pending):
            found.append((match["test"] if match else pending, outcome))
            pending = None
    return found


@dataclass
class SuiteRun:
    code: int
    outcomes: list
    tail: str  # the end of the output, to show when something is wrong

    @property
    def passed(self) -> Counter:
        """Passing tests as a multiset (a runner may report one name twice)."""
        return Counter(test for test, outcome in self.outcomes if outcome in _PASSED)


def py27_packages(requirements) -> Path:
    """A directory with `requirements` installed for python2.7 (its pip, once; cached in .corpora)."""
    target = corpora.CACHE / "py27-packages" / "-".join(sorted(requirements))
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".install-"))
        pip = subprocess.run([corpora._require_py27(), "-m", "pip", "install", "--quiet", "--target", str(tmp),
                              *requirements], capture_output=True, text=True)
        if pip.returncode:
            shutil.rmtree(tmp)
            raise RuntimeError(f"python2.7 -m pip install {' '.join(requirements)} failed:\n{pip.stderr[-2000:]}")
        try:
            os.rename(tmp, target)
        except OSError:  # another process installed it first
            shutil.rmtree(tmp)
    return target


def six_dir(workdir: Path) -> Path:
    """A directory holding only six.py (this interpreter's): the fixed code imports six, python2.7 has none."""
    directory = Path(workdir) / "six"
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(six.__file__, directory / "six.py")
    return directory


def run_suite(suite: Suite, root: Path, python3: bool = False, timeout: int = 600) -> SuiteRun:
    """Run the suite in project root under python2.7 (six and the runner's packages on its path) or Python 3."""
    paths = [six_dir(Path(root).parent / ".suite-tools")]
    if python3:
        command = [sys.executable, *suite.py3]
    else:
        command = [corpora._require_py27(), *suite.py2]
        if suite.py2_requirements:
            paths.append(py27_packages(suite.py2_requirements))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join(map(str, paths))
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # the tree stays as the fix left it
    proc = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, errors="replace",
                          timeout=timeout, stdin=subprocess.DEVNULL)
    # a test named after a file (nose's doctests) carries the root: the same test wherever the copy is
    output = (proc.stderr + "\n" + proc.stdout).replace(str(root), "<root>")
    return SuiteRun(proc.returncode, outcomes(output), output[-3000:])


@contextlib.contextmanager
def fix_settings(name: str, root: Path):
    """While `diracmod fix` runs in project root: root/pyproject.toml with corpus `name`'s [tool.diracmod.fix]
    (none of the sdists has a pyproject.toml), removed after, so that the tree holds only what the fix wrote."""
    fix = SUITES[name].fix if name in SUITES else ()
    pyproject = Path(root) / "pyproject.toml"
    if fix:
        assert not pyproject.exists(), pyproject
        pyproject.write_text("[tool.diracmod.fix]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in fix))
    try:
        yield
    finally:
        if fix:
            pyproject.unlink()


def configure_tests(suite: Suite, root: Path) -> None:
    """Write the corpus's settings for `diracmod tests` into root/pyproject.toml (none of the sdists has one),
    and its runners' into root/setup.cfg: python2.7 gets six.py and the runner's packages on its path, Python 3
    is this interpreter (six, pytest)."""
    python2_path = [str(six_dir(Path(root).parent / ".suite-tools"))]
    if suite.py2_requirements:
        python2_path.append(str(py27_packages(suite.py2_requirements)))
    table = {**dict(suite.settings), "python2": corpora._require_py27(), "python3": sys.executable,
             "python2-pythonpath": python2_path}
    pyproject = Path(root) / "pyproject.toml"
    assert not pyproject.exists(), pyproject
    lines = [f"[tool.diracmod]\nexclude = {json.dumps(list(suite.exclude))}\n[tool.diracmod.tests]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in table.items()]  # JSON strings and lists are TOML
    pyproject.write_text("\n".join(lines) + "\n")
    if suite.setup_cfg:
        setup_cfg = Path(root) / "setup.cfg"
        assert not setup_cfg.exists(), setup_cfg
        setup_cfg.write_text(suite.setup_cfg)
