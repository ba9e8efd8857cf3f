"""The baseline matches as a person expects (Done-when 1 of issue 9), on real git repositories the tests build."""
import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from diracmod.check.cache import LineMemo, ResultCache
from diracmod.core.finding import Finding
from diracmod.gate.fingerprint import LineTexts, mark_all

TIMEOUT = 120
SOURCE = """\
SEP = "/"


def report(jobs):
    print jobs
    return jobs.has_key(SEP)
"""


def _run(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _check(cwd, *args):
    done = _run(cwd, "check", "--format", "json", "--no-cache", *args)
    return done.returncode, json.loads(done.stdout or "[]"), done.stderr


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=cwd, check=True,
                   capture_output=True, timeout=TIMEOUT)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\n')
    (tmp_path / "jobs.py").write_text(SOURCE)
    if shutil.which("git"):
        _git(tmp_path, "init", "-q")
        _git(tmp_path, "add", "-A")
        _git(tmp_path, "commit", "-qm", "legacy")
    code, findings, _ = _check(tmp_path)
    assert code == 1 and {f["symbol"] for f in findings} == {"print-statement", "dict-has-key"}
    assert _run(tmp_path, "baseline", "create").returncode == 0
    return tmp_path


def test_baseline_is_sorted_one_finding_per_line_without_line_numbers(project):
    text = (project / "diracmod-baseline.json").read_text()
    entries = json.loads(text)["findings"]
    assert entries == sorted(entries, key=lambda e: tuple(e.values()))
    assert all(f'"fingerprint": "{e["fingerprint"]}"' in line for e, line in
               zip(entries, [line for line in text.splitlines() if '"path"' in line]))
    assert not any("line" in e for e in entries)
    assert _check(project)[:2] == (0, [])


def test_lines_inserted_above_keep_the_findings_known(project):
    edited = SOURCE.replace("    print jobs", "    # why\n    print jobs")
    (project / "jobs.py").write_text('"""Jobs."""\n# a comment\n\n' + edited)
    code, findings, err = _check(project)
    assert (code, findings) == (0, []), err
    assert "2 known from diracmod-baseline.json" in _run(project, "check", "--no-cache").stderr


@pytest.mark.skipif(not shutil.which("git"), reason="rename detection needs git")
@pytest.mark.parametrize("committed", [False, True])
def test_file_renamed_with_git_mv_keeps_its_findings(project, committed):
    (project / "pkg").mkdir()
    _git(project, "mv", "jobs.py", "pkg/jobmanager.py")
    if committed:
        _git(project, "commit", "-qm", "move")
    code, findings, err = _check(project)
    assert (code, findings) == (0, []), err
    assert "fixed since the baseline" not in err
    assert _run(project, "baseline", "update").returncode == 0
    assert {e["path"] for e in json.loads((project / "diracmod-baseline.json").read_text())["findings"]} == \
        {"pkg/jobmanager.py"}


def test_without_git_a_renamed_file_is_new_code(project):
    shutil.rmtree(project / ".git", ignore_errors=True)
    (project / "jobs.py").rename(project / "moved.py")
    code, findings, err = _check(project)
    assert code == 1 and len(findings) == 2 and "2 finding(s) fixed since the baseline" in err


def test_a_duplicated_line_is_one_new_finding(project):
    (project / "jobs.py").write_text(SOURCE.replace("    print jobs\n", "    print jobs\n    print jobs\n"))
    code, findings, _ = _check(project)
    assert code == 1 and [(f["symbol"], f["line"]) for f in findings] == [("print-statement", 6)]  # the later copy


def test_two_identical_findings_in_one_scope_are_counted(project):
    twice = SOURCE.replace("    print jobs\n", "    print jobs\n    print jobs\n")
    (project / "jobs.py").write_text(twice)
    assert _run(project, "baseline", "create").returncode == 0
    (project / "jobs.py").write_text(SOURCE)  # one of the two removed
    code, findings, err = _check(project)
    assert (code, findings) == (0, []) and "1 finding(s) fixed since the baseline" in err
    assert "diracmod baseline update" in err
    (project / "jobs.py").write_text(twice.replace("print jobs\n", "print jobs\n    print jobs\n", 1))
    assert len(_check(project)[1]) == 1  # a third copy: one new
    (project / "jobs.py").write_text(SOURCE)
    assert _run(project, "baseline", "update").returncode == 0
    assert len(json.loads((project / "diracmod-baseline.json").read_text())["findings"]) == 2


def test_update_adds_new_findings_only_with_add(project):
    (project / "extra.py").write_text("print 1\n")
    assert _run(project, "baseline", "update").returncode == 0
    assert _check(project)[0] == 1
    assert _run(project, "baseline", "update", "--add").returncode == 0
    assert _check(project)[:2] == (0, [])


@pytest.mark.parametrize("action", ["create", "update"])
def test_a_mistyped_path_is_an_exit_2_and_the_baseline_is_kept(project, action):
    before = (project / "diracmod-baseline.json").read_bytes()
    for paths in (["jobs.y"], ["jobs.py", "jobs.y"]):
        done = _run(project, "baseline", action, *paths)
        assert done.returncode == 2 and "jobs.y" in done.stderr and "left unchanged" in done.stderr, done.stderr
        assert (project / "diracmod-baseline.json").read_bytes() == before
    assert _check(project)[:2] == (0, [])


def test_an_unreadable_file_never_enters_the_baseline(project):
    (project / "gone.py").symlink_to(project / "nowhere.py")  # found by the walk, cannot be read
    done = _run(project, "baseline", "create")
    assert done.returncode == 0 and "1 unreadable" in done.stderr, done.stderr
    text = (project / "diracmod-baseline.json").read_text()
    assert "unreadable-file" not in text and "dict-has-key" in text
    code, findings, _ = _check(project)
    assert code == 1 and [f["symbol"] for f in findings] == ["unreadable-file"]


def test_baseline_help_gives_its_own_exit_codes():
    out = _run(".", "baseline", "--help").stdout
    assert "0  the baseline is written" in out and "no findings" not in out


def test_checking_a_subset_does_not_fix_the_rest(project):
    (project / "other.py").write_text("x = 1\n")
    code, findings, err = _check(project, "other.py")
    assert (code, findings) == (0, []) and "fixed" not in err


def test_no_baseline_and_a_damaged_baseline(project):
    assert len(_check(project, "--no-baseline")[1]) == 2
    (project / "diracmod-baseline.json").write_text("{not json")
    code, _, err = _check(project)
    assert code == 2 and "diracmod baseline create" in err
    assert _run(project, "check", "--baseline", "missing.json").returncode == 2


def test_baseline_location_is_configurable(project):
    (project / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\nbaseline = "ci/accepted.json"\n')
    (project / "ci").mkdir()
    assert _run(project, "baseline", "create").returncode == 0
    assert (project / "ci" / "accepted.json").is_file() and _check(project)[0] == 0


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "deep-json"])
def test_a_hostile_baseline_or_shard_is_an_exit_2_never_an_endless_read(tmp_path, kind):
    (tmp_path / "jobs.py").write_text(SOURCE)
    for name in ("diracmod-baseline.json", "shard.json"):
        target = tmp_path / name
        if kind == "dev-zero":
            target.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(target)
        else:
            target.write_text("[" * 100_000)
    code, findings, err = _check(tmp_path)
    assert code == 2 and findings == [] and "diracmod-baseline.json" in err and "baseline create" in err
    done = _run(tmp_path, "merge", "shard.json")
    assert done.returncode == 2 and "cannot be read as a shard" in done.stderr


def test_the_line_memo_gives_the_marks_a_fresh_read_gives(tmp_path):
    """Warm runs take the normalised lines from the result cache, stored beside the file's results under its
    content digest (check/cache.py LineMemo): the file is not read again. A file whose bytes changed after it was
    checked, with lines not known yet, is read again, and what it holds now is not stored under the digest of
    what was checked."""
    module = tmp_path / "m.py"
    module.write_text("x = unicode(1)\n\ndef f():\n    return  unicode(2)\n")
    findings = [Finding(str(module), line, 4, "W1612", "unicode-builtin", "", "py3k", "warning", obj)
                for line, obj in ((1, ""), (4, "f"))]
    fresh = mark_all(findings, str(tmp_path), LineTexts(10_000))
    digest = hashlib.sha256(module.read_bytes()).hexdigest()

    def memo(fingerprint="fp"):
        cache = ResultCache(tmp_path / "cache", fingerprint)
        if cache.get(digest, frozenset()) is None:
            cache.put(digest, frozenset(), [])
        return LineMemo(cache, {str(module): digest})

    first = memo()
    assert mark_all(findings, str(tmp_path), LineTexts(10_000, first)) == fresh
    first.save()
    checked = module.read_bytes()
    module.unlink()  # from the memo alone
    assert mark_all(findings, str(tmp_path), LineTexts(10_000, memo())) == fresh
    module.write_bytes(checked.replace(b"unicode(2)", b"unicode(3)"))  # same lines, other text, after the check
    stale = memo("other")
    changed = mark_all(findings, str(tmp_path), LineTexts(10_000, stale))
    assert changed == mark_all(findings, str(tmp_path), LineTexts(10_000)) and changed[1].code == "return unicode(3)"
    stale.save()
    assert ResultCache(tmp_path / "cache", "other").lines(digest) == {}
    [shard] = (tmp_path / "cache").glob("results-*-fp/*.json")
    shard.write_text(json.dumps({digest: {"checkers": [], "findings": [], "lines": {"1": 1}}}))  # not a text
    module.write_bytes(checked)
    assert mark_all(findings, str(tmp_path), LineTexts(10_000, memo())) == fresh


@pytest.mark.parametrize("entry", [
    '{"path": "m.py", "symbol": "s", "id": "W1612", "code": "x"}',  # a key missing
    '{"path": "m.py", "symbol": "s", "id": "W1612", "code": "x", "fingerprint": "f", "line": "1"}',  # one more
    '{"path": "m.py", "symbol": "s", "id": "W1612", "code": "x", "fingerprint": 7}',  # not a string
    '["m.py", "s", "W1612", "x", "f"]',  # not an object
])
def test_a_damaged_baseline_entry_is_a_clear_exit_2(tmp_path, entry):
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod]\n")
    (tmp_path / "m.py").write_text("x = unicode(1)\n")
    (tmp_path / "diracmod-baseline.json").write_text(f'{{"diracmod-baseline": 1, "findings": [{entry}]}}')
    code, _, err = _check(tmp_path)
    assert code == 2 and "each finding needs exactly the string keys code, fingerprint, id, path, symbol" in err


@pytest.mark.parametrize("outside", ["../victim.txt", "ABSOLUTE", "ci/../../victim.txt"])
def test_a_configured_baseline_outside_the_project_is_refused(project, outside):
    """A cloned project's pyproject.toml is untrusted: `baseline` must lie inside the project, like `ported`."""
    victim = project.parent / "victim.txt"
    victim.write_text("precious data")
    outside = str(victim) if outside == "ABSOLUTE" else outside
    (project / "pyproject.toml").write_text(f'[tool.diracmod]\nselect = ["py3k"]\nbaseline = "{outside}"\n')
    for args in (("baseline", "create"), ("check", "--no-cache")):
        done = _run(project, *args)
        assert done.returncode == 2 and "baseline: expected a path inside the project" in done.stderr, done.stderr
    assert victim.read_text() == "precious data"


def test_a_configured_baseline_linked_outside_the_project_is_refused(project):
    """tryout17 #5: the setting's text lies inside, a symbolic link there leads outside: `create --force` wrote
    through it; check read it. --baseline typed by the user may still name the link."""
    victim = project.parent / "victim.txt"
    victim.write_text("precious data")
    (project / "link.json").symlink_to(victim)
    (project / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\nbaseline = "link.json"\n')
    for args in (("baseline", "create", "--force"), ("check", "--no-cache"), ("fix",)):
        done = _run(project, *args)
        assert "precious" not in done.stderr + done.stdout, done.stderr
        if args[0] != "fix":
            assert done.returncode == 2 and "leads outside the project" in done.stderr, done.stderr
    assert victim.read_text() == "precious data"


def test_create_refuses_to_replace_a_file_that_is_no_baseline(project):
    victim = project.parent / "victim.txt"
    victim.write_text("precious data")
    done = _run(project, "baseline", "create", "--baseline", str(victim))  # typed by the user: may lie outside
    assert done.returncode == 2 and "--force" in done.stderr and "precious" not in done.stderr, done.stderr
    assert victim.read_text() == "precious data"
    code, _, err = _check(project, "--baseline", str(victim))  # no advice to recreate it without --force
    assert code == 2 and "precious" not in err and "--force" in err, err
    # tryout20 #8: --force replaces a damaged baseline, a *.json file (or an empty one), never victim.txt
    assert _run(project, "baseline", "create", "--baseline", str(victim), "--force").returncode == 2
    assert victim.read_text() == "precious data"
    victim = victim.rename(victim.with_suffix(".json"))
    assert _run(project, "baseline", "create", "--baseline", str(victim), "--force").returncode == 0
    assert json.loads(victim.read_text())["diracmod-baseline"] == 1
    assert _run(project, "baseline", "create", "--baseline", str(victim)).returncode == 0  # a baseline: replaced
    (project / "diracmod-baseline.json").write_text('{\n  "diracmod-baseline": 1,\n<<<<<<< HEAD\n')
    assert _run(project, "baseline", "create").returncode == 0  # a damaged baseline (a merge conflict) is one


@pytest.mark.parametrize("given", ["setting", "option"])
def test_a_baseline_error_names_the_setting_or_option_never_an_o(project, given):
    """tryout17 #6: a baseline naming a directory, or a file in a missing directory, was reported as `-o ...`, an
    option the user never gave, and a directory was told to `add --force` (which then failed: a directory)."""
    (project / "src").mkdir()
    (project / "src" / "lib.py").write_text("X = 1\n")
    for name, says in (("src", "that is a directory; name a file in it"),
                       ("sub/dir/b.json", "does not exist; create it first")):
        if given == "setting":
            (project / "pyproject.toml").write_text(f'[tool.diracmod]\nselect = ["py3k"]\nbaseline = "{name}"\n')
            args, named = (), "[tool.diracmod] baseline"
        else:
            args, named = ("--baseline", name), "--baseline"
        for force in ((), ("--force",)):
            done = _run(project, "baseline", "create", *args, *force)
            assert done.returncode == 2 and says in done.stderr, done.stderr
            assert f"diracmod: {named} " in done.stderr and "-o " not in done.stderr, done.stderr
            assert "--force" not in done.stderr, done.stderr
    assert (project / "src" / "lib.py").read_text() == "X = 1\n" and not (project / "sub").exists()


@pytest.mark.parametrize("given", ["setting", "option"])
def test_a_baseline_naming_a_checked_file_or_a_directory_says_so_without_o_or_force(project, given):
    """tryout18 #8: `create --force` with the baseline naming a checked source advised `-o reports/diracmod.txt`;
    check with the baseline naming a directory advised `baseline create --force`, which then refuses it."""
    (project / "src").mkdir()
    (project / "src" / "a.py").write_text('print "x"\n')
    named = "[tool.diracmod] baseline" if given == "setting" else "--baseline"

    def args(name):
        if given == "setting":
            (project / "pyproject.toml").write_text(f'[tool.diracmod]\nselect = ["py3k"]\nbaseline = "{name}"\n')
            return ()
        return ("--baseline", name)

    said = f"another file {'in' if given == 'setting' else 'with'} {named}"
    # tryout19 #11: without --force the first message advised "move the file away, or add --force", and --force
    # was then refused: the same message at once, naming what gave the path
    for force in ((), ("--force",)):
        done = _run(project, "baseline", "create", *force, *args("src/a.py"))
        assert done.returncode == 2 and "diracmod reads that file" in done.stderr, done.stderr
        assert done.stderr.startswith(f"diracmod: {named} "), done.stderr
        assert "-o " not in done.stderr and said in done.stderr and "--force" not in done.stderr, done.stderr
    assert (project / "src" / "a.py").read_text() == 'print "x"\n'
    code, _, err = _check(project, *args("src"))
    assert code == 2 and "that is a directory" in err and "--force" not in err, err


_NEVER_BASELINES = ["pyproject.toml", "setup.cfg", "tox.ini", ".pycodestyle", "requirements.txt",
                    "requirements-dev.txt", "jobs.py", "vendor/lib.py", "bin/tool", "new.py"]


@pytest.mark.parametrize("name", _NEVER_BASELINES)
@pytest.mark.parametrize("given", ["setting", "option"])
def test_a_settings_file_or_python_source_is_never_the_baseline_whatever_force_says(project, given, name):
    """tryout20 #8: `baseline create --baseline pyproject.toml` (setup.cfg, requirements.txt, an excluded vendor/lib.py)
    advised --force, and --force replaced the project's settings with the baseline JSON; update led to the same
    advice, and check (tryout20 #12) too. Refused by every command with one message, without --force advice: a
    settings or requirements file, a Python source by its name (excluded, a `#!` script, one not there yet)."""
    (project / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 120\n")
    (project / ".pycodestyle").write_text("[pycodestyle]\nmax-line-length = 120\n")
    (project / "tox.ini").write_text("[tox]\nenvlist = py27\n")
    (project / "requirements.txt").write_text("six\n")
    (project / "requirements-dev.txt").write_text("pytest\n")
    (project / "vendor").mkdir()
    (project / "vendor" / "lib.py").write_text('print "vendored"\n')
    (project / "bin").mkdir()
    (project / "bin" / "tool").write_text('#!/usr/bin/env python\nprint "tool"\n')
    settings = '[tool.diracmod]\nselect = ["py3k"]\nexclude = ["vendor"]\n'
    if given == "setting":
        (project / "pyproject.toml").write_text(settings + f'baseline = "{name}"\n')
        args, named, said = (), "[tool.diracmod] baseline", "another file in [tool.diracmod] baseline"
    else:
        (project / "pyproject.toml").write_text(settings)
        args, named, said = ("--baseline", name), "--baseline", "another file with --baseline"
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file() and ".git" not in path.parts}
    for command in (("baseline", "create"), ("baseline", "create", "--force"), ("baseline", "update"),
                    ("baseline", "update", "--add"), ("check", "--no-cache")):
        done = _run(project, *command, *args)
        assert done.returncode == 2 and "diracmod reads that file" in done.stderr, (command, done.stderr)
        assert done.stderr.startswith(f"diracmod: {named} ") and said in done.stderr, (command, done.stderr)
        assert "--force" not in done.stderr and "-o " not in done.stderr, (command, done.stderr)
        after = {path: path.read_bytes() for path in project.rglob("*") if path.is_file() and ".git" not in path.parts}
        assert after == before, command  # byte-identical, and nothing made (new.py)


def test_force_replaces_only_a_json_file_or_an_empty_one(project):
    """tryout20 #8: --force exists to replace a damaged baseline; a file neither named *.json nor empty is none,
    nor a *.json file holding well-formed JSON (tryout21 #7: package.json was replaced),
    and check, update and create say so alike, without the --force advice create would then refuse (#12)."""
    for name, text in (("accepted.dat", "precious data"), ("package.json", '{"name": "precious"}'),
                       # tryout23 #4: with a byte-order mark, comments (JSONC) or trailing commas, still another
                       # tool's JSON; a `//` or a comma inside a string is no comment nor trailing comma
                       ("bom.json", '\ufeff{"name": "precious"}'),
                       ("tsconfig.json", '// precious\n{"a": "http://x", /* b */ "b": [1, 2,],\n}\n'),
                       ("trail.json", '{"a": 1,}')):
        kept = project / name  # tryout21 #7: another tool's well-formed JSON is no damaged baseline either
        kept.write_text(text, encoding="utf-8")
        for command in (("baseline", "create"), ("baseline", "create", "--force"), ("baseline", "update"),
                        ("check", "--no-cache")):
            done = _run(project, *command, "--baseline", name)
            assert done.returncode == 2 and "--force or not" in done.stderr, (command, done.stderr)
            assert "--force` replaces" not in done.stderr and "add --force" not in done.stderr, (command, done.stderr)
        assert kept.read_text(encoding="utf-8") == text
    for name, text in (("empty.dat", ""), ("broken.json", "precious data"), ("cut.json", '{"a": "// x", ,}'),
                       ("open.json", '{"a": 1} /* cut')):
        (project / name).write_text(text)
        for command in (("baseline", "create"), ("check", "--no-cache")):  # the advice create then follows
            done = _run(project, *command, "--baseline", name)
            assert done.returncode == 2 and "`diracmod baseline create --force` replaces it" in done.stderr, done.stderr
        assert (project / name).read_text() == text
        assert _run(project, "baseline", "create", "--force", "--baseline", name).returncode == 0
        assert json.loads((project / name).read_text())["diracmod-baseline"] == 1


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no file can be made")
def test_a_baseline_that_cannot_be_written_is_said_as_the_baseline_with_its_option(project, tmp_path):
    """tryout20 #12: create's write error spoke of "the report" and `-o FILE`, an option baseline has not."""
    done = _run(project, "baseline", "create", "--force", "--baseline", "/proc/diracmod-baseline-test.json")
    assert done.returncode == 2 and "cannot write the baseline to /proc/diracmod-baseline-test.json" in done.stderr
    assert "with --baseline FILE" in done.stderr and "report" not in done.stderr and "-o" not in done.stderr
    from diracmod.core.report_file import ReportError, write_report
    with pytest.raises(ReportError, match=r"an existing baseline is unchanged\). Choose a writable place in "
                                          r"\[tool.diracmod\] baseline$"):
        write_report("/proc/diracmod-baseline-test.json", "{}", "[tool.diracmod] baseline")


def test_an_empty_baseline_option_is_an_error_as_the_empty_setting_is(project):
    """tryout20 #12: `--baseline ''` silently meant the default, while `baseline = ""` in the settings is an error."""
    before = (project / "diracmod-baseline.json").read_bytes()
    for command in (("baseline", "create"), ("baseline", "create", "--force"), ("baseline", "update", "--add"),
                    ("check", "--no-cache")):
        done = _run(project, *command, "--baseline", "")
        assert done.returncode == 2 and done.stderr.startswith("diracmod: --baseline '': "), done.stderr
    assert (project / "diracmod-baseline.json").read_bytes() == before
    (project / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\nbaseline = ""\n')
    assert _run(project, "check", "--no-cache").returncode == 2
