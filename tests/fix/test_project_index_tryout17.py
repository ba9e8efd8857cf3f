"""The run-wide project index (diracmod/source/project_index/), tryout17 #1 #3 and its shape: what another module
reads of a module by `sys.modules['client'].X`, `__import__('client').X`, `vars(client)['X']`,
`client.__dict__['X']` (W1648 keeps that import: DM141), what it assigns by `patch.multiple(target, name=f)`, by a
namespace handed to a call (`patch.dict(mod.__dict__, ...)`, `monkeypatch.setitem(vars(mod), 'repr', f)`) or
through a module imported on a backslash-continued line (a backtick stays a backtick, `raw_input` stays), and one
read of each file for all of it."""
from __future__ import annotations

import os

from diracmod.cli import main
from diracmod.source import project_index
from diracmod.source.project_index import facts, hooks, reads, scan

from tests.fix.helpers import project_dir, python2_output

CLIENT = """\
import urllib2, StringIO, cStringIO, urlparse


def get(u):
    return urllib2.Request(u).get_host(), StringIO.StringIO("s").read(), cStringIO.StringIO("c").read(), \\
        urlparse.urlparse(u).netloc
"""
READER = """\
import sys
import client
print client.get("http://y/")
print sys.modules['client'].StringIO.StringIO("sm").read()
print __import__('client').cStringIO.StringIO("c").read()
print vars(client)['urlparse'].urlparse("http://z/").netloc
print client.__dict__['urllib2'].Request("http://x/").get_host()
"""


def test_w1648_keeps_imports_read_through_sys_modules_import_or_the_module_namespace(tmp_path, monkeypatch):
    """tryout17 #1: each of the four imports is read by another module without `client.NAME` written out."""
    root = project_dir(tmp_path, monkeypatch, {"client.py": CLIENT, "main.py": READER})
    before = python2_output(root, "main.py")
    assert before == "('y', 's', 'c', 'y')\nsm\nc\nz\nx\n"
    main(["fix", "--write", str(root / "client.py")])
    assert "import urllib2, StringIO, cStringIO, urlparse\n" in (root / "client.py").read_text()
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


def test_module_reads_sees_the_module_object_and_namespace_spellings_and_every_from_import_item(tmp_path):
    reader = tmp_path / "reader.py"
    reader.write_text("import sys, importlib\nimport pkg.client as c\n"
                      "a = sys.modules['pkg.client'].urllib2\n"  # 3
                      "b = __import__('pkg.client').StringIO\n"  # 4: __import__ gives the top package
                      "d = importlib.import_module('pkg.client').cStringIO\n"  # 5
                      "e = vars(c)['urlparse'], c.__dict__.get('urllib2')\n"  # 6: c names pkg.client
                      "from client import (get,\n    urllib2)\n"  # 8
                      "from other import Request as urllib2\n")  # no read of other's urllib2
    reads = set(facts.module_reads(str(reader), 10_000))
    assert {("client", "cStringIO", 5), ("client", "urllib2", 3), ("client", "urllib2", 6), ("client", "urllib2", 8),
            ("client", "urlparse", 6), ("pkg", "StringIO", 4)} <= reads, sorted(reads)
    # line 9 reads nothing of `other`; its first word reading urllib2 (line 3's attribute of a subscript, tryout20
    # #3; line 6's quoted 'urllib2') is read of every module the file names (tryout19 #2: _quoted_reads), `other` too
    assert ("other", "urllib2", 9) not in reads and ("other", "urllib2", 3) in reads, sorted(reads)


PRINTS = "from __future__ import print_function\n"
B = "def show(x):\n    return `x`\n"
MAIN = """\
import prompt2
import pkg.b1
from pkg import b2, b3, \\
    b4, b5


class patch(object):  # mock's patch.multiple and patch.dict, as they set the attributes
    @staticmethod
    def multiple(target, **values):
        target = __import__(target, fromlist=['x']) if isinstance(target, str) else target
        for name, value in values.items():
            setattr(target, name, value)

    @staticmethod
    def dict(namespace, values):
        namespace.update(values)


class monkeypatch(object):  # pytest's monkeypatch.setitem
    @staticmethod
    def setitem(namespace, name, value):
        namespace[name] = value


f = lambda x: "<patched %s>" % x
patch.multiple('pkg.b1', repr=f)
patch.dict(b2.__dict__, {'repr': f})
b3.repr, other = f, 1
monkeypatch.setitem(vars(b4), 'repr', f)
patch.multiple(b5, **{'repr': f})
patch.multiple('prompt2', raw_input=lambda p: "yes2 to " + p)
print(pkg.b1.show(1), b2.show(1), b3.show(1), b4.show(1), b5.show(1), prompt2.ask("go"))
"""


def test_assigned_reads_patch_multiple_namespaces_handed_to_a_call_and_continued_imports(tmp_path, monkeypatch):
    """tryout17 #3: Python 2 reads each module's own `repr` / `raw_input`, which another module assigned; the
    rewrites bringing the builtin in (a backtick's repr(x), six.moves' input) would skip it."""
    files = {"pkg/__init__.py": "", **{f"pkg/b{n}.py": B for n in range(1, 6)},
             "prompt2.py": "def ask(q):\n    return raw_input(q + '? ')\n", "main.py": PRINTS + MAIN}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py")
    assert before == "1 1 1 1 1 yes2 to go? \n"
    main(["fix", "--write", *(str(root / name) for name in files if name != "main.py")])
    for n in range(1, 6):  # the backtick kept, or spelled as the builtin it is: six.moves.builtins.repr(x)
        assert "return repr(x)" not in (root / f"pkg/b{n}.py").read_text(), n
    assert "return input(" not in (root / "prompt2.py").read_text()
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


def test_the_assigned_index_names_the_attributes_patch_multiple_and_a_setitem_write(tmp_path):
    for name, text in {"main.py": MAIN, "pkg/__init__.py": "", "prompt2.py": "", **{
            f"pkg/b{n}.py": "" for n in range(1, 6)}}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    index = project_index.build(str(tmp_path), (), 1_000_000)
    assert {(key, name) for key, name, _ in index.assigned} >= {
        ("b1", "repr"), ("b2", "*"), ("b3", "repr"), ("b4", "repr"), ("b5", "*"), ("prompt2", "raw_input")}
    assert index.outside(str(tmp_path / "pkg" / "b2.py")) == {"*": "b2.__dict__,... (main.py:27)"}


def test_the_index_reads_each_file_once(tmp_path, monkeypatch):
    """One read, one memo per file: the methods, the attributes assigned and read, the locale set."""
    (tmp_path / "main.py").write_text("import locale, client\nlocale.setlocale(locale.LC_ALL, '')\n"
                                      "client.urllib2 = None\nclass C(object):\n    def keys(self):\n"
                                      "        return 1\n")
    (tmp_path / "client.py").write_text("import urllib2\n")
    opened = []
    real = facts.read_regular

    def counted(path, max_bytes):
        opened.append(os.path.basename(path))
        return real(path, max_bytes)

    for module in (facts, hooks, reads):  # the index's modules reading a file
        monkeypatch.setattr(module, "read_regular", counted)
    monkeypatch.setattr(scan, "_MEMO", {})
    index = project_index.build(str(tmp_path), (), 1_000_000)
    assert index.sets_locale == "main.py:2" and index.readers == (("client", "urllib2", "main.py:3"),)
    assert index.entries == (("keys", "main.py:5"),)
    assert sorted(opened) == ["client.py", "main.py"]
