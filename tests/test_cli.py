"""The command line as people use it: rules, explain, templates, JSON, exit codes, config."""
import json
import subprocess
import sys

import pytest

from diracmod.cli import main


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("import os\nx = unicode(os.name)  \nprint x\n")
    (tmp_path / "script.py").write_text("from __future__ import absolute_import\n")  # clean, outside any package
    return tmp_path


def test_json_has_pylint_keys_and_relative_paths(project):
    proc = _run("check", "--format", "json", "--no-cache", ".", cwd=project)
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)
    keys = {"path", "line", "column", "endLine", "endColumn", "message-id", "symbol", "message", "obj", "type",
            "checker", "fixable", "split-from"}
    assert all(set(f) == keys for f in findings)
    assert {f["path"] for f in findings} == {"pkg/mod.py"}
    assert {"W1612", "E1601", "W291"} <= {f["message-id"] for f in findings}
    assert {f["checker"] for f in findings} == {"py3k", "pycodestyle"}


def test_text_uses_dirac_template_by_default_and_custom_templates(project):
    proc = _run("check", "--no-cache", "--select", "W1612", ".", cwd=project)
    assert proc.stdout == "pkg/mod.py:2: [W1612(unicode-builtin), ] unicode built-in referenced\n"
    proc = _run("check", "--no-cache", "--select", "unicode-builtin", "--msg-template", "{path}|{C}|{symbol}", ".",
                cwd=project)
    assert proc.stdout == "pkg/mod.py|W|unicode-builtin\n"
    proc = _run("check", "--msg-template", "{nope}", ".", cwd=project)
    assert proc.returncode == 2 and "msg-template" in proc.stderr


def test_select_and_ignore_by_checker_and_config(project):
    proc = _run("check", "--no-cache", "--format", "json", "--ignore", "pycodestyle,W1618", ".", cwd=project)
    assert {f["symbol"] for f in json.loads(proc.stdout)} == {"unicode-builtin", "print-statement"}
    (project / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["E1601"]\n')
    proc = _run("check", "--no-cache", "--format", "json", ".", cwd=project)
    assert [f["symbol"] for f in json.loads(proc.stdout)] == ["print-statement"]


def test_pycodestyle_settings_come_from_setup_cfg(project):
    (project / "pyproject.toml").write_text("[tool.diracmod]\n")
    (project / "setup.cfg").write_text("[pycodestyle]\nignore = W291\n")
    proc = _run("check", "--no-cache", "--format", "json", "--select", "pycodestyle", ".", cwd=project)
    assert "W291" not in {f["message-id"] for f in json.loads(proc.stdout)}


def test_clean_tree_exits_0_and_cache_gives_the_same_answer(project):
    assert _run("check", "script.py", cwd=project).returncode == 0
    first = _run("check", "--format", "json", ".", cwd=project).stdout
    assert (project / ".diracmod_cache" / ".gitignore").read_text() == "*\n"
    assert _run("check", "--format", "json", ".", cwd=project).stdout == first


def test_cache_is_invalidated_by_content_and_settings(project):
    _run("check", ".", cwd=project)
    (project / "pkg" / "mod.py").write_text("x = 1\n")
    assert _run("check", "--select", "py3k", ".", cwd=project).returncode == 0
    (project / "pyproject.toml").write_text("[tool.diracmod.pycodestyle]\nmax-line-length = 3\n")
    proc = _run("check", "--format", "json", "--select", "E501", ".", cwd=project)
    assert [f["message-id"] for f in json.loads(proc.stdout)] == ["E501", "E501"]


def test_rules_and_explain(capsys):
    assert main(["rules", "--checker", "py3k", "unicode"]) == 0
    listed = capsys.readouterr().out
    assert "W1612" in listed and "unicode-builtin" in listed and "W1602" not in listed
    assert main(["explain", "W1612"]) == 0
    explained = capsys.readouterr().out
    assert "six.text_type" in explained and "Flagged" in explained
    assert main(["explain", "no-such-rule"]) == 2


def test_help_teaches_exit_codes():
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--help"], capture_output=True, text=True)
    assert "exit codes" in proc.stdout and "noqa" in proc.stdout and "nothing to check" in proc.stdout


def test_explain_pycodestyle_codes_from_pycodestyle_itself(capsys):
    assert main(["explain", "E501"]) == 0
    assert "Limit all lines" in capsys.readouterr().out


@pytest.mark.parametrize("template", ["{line[0]}", "{path[a]}", "{bogus}", "{msg!z}", "{line:>1500000000}",
                                      "{line:>{line}}", "{line"])
def test_a_bad_template_is_a_usage_error_before_the_run_even_without_findings(tmp_path, template):
    (tmp_path / "clean.py").write_text("from __future__ import absolute_import\n")
    proc = _run("check", "--no-cache", "--msg-template", template, "clean.py", cwd=tmp_path)
    assert proc.returncode == 2 and "bad --msg-template" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [["check", "--select", ""], ["check", "--select", ", ,"],
                                  ["rules", "--checker", "nope"]])
def test_empty_or_unknown_names_are_usage_errors(tmp_path, args):
    (tmp_path / "a.py").write_text("x = 1\n")
    proc = _run(*args, *(["a.py"] if args[0] == "check" else []), cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("args", [["baseline", "create", "-q", "pkg"], ["baseline", "-q", "create", "pkg"],
                                  ["baseline", "create", "pkg", "-q"], ["baseline", "create", "-j", "1", "-q", "pkg"],
                                  ["check", "-q", "--no-cache", "pkg", "--select", "W1612"]])
def test_options_may_come_between_a_commands_words(project, args):
    """(tryout3 #19) argparse alone stops taking positionals once an option follows the first one."""
    proc = _run(*args, cwd=project)
    assert proc.returncode in (0, 1) and "usage:" not in proc.stderr, proc.stderr


def test_an_unknown_option_gets_the_commands_usage_not_the_top_level_one(project):
    proc = _run("fix", "--no-cache", "script.py", cwd=project)
    assert proc.returncode == 2 and "usage: diracmod fix" in proc.stderr and "--write" in proc.stderr
    assert "unrecognized arguments: --no-cache" in proc.stderr


# What a run imports is start-up time: a pre-commit hook or a warm re-check pays for every module it loads.
_LOADED = ("import sys; from diracmod.cli import main; code = main(sys.argv[1:]); "
           "print(' '.join(sorted(sys.modules)), file=sys.stderr); sys.exit(code)")


def _modules(*args, cwd):
    proc = subprocess.run([sys.executable, "-c", _LOADED, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout, set(proc.stderr.split())


def test_each_command_loads_only_what_it_needs(project):
    code, out, loaded = _modules("--version", cwd=project)
    assert code == 0 and out.startswith("diracmod ") and not {m for m in loaded if m.startswith("diracmod.commands.")}
    code, _, loaded = _modules("check", "--no-cache", "-q", "pkg/mod.py", cwd=project)
    assert code == 1 and "diracmod.commands.check" in loaded and "diracmod.check.engine" in loaded
    heavy = {"diracmod.commands.fix", "diracmod.commands.deps", "diracmod.deps.index", "http.client", "libcst",
             "rich.console", "rich.syntax"}
    assert not heavy & loaded
    (project / "pyproject.toml").write_text(f'[tool.diracmod.deps]\noffline = true\ncache-dir = "{project / "idx"}"\n')
    code, _, loaded = _modules("check", "--no-cache", "-q", "--select", "deps", "pkg/mod.py", cwd=project)
    assert "diracmod.deps.analysis" in loaded  # selected: loaded when the deps checker runs


def test_help_lists_every_command_wherever_it_is_asked(project):
    for args in (["--help"], ["-h", "check"], [], ["--he", "check"], ["--h", "check"], ["--hel", "check"]):
        proc = _run(*args, cwd=project)
        assert all(name in proc.stdout for name in ("check", "fix", "explain", "deps", "run-both", "baseline",
                                                    "lock", "merge")), args


def test_a_double_dash_before_the_command_is_compared_against_every_command(project):
    proc = _run("--", "check", cwd=project)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert all(name in proc.stderr for name in ("'check'", "'fix'", "'deps'", "'merge'")), proc.stderr


def test_top_level_help_sends_to_each_commands_exit_codes():
    proc = subprocess.run([sys.executable, "-m", "diracmod", "--help"], capture_output=True, text=True)
    codes = proc.stdout[proc.stdout.index("exit codes:"):]
    assert "diracmod COMMAND --help" in codes
    for command in ("check:", "fix:", "tests:"):
        assert command in codes


@pytest.mark.parametrize("command", [("fix", "-j", "2", "-s", "--check"), ("check", "-q", "--no-cache", "-j", "2")])
def test_python3_warnings_on_the_code_are_not_printed_mid_run(tmp_path, command):
    # tryout12 #11: every ast.parse of `1 if 1else 0` printed "<unknown>:2: SyntaxWarning", even under -s
    (tmp_path / "setup.cfg").write_text("")
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text('x = 1 if 1else 0\ny = "\\d"\nprint x, y\n')
    proc = _run(*command, ".", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
