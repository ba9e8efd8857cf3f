"""The py3k catalogue (rules/py3k.toml) checked against the real thing: pylint 1.9.5 --py3k on python2.7.

Every `bad` example must be flagged by pylint with its rule's symbol on exactly the listed lines, every
`good` example must not be flagged with it. Examples marked `pylint = false` document a deliberate
difference (diracmod is right where pylint is not): for them the test checks that pylint really does
disagree, so a stale mark cannot survive. Ids, symbols, message texts and severities must be pylint's.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "rules" / "py3k.toml"
ORACLE_DIR = REPO / ".oracle" / "py27"
# The install recipe from CORPORA.md: the last pylint/astroid with --py3k that run on python2.7.
ORACLE_REQUIREMENTS = [
    "pylint==1.9.5", "astroid==1.6.6", "mccabe<0.7", "isort<5", "lazy-object-proxy<1.7", "wrapt<1.13",
    "six", "enum34", "singledispatch", "backports.functools_lru_cache", "configparser<5", "futures",
]
# pylint reports these once per module name per *process*: each example runs in its own pylint.
ONCE_PER_PROCESS = {"bad-python3-import"}
SEVERITY = {"E": "error", "W": "warning", "C": "convention", "R": "refactor", "F": "fatal"}


# ------------------------------------------------------------------------------------------ helpers

def _is_python27(executable) -> bool:
    if not executable or not os.path.isfile(str(executable)) or not os.access(str(executable), os.X_OK):
        return False
    try:
        out = subprocess.run([str(executable), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and out.stdout.strip() == "2.7"


def find_python27():
    """DIRACMOD_PY27, else pyenv's 2.7.18, else python2.7 / python2 on PATH."""
    candidates = [
        os.environ.get("DIRACMOD_PY27"),
        Path.home() / ".pyenv" / "versions" / "2.7.18" / "bin" / "python",
        shutil.which("python2.7"),
        shutil.which("python2"),
    ]
    for candidate in candidates:
        if _is_python27(candidate):
            return str(candidate)
    return None


@contextlib.contextmanager
def _install_lock(path: Path):
    """Serialise the oracle install between pytest-xdist workers (POSIX only; elsewhere no lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _oracle_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ORACLE_DIR)
    env.pop("PYTHONHOME", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def load_catalogue() -> list:
    with open(CATALOGUE, "rb") as handle:
        return tomllib.load(handle)["rule"]


def _module_name(rule: dict, kind: str, index: int) -> str:
    return "%s_%s_%d" % (rule["id"].lower(), kind, index)


# ------------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="session")
def pylint_oracle():
    """(python2.7, ORACLE_DIR) with pylint 1.9.5 importable; installs it into .oracle/py27 if missing."""
    python27 = find_python27()
    if python27 is None:
        pytest.skip("python2.7 not found (set DIRACMOD_PY27, or install ~/.pyenv/versions/2.7.18)")
    with _install_lock(ORACLE_DIR.parent / ".py27-install.lock"):
        if not (ORACLE_DIR / "pylint" / "__init__.py").is_file():
            result = subprocess.run(
                [python27, "-m", "pip", "install", "--disable-pip-version-check", "--target", str(ORACLE_DIR)]
                + ORACLE_REQUIREMENTS,
                capture_output=True, text=True,
            )
            assert result.returncode == 0, "installing the pylint oracle failed:\n" + result.stdout + result.stderr
    version = subprocess.run([python27, "-c", "import pylint.__pkginfo__ as p; print(p.version)"],
                             capture_output=True, text=True, env=_oracle_env())
    assert version.stdout.strip() == "1.9.5", "oracle is not pylint 1.9.5: %r %r" % (version.stdout, version.stderr)
    return python27


def _pylint_command(python27, files):
    return [python27, "-m", "pylint", "--py3k", "--enable=syntax-error", "--output-format=json",
            "--rcfile=/dev/null", "--persistent=n"] + list(files)


def run_pylint_batches(python27, workdir: Path, batches) -> dict:
    """Run one pylint process per batch of file names (concurrently); {file name: [messages]}."""
    processes = []
    for files in batches:
        processes.append((files, subprocess.Popen(
            _pylint_command(python27, files), cwd=str(workdir), env=_oracle_env(),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )))
    messages = {}
    for files, process in processes:
        stdout, stderr = process.communicate(timeout=600)
        # pylint's exit status is a bit mask: 1 fatal, 32 usage error; 2/4/8/16 just mean messages.
        assert process.returncode & (1 | 32) == 0, (
            "pylint failed (exit %d) on %s:\n%s\n%s" % (process.returncode, files, stdout[-2000:], stderr[-4000:]))
        for message in json.loads(stdout) if stdout.strip() else []:
            messages.setdefault(os.path.basename(message["path"]), []).append(message)
    return messages


# ------------------------------------------------------------------------------------------ tests

@pytest.mark.oracle
def test_catalogue_messages_are_pylints(pylint_oracle):
    """Same 72 ids, symbols, message texts and severities as pylint 1.9.5's python3 checker."""
    dump = subprocess.run(
        [pylint_oracle, "-c",
         "import json\n"
         "from pylint.checkers.python3 import Python3Checker, Python3TokenChecker\n"
         "msgs = dict(Python3Checker.msgs)\n"
         "msgs.update(Python3TokenChecker.msgs)\n"
         "print(json.dumps(dict((k, [v[0], v[1]]) for k, v in msgs.items())))\n"],
        capture_output=True, text=True, env=_oracle_env(),
    )
    assert dump.returncode == 0, dump.stderr
    pylint_msgs = json.loads(dump.stdout)
    rules = {rule["id"]: rule for rule in load_catalogue()}

    problems = []
    for msgid in sorted(set(pylint_msgs) - set(rules)):
        problems.append("%s (%s) is missing from py3k.toml" % (msgid, pylint_msgs[msgid][1]))
    for msgid in sorted(set(rules) - set(pylint_msgs)):
        problems.append("%s is not a pylint python3 message" % msgid)
    for msgid in sorted(set(rules) & set(pylint_msgs)):
        text, symbol = pylint_msgs[msgid]
        rule = rules[msgid]
        if rule["symbol"] != symbol:
            problems.append("%s: symbol %r, pylint says %r" % (msgid, rule["symbol"], symbol))
        if rule["message"] != text:
            problems.append("%s: message %r, pylint says %r" % (msgid, rule["message"], text))
        if rule["severity"] != SEVERITY[msgid[0]]:
            problems.append("%s: severity %r, pylint says %r" % (msgid, rule["severity"], SEVERITY[msgid[0]]))
        if rule["checker"] != "py3k":
            problems.append("%s: checker %r, expected 'py3k'" % (msgid, rule["checker"]))
    assert not problems, "py3k.toml differs from pylint's messages:\n  " + "\n  ".join(problems)


@pytest.mark.oracle
def test_catalogue_examples_agree_with_pylint(pylint_oracle, tmp_path):
    rules = load_catalogue()
    problems = []
    examples = []  # (rule, kind, index, example, file name)
    batches, shared = [], []
    for rule in rules:
        if not rule.get("bad") or not rule.get("good"):
            problems.append("%s %s: needs at least one bad and one good example" % (rule["id"], rule["symbol"]))
        for kind in ("bad", "good"):
            for index, example in enumerate(rule.get(kind, ())):
                name = _module_name(rule, kind, index) + ".py"
                (tmp_path / name).write_text(example["code"], encoding="utf-8")
                examples.append((rule, kind, index, example, name))
                if rule["symbol"] in ONCE_PER_PROCESS:
                    batches.append([name])
                else:
                    shared.append(name)
    batches.append(shared)
    messages = run_pylint_batches(pylint_oracle, tmp_path, batches)

    for rule, kind, index, example, name in examples:
        where = "%s %s %s[%d]" % (rule["id"], rule["symbol"], kind, index)
        found = messages.get(name, [])
        syntax = [m for m in found if m["symbol"] == "syntax-error"]
        if syntax:
            problems.append("%s: Python 2.7 cannot parse it: %s" % (where, syntax[0]["message"]))
            continue
        if kind == "good":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    compile(example["code"], name, "exec", dont_inherit=True)
                except SyntaxError as exc:
                    problems.append("%s: a good example must be hybrid, Python 3 cannot parse it: %s" % (where, exc))
        flagged = sorted({m["line"] for m in found if m["symbol"] == rule["symbol"]})
        agrees_with_pylint = example.get("pylint", True)
        if not agrees_with_pylint and not example.get("note"):
            problems.append("%s: `pylint = false` needs a `note` saying why" % where)
        if kind == "bad":
            expected = sorted(set(example.get("lines", ())))
            if not expected:
                problems.append("%s: a bad example needs `lines`" % where)
                continue
            if agrees_with_pylint and flagged != expected:
                problems.append("%s: pylint flags lines %s, catalogue says %s" % (where, flagged, expected))
            elif not agrees_with_pylint and flagged == expected:
                problems.append("%s: marked `pylint = false` but pylint agrees (lines %s): drop the mark"
                                % (where, flagged))
        else:
            if agrees_with_pylint and flagged:
                problems.append("%s: pylint flags it on lines %s" % (where, flagged))
            elif not agrees_with_pylint and not flagged:
                problems.append("%s: marked `pylint = false` but pylint does not flag it: drop the mark" % where)

    assert not problems, "%d catalogue example(s) disagree with pylint 1.9.5 --py3k:\n  %s" % (
        len(problems), "\n  ".join(problems))


@pytest.mark.oracle
def test_split_rules_are_pylints_rule_to_pylint(pylint_oracle, tmp_path):
    """A DM rule split off a pylint rule (`pylint = "W1619"`: the shapes fix leaves) is pylint's rule: pylint flags
    each of its bad examples with that rule's symbol on exactly the listed lines, so the agreement with pylint
    counts it as pylint's (bench/differential.py maps it back)."""
    with open(REPO / "rules" / "diracmod.toml", "rb") as handle:
        split = [rule for rule in tomllib.load(handle)["rule"] if rule.get("pylint")]
    symbols = {rule["id"]: rule["symbol"] for rule in load_catalogue()}
    examples, batches = [], []
    for rule in split:
        for index, example in enumerate(rule["bad"]):
            name = _module_name(rule, "bad", index) + ".py"
            (tmp_path / name).write_text(example["code"], encoding="utf-8")
            examples.append((rule, index, example, name))
            batches.append(name)
    messages = run_pylint_batches(pylint_oracle, tmp_path, [batches])
    problems = []
    for rule, index, example, name in examples:
        pylint_symbol = symbols[rule["pylint"]]
        flagged = sorted({m["line"] for m in messages.get(name, []) if m["symbol"] == pylint_symbol})
        agrees = flagged == sorted(example["lines"])
        if example.get("pylint", True) != agrees:  # `pylint = false`: a deliberate difference, with its note
            problems.append("%s %s bad[%d]: pylint flags %s on lines %s, catalogue says %s%s"
                            % (rule["id"], rule["symbol"], index, pylint_symbol, flagged, example["lines"],
                               "" if agrees is False else " (marked `pylint = false`: drop the mark)"))
    assert split and not problems, "\n  ".join(problems)
