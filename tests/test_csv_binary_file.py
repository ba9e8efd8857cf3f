"""csv on a file opened in a binary mode (tryout24 #3): right on Python 2 (its csv docs said to open csv files 'rb'/'wb')
and broken on Python 3 (`_csv.Error: iterator should return strings, not bytes`; TypeError on write). No single hybrid
spelling exists, so check reports it (csv-binary-file, DM113) for a person and fix leaves it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diracmod.check import engine
from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

PLAN = engine.Plan(frozenset({"py3k"}))


def _lines(tmp_path, code) -> list:
    path = tmp_path / "mod.py"
    path.write_text(code)
    return [f.line for f in engine.check_file(str(path), PLAN).findings if f.symbol == "csv-binary-file"]


def test_the_tryout_case_is_reported(tmp_path):
    code = ("import csv\nf = open('in.csv', 'rb')\nfor rec in csv.DictReader(f):\n    print(rec['name'])\n"
            "out = open('out.csv', 'wb')\ncsv.writer(out).writerow(['a', 1])\nout.close()\n")
    assert _lines(tmp_path, code) == [3, 6]


@pytest.mark.parametrize("call", [
    "csv.reader(open(p, 'rb'))", "csv.writer(open(p, mode='wb'))", "csv.DictWriter(file(p, 'ab'), ['a'])",
    "csv.DictReader(io.open(p, 'rb'))", "reader(open(p, 'rb'))", "c.reader(open(p, 'r+b'))",
])
def test_a_binary_open_given_directly_is_reported(tmp_path, call):
    code = f"import csv\nimport csv as c\nimport io\nfrom csv import reader\n\n\ndef read(p):\n    return {call}\n"
    assert _lines(tmp_path, code) == [8]


def test_a_name_bound_by_with_is_reported(tmp_path):
    code = "import csv\n\n\ndef read(p):\n    with open(p, 'rb') as f:\n        return list(csv.reader(f))\n"
    assert _lines(tmp_path, code) == [6]


@pytest.mark.parametrize("code", [
    # text mode, or no literal mode
    "import csv\n\n\ndef read(p, mode):\n    return csv.reader(open(p)), csv.reader(open(p, 'r')), csv.reader(open(p, mode))\n",
    "import csv\nimport io\n\n\ndef read(p):\n    return csv.reader(io.open(p, newline=''))\n",
    # non-csv uses of a binary file, and csv of something else
    "import json\n\n\ndef read(p):\n    f = open(p, 'rb')\n    return json.load(f), f.read()\n",
    "import csv\n\n\ndef read(rows):\n    return csv.reader(rows)\n",
    # not the builtin open, not csv's reader
    "import csv\n\n\ndef read(p, open):\n    return csv.reader(open(p, 'rb'))\n",
    "import csv\nimport gzip\n\n\ndef read(p):\n    return csv.reader(gzip.open(p, 'rb'))\n",
    "import mycsv as csv\n\n\ndef read(p):\n    return csv.reader(open(p, 'rb'))\n",
    # a name bound twice: not known to be the binary file
    "import csv\n\n\ndef read(p):\n    f = open(p, 'rb')\n    f = open(p)\n    return csv.reader(f)\n",
    # a name of another scope
    "import csv\nf = open('x', 'rb')\n\n\ndef read():\n    return csv.reader(f)\n",
    # the hybrid: a binary file on Python 2 only, a text file with newline='' on Python 3
    "import csv\nimport six\n\n\ndef read(p):\n    if six.PY2:\n        f = open(p, 'rb')\n    else:\n"
    "        f = open(p, 'r', newline='')\n    return csv.reader(f)\n",
    # a Python-2-only branch opening in binary mode, the Python-3-only branch in text mode
    "import csv\nimport sys\n\n\ndef read(p):\n    if sys.version_info[0] == 2:\n        return csv.reader(open(p, 'rb'))\n"
    "    return csv.reader(open(p, newline=''))\n",
    "import csv\nimport six\n\n\ndef read(p):\n    if six.PY3:\n        return csv.reader(open(p, 'r', newline=''))\n"
    "    else:\n        return csv.reader(open(p, 'rb'))\n",
])
def test_not_reported(tmp_path, code):
    assert _lines(tmp_path, code) == []


MODULE = '''import csv
out = open('out.csv', 'wb')
csv.writer(out).writerow(['a', 1])
out.close()
f = open('out.csv', 'rb')
for rec in csv.reader(f):
    print rec
'''


def test_fix_leaves_it_for_a_person_and_check_still_reports_it_not_fixable(tmp_path, monkeypatch, capsys):
    """The tryout's command: fix, then check said `0 finding(s)`; Python 3 raised on the write and the read."""
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE})
    before = python2_output(root, "m.py")
    assert before == "['a', '1']\n", before
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    text = (root / "m.py").read_text()
    assert "open('out.csv', 'wb')" in text and "open('out.csv', 'rb')" in text, text
    assert python2_output(root, "m.py") == before
    main(["check", "--no-cache", "--format", "json", str(root / "m.py")])
    findings = [f for f in json.loads(capsys.readouterr().out) if f["symbol"] == "csv-binary-file"]
    lines = text.splitlines()
    assert [(lines[f["line"] - 1].strip()[:10], f["fixable"]) for f in findings] == [
        ("csv.writer", False), ("for rec in", False)], findings
    proc = subprocess.run([sys.executable, "-B", "m.py"], cwd=root, capture_output=True, text=True, timeout=60)
    assert "TypeError: a bytes-like object is required" in proc.stderr, proc.stderr  # why it is reported
