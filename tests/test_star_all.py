"""A star import of a sibling module whose `__all__` is a literal list of strings binds exactly those names
(tryout8b D6: PyYAML's `from error import *`): a builtin not in it is still the builtin, so check counts its
rewrite fixable and fix makes it (python2.7 runs the package the same before and after, Python 3 runs it after).
The result cache keys a file's findings on that sibling's `__all__`."""
import json
import os
import subprocess
import sys

import pytest

from diracmod.core import siblings
from tests.fix.helpers import python27

ERROR = "__all__ = ['E']\n\n\nclass E(Exception):\n    pass\n\n\nunicode = 5\n"
REP = "from error import *\nx = unicode(3)\nprint repr(x), E.__name__\n"


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def package(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "error.py").write_text(ERROR)
    (tmp_path / "pkg" / "rep.py").write_text(REP)
    return tmp_path


def _symbols(project, *args):
    proc = _run("check", "--format", "json", "--select", "py3k", *args, "pkg/rep.py", cwd=project)
    return sorted(f["symbol"] for f in json.loads(proc.stdout))


def test_a_star_import_of_a_sibling_with_a_literal_all_leaves_the_builtins_fixable(package):
    assert _symbols(package, "--no-cache") == ["no-absolute-import", "print-statement", "unicode-builtin"]
    program = "import pkg.rep\n"
    before = subprocess.run([python27(), "-c", program], cwd=package, capture_output=True, text=True)
    assert (before.returncode, before.stdout) == (0, "u'3' E\n")
    proc = _run("fix", "--write", "pkg", cwd=package)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fixed = (package / "pkg" / "rep.py").read_text()
    assert "six.text_type(3)" in fixed and "from .error import *" in fixed
    after = subprocess.run([python27(), "-c", program], cwd=package, capture_output=True, text=True)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout)
    python3 = subprocess.run([sys.executable, "-c", program], cwd=package, capture_output=True, text=True)
    assert (python3.returncode, python3.stdout) == (0, "'3' E\n")


def test_the_cache_keys_on_the_siblings_all(package):
    assert _symbols(package) == ["no-absolute-import", "print-statement", "unicode-builtin"]
    (package / "pkg" / "error.py").write_text(ERROR.replace("['E']", "['E', 'unicode']"))
    assert _symbols(package) == ["builtin-name-unsure", "no-absolute-import", "print-statement"]
    (package / "pkg" / "error.py").write_text(ERROR)
    assert _symbols(package) == ["no-absolute-import", "print-statement", "unicode-builtin"]


@pytest.mark.parametrize("text", [
    "'''__all__ = ['E']'''\n",  # in a string: no __all__, every public name is bound
    "__all__ = ['E']\n__all__ += ['unicode']\n",
    "__all__ = ['E'] + OTHER\n",
    "if True:\n    __all__ = ['E']\n",
    "__all__ = [name for name in dir()]\n",
])
def test_an_all_not_known_for_certain_is_not_read(tmp_path, text):
    (tmp_path / "error.py").write_text(text)
    assert siblings.star_names(tmp_path, "error") is None


def test_a_literal_all_is_read_even_where_python_3_cannot_parse_the_module(tmp_path):
    (tmp_path / "error.py").write_text("__all__ = (\n    'E',\n    'F',\n)\nprint 'x'\n")
    assert siblings.star_names(tmp_path, "error") == frozenset({"E", "F"})


def test_a_sibling_that_is_no_regular_file_is_not_read(tmp_path):
    # a FIFO named error.py waited forever for a writer (check hung on `from error import *`); a device too
    os.mkfifo(tmp_path / "error.py")
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    assert siblings.star_names(tmp_path, "error") is None and siblings.star_names(tmp_path, "zero") is None
    (tmp_path / "rep.py").write_text("from error import *\nx = unicode(3)\n")
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--select", "py3k", "rep.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "builtin-name-unsure" in done.stdout, done.stdout + done.stderr


def test_a_siblings_all_is_read_by_the_one_reader_of_regular_files(tmp_path, monkeypatch):
    """diracmod.core.regular_file.read_regular, which reads source too (diracmod.source.reader names it): no copy of
    its own in siblings."""
    from diracmod.core import regular_file
    from diracmod.source import reader
    assert reader.read_regular is regular_file.read_regular and reader.SourceError is regular_file.SourceError
    read = []
    monkeypatch.setattr(siblings, "read_regular", lambda path, limit: read.append(limit) or b"__all__ = ['Q']\n")
    (tmp_path / "other.py").write_text("__all__ = ['E']\n")
    assert siblings.star_names(tmp_path, "other") == frozenset({"Q"}) and read == [siblings.SOURCE_LIMIT]
    assert "os.open" not in open(siblings.__file__).read()
