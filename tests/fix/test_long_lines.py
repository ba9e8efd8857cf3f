"""fix's summary names the lines its rewrites take past the project's max-line-length (tryout23 #6: `urllib.urlencode`
-> `six.moves.urllib.parse.urlencode` made a 113-column line 129 under DIRAC's 120, and the project's own check then
failed on E501 with nothing said): the lines `diracmod check` reports as E501 after the run and not before, read from
the same pycodestyle setting; nothing is wrapped or otherwise reformatted."""
from __future__ import annotations

import pytest

from diracmod.cli import main

_CALL = "        conn.request('POST', path, urllib.urlencode(data), {'Content-Type': 'application/x-www-form-urlencoded'})\n"
_CODE = ("import urllib\n\n\ndef post(conn, path, data):\n" + _CALL
         + "        return urllib.quote(path) + ' ' + '" + "x" * 100 + "'\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 120\n")
    (tmp_path / "client.py").write_text(_CODE)
    return tmp_path


def _e501(capsys) -> list:
    main(["check", "--select", "E501", "client.py"])
    return [line.split(":")[1] for line in capsys.readouterr().out.splitlines() if "E501" in line]


def test_the_lines_a_rewrite_took_over_max_line_length_are_noted(project, capsys):
    assert len(_CALL) - 1 == 113 and _e501(capsys) == ["6"]  # the other long line is the project's own
    assert main(["fix", "--write", "client.py"]) == 0
    err = capsys.readouterr().err
    written = (project / "client.py").read_text()
    long_lines = [str(n) for n, line in enumerate(written.splitlines(), 1) if len(line) > 120]
    made = [line for line in _e501(capsys) if line in long_lines and "urlencode" in written.splitlines()[int(line) - 1]]
    assert len(made) == 1 and "six.moves.urllib.parse.urlencode(data)" in written  # left as written: not wrapped
    note = next(line for line in err.splitlines() if "max-line-length" in line)
    assert f"client.py: the rewrites make line {made[0]} (129 characters) longer than max-line-length 120" in note
    assert "wrap them by hand" in note
    # the line that was too long already (and grew) is the project's: not named
    assert note.count("characters") == 1


def test_nothing_is_noted_where_the_project_does_not_check_e501(project, capsys):
    (project / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 120\nignore = E501\n")
    assert main(["fix", "--write", "client.py"]) == 0
    assert "max-line-length" not in capsys.readouterr().err
    (project / "client.py").write_text(_CODE)
    (project / "setup.cfg").write_text("[pycodestyle]\nmax-line-length = 120\n")
    (project / "pyproject.toml").write_text("[tool.diracmod]\nignore = ['E501']\n")
    assert main(["fix", "--write", "client.py"]) == 0
    assert "max-line-length" not in capsys.readouterr().err


def test_the_default_limit_is_pycodestyles(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = "import urllib\n\nq = urllib.urlencode({'key': 'value', 'other': 'x' * 20, 'k': 1})\n"  # 65 columns
    (tmp_path / "m.py").write_text(code)
    assert main(["fix", "-q", "m.py"]) == 0  # -q: still said, as refusals are: a person's work
    assert "m.py: the rewrites make line 8 (81 characters) longer than max-line-length 79" in capsys.readouterr().err
