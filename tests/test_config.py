"""Settings: where they are found, and every wrong type a clear exit-2 message (file, key, expected, given)."""
import json
import signal
import subprocess
import sys
from contextlib import contextmanager

import pytest

from diracmod.cli import main
from diracmod.core import config as configuration

CODE = "def f():\n  return 1\n"  # 2-space indentation: E111 under pycodestyle's defaults


@contextmanager
def _deadline(seconds=30):
    def expire(*_):
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _check(tmp_path, capsys, *args):
    with _deadline():
        code = main(["check", "--no-cache", "--format", "json", *args, str(tmp_path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# ---------------------------------------------------------------- where settings are found


def test_a_tree_with_only_setup_cfg_is_its_own_root_from_any_subdirectory(tmp_path):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nmax_line_length = 120\nignore = E111,E114\n")
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    config = configuration.load(tmp_path / "src" / "pkg")
    assert config.root == str(tmp_path)
    assert config.pycodestyle == {"max_line_length": 120, "ignore": ["E111", "E114"]}
    assert config.sources == [(str(tmp_path / "setup.cfg"), "pycodestyle")]


def test_tox_ini_is_read_after_setup_cfg_and_wins_as_in_pycodestyle(tmp_path):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 100\nignore = E111\n")
    (tmp_path / "tox.ini").write_text("[pycodestyle]\nmax-line-length = 110\n")
    config = configuration.load(tmp_path)
    assert config.pycodestyle == {"max_line_length": 110, "ignore": ["E111"]}
    assert [section for _, section in config.sources] == ["pycodestyle", "pycodestyle"]


def test_pep8_section_is_read_only_without_a_pycodestyle_section(tmp_path):
    (tmp_path / "setup.cfg").write_text("[pep8]\nmax-line-length = 100\n")
    assert configuration.load(tmp_path).pycodestyle == {"max_line_length": 100}
    (tmp_path / "tox.ini").write_text("[pycodestyle]\nignore = W291\n")
    assert configuration.load(tmp_path).pycodestyle == {"ignore": ["W291"]}


def test_pyproject_table_wins_over_setup_cfg_in_the_same_directory(tmp_path):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 100\nignore = E111\n")
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod.pycodestyle]\nmax-line-length = 120\n")
    config = configuration.load(tmp_path)
    assert config.pycodestyle == {"max_line_length": 120, "ignore": ["E111"]}
    assert [section for _, section in config.sources] == ["pycodestyle", "tool.diracmod"]


def test_the_nearest_project_file_is_the_root_even_without_our_sections(tmp_path):
    # pycodestyle stops at the first setup.cfg/tox.ini whatever it holds: a vendored sdist keeps its defaults
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 120\n")
    (tmp_path / "vendored").mkdir()
    (tmp_path / "vendored" / "setup.cfg").write_text("[egg_info]\ntag_build =\n")
    config = configuration.load(tmp_path / "vendored")
    assert config.root == str(tmp_path / "vendored") and config.pycodestyle == {} and config.sources == []


def test_verbose_and_summary_say_which_files_were_read(tmp_path):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nignore = E111\n")
    (tmp_path / "a.py").write_text(CODE)
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "-v", "."], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert f"settings from {tmp_path / 'setup.cfg'} [pycodestyle]" in proc.stderr
    assert "'ignore': ('E111',)" in proc.stderr
    assert "0 finding(s) in 1 file(s) (settings: setup.cfg)" in proc.stderr
    (tmp_path / "setup.cfg").unlink()
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "."], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert "(settings: defaults)" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_pycodestyle_option_in_setup_cfg_is_said_and_ignored_as_pycodestyle_does(tmp_path, capsys):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nmax_line_lenght = 120\ncount = True\nfilename = *.py\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    code, _, err = _check(tmp_path, capsys)
    assert code == 0
    # count is pycodestyle's own option: not said (the quoted name, as the message quotes it: the settings line
    # names the temporary folder, whose name may hold the word)
    assert "unknown pycodestyle option 'max_line_lenght' ignored" in err and "'count'" not in err


def test_pycodestyle_exclude_in_setup_cfg_hides_only_pycodestyle_findings(tmp_path, capsys):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nexclude = gen,legacy/old.py\n")
    for name in ("gen/a.py", "legacy/old.py", "legacy/new.py"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x=unicode(1)\n")
    _, out, _ = _check(tmp_path, capsys)
    found = {(f["path"].split(str(tmp_path))[-1], f["checker"]) for f in json.loads(out)}
    assert found == {("/gen/a.py", "py3k"), ("/legacy/old.py", "py3k"), ("/legacy/new.py", "py3k"),
                     ("/legacy/new.py", "pycodestyle")}


# ---------------------------------------------------------------- wrong types: exit 2, file, key, expected, given

PYPROJECT_CASES = {
    "max-file-size as a string": ("[tool.diracmod]\nmax-file-size = 'big'\n", "max-file-size", "a string"),
    "max-file-size negative": ("[tool.diracmod]\nmax-file-size = -1\n", "max-file-size", "an integer (-1)"),
    "jobs as a float": ("[tool.diracmod]\njobs = 1.5\n", "jobs", "a float (1.5)"),
    "jobs negative": ("[tool.diracmod]\njobs = -2\n", "jobs", "an integer (-2)"),
    "jobs as a boolean": ("[tool.diracmod]\njobs = true\n", "jobs", "a boolean (true)"),
    "select as a string": ("[tool.diracmod]\nselect = 'E501'\n", "select", "a string ('E501')"),
    "ignore as ints": ("[tool.diracmod]\nignore = [501, 502]\n", "ignore", "a list"),
    "exclude as a table": ("[tool.diracmod]\nexclude = {a = 1}\n", "exclude", "a table"),
    "extend-exclude as a string": ("[tool.diracmod]\nextend-exclude = 'build'\n", "extend-exclude", "a string"),
    "msg-template as an int": ("[tool.diracmod]\nmsg-template = 3\n", "msg-template", "an integer (3)"),
    "cache-dir empty": ("[tool.diracmod]\ncache-dir = ''\n", "cache-dir", "a string ('')"),
    "unknown key": ("[tool.diracmod]\nmax-line-length = 120\n", "unknown key 'max-line-length'", "known:"),
    "tool.diracmod not a table": ("[tool]\ndiracmod = 5\n", "[tool.diracmod] must be a table", "an integer (5)"),
    "pycodestyle as a list": ("[tool.diracmod]\npycodestyle = [1]\n", "pycodestyle", "a list"),
    "max-line-length as a string": ("[tool.diracmod.pycodestyle]\nmax-line-length = '120'\n", "max-line-length",
                                    "a string ('120')"),
    "max-line-length negative": ("[tool.diracmod.pycodestyle]\nmax-line-length = -5\n", "max-line-length",
                                 "an integer (-5)"),
    "max-line-length as a table": ("[tool.diracmod.pycodestyle.max-line-length]\na = 1\n", "max-line-length",
                                   "a table"),
    "indent-size as a float": ("[tool.diracmod.pycodestyle]\nindent-size = 2.0\n", "indent-size", "a float (2.0)"),
    "ignore as a string": ("[tool.diracmod.pycodestyle]\nignore = 'E111,E114'\n", "ignore", "a string ('E111,E114')"),
    "ignore as ints in pycodestyle": ("[tool.diracmod.pycodestyle]\nignore = [111]\n", "ignore", "a list"),
    "select with a bad code": ("[tool.diracmod.pycodestyle]\nselect = ['E1 W6']\n", "select", "a string ('E1 W6')"),
    "hang-closing as a string": ("[tool.diracmod.pycodestyle]\nhang-closing = 'true'\n", "hang-closing",
                                 "a string ('true')"),
    "unknown pycodestyle option": ("[tool.diracmod.pycodestyle]\ncount = true\n", "unknown key 'count'", "known:"),
    "deps offline as a string": ("[tool.diracmod.deps]\noffline = 'yes'\n", "offline", "a string ('yes')"),
    "deps timeout negative": ("[tool.diracmod.deps]\ntimeout = -1\n", "timeout", "an integer (-1)"),
    "deps index-url as an int": ("[tool.diracmod.deps]\nindex-url = 5\n", "index-url", "an integer (5)"),
    "deps unknown key": ("[tool.diracmod.deps]\nrefresh = true\n", "unknown key 'refresh'", "known:"),
    "deps as a list": ("[tool.diracmod]\ndeps = ['x']\n", "deps", "a list"),
    "not TOML": ("[tool.diracmod\n", "pyproject.toml", "Expected"),
    "max-file-size infinite": ("[tool.diracmod]\nmax-file-size = inf\n", "max-file-size", "a float (inf)"),
    "max-file-seconds nan": ("[tool.diracmod]\nmax-file-seconds = nan\n", "max-file-seconds", "a float (nan)"),
    "cache-dir with a NUL": ('[tool.diracmod]\ncache-dir = "a\\u0000b"\n', "cache-dir", "without NUL"),
    "msg-template with a NUL": ('[tool.diracmod]\nmsg-template = "{path}\\u0000"\n', "msg-template", "without NUL"),
}


@pytest.mark.parametrize("text,key,given", PYPROJECT_CASES.values(), ids=PYPROJECT_CASES.keys())
def test_wrong_pyproject_value_is_an_exit_2_naming_file_key_and_types(tmp_path, capsys, text, key, given):
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "a.py").write_text(CODE)
    code, out, err = _check(tmp_path, capsys)
    assert code == 2 and out == ""
    assert str(tmp_path / "pyproject.toml") in err and key in err and given in err, err


INI_CASES = {
    "max-line-length with a decimal": ("max_line_length = 120.5\n", "max_line_length", "a string ('120.5')"),
    "max-line-length negative": ("max-line-length = -1\n", "max-line-length", "an integer (-1)"),
    "max-line-length empty": ("max-line-length =\n", "max-line-length", "a string ('')"),
    "indent-size zero": ("indent-size = 0\n", "indent-size", "an integer (0)"),
    "hang-closing not a boolean": ("hang_closing = maybe\n", "hang_closing", "a string ('maybe')"),
    "ignore separated by spaces": ("ignore = E111 E114\n", "ignore", "a string ('E111 E114')"),
    "ignore with an inline comment": ("ignore = E111  # 2 spaces\n", "ignore", "a string ('E111  # 2 spaces')"),
}


@pytest.mark.parametrize("lines,key,given", INI_CASES.values(), ids=INI_CASES.keys())
def test_wrong_setup_cfg_value_is_an_exit_2_naming_file_key_and_types(tmp_path, capsys, lines, key, given):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\n" + lines)
    (tmp_path / "a.py").write_text(CODE)
    code, out, err = _check(tmp_path, capsys)
    assert code == 2 and out == ""
    assert f"{tmp_path / 'setup.cfg'}: [pycodestyle] {key}" in err and given in err, err


@pytest.mark.parametrize("content", [b"no section header\n", b"[pycodestyle]\nignore = E1\nignore = E2\n",
                                     b"[pycodestyle]\nignore = \xff\xfe\n"],
                         ids=["no header", "duplicate", "not utf-8"])
def test_unreadable_setup_cfg_is_an_exit_2(tmp_path, capsys, content):
    (tmp_path / "setup.cfg").write_bytes(content)
    (tmp_path / "a.py").write_text(CODE)
    code, _, err = _check(tmp_path, capsys)
    assert code == 2 and str(tmp_path / "setup.cfg") in err


def test_ini_values_are_read_as_pycodestyle_reads_them(tmp_path):
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 120\nhang-closing = yes\n"
                                        "ignore =\n    E111,\n    E114,\n")
    assert configuration.load(tmp_path).pycodestyle == {"max_line_length": 120, "hang_closing": True,
                                                        "ignore": ["E111", "E114"]}
