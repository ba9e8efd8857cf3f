"""The run-wide project index (diracmod/source/project_index/), tryout18 #3 #1 #14 #16: a module's attribute
assigned through a dotted name, `sys.modules['pkg.mod']` or mock's string target (`raw_input` stays the module's
own), read through `sys.modules.get(...)`, `getattr(sys.modules[...], ...)` or `__import__` with a fromlist, named by
an `__all__` statement other than one literal list, or read by the module's own doctest examples (W1648 keeps the
import: DM141). Each runs under python2.7 before and after `fix --write`."""
from __future__ import annotations

import json

from diracmod.cli import main
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python2_output

ASK = "def ask(q):\n    return raw_input(q + '? ')\n"
# stand-ins for mock's patch.multiple / patch.dict (a string target imported as mock does) and pytest's monkeypatch
FAKEMOCK = """\
def _imp(target):
    parts = target.split('.')
    obj = __import__(parts[0])
    for n, part in enumerate(parts[1:]):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            __import__('.'.join(parts[:n + 2]))
            obj = getattr(obj, part)
    return obj


class patch(object):
    @staticmethod
    def multiple(target, **kw):
        target = _imp(target) if isinstance(target, str) else target
        for k, v in kw.items():
            setattr(target, k, v)

    @staticmethod
    def dict(target, values):
        target = _imp(target) if isinstance(target, str) else target
        target.update(values)

    @staticmethod
    def object(target, name, value):
        setattr(target, name, value)


class MonkeyPatch(object):
    def setitem(self, d, k, v):
        d[k] = v

    def setattr(self, o, k, v):
        setattr(o, k, v)


monkeypatch = MonkeyPatch()
"""
PATCHING = """\
import sys, StringIO
import pkg.b1, pkg.b2, pkg.b3, pkg.b4, pkg.b5, pkg.b6, pkg.b7, pkg.b8, pkg.b9
from fakemock import patch, monkeypatch
f = lambda p: "yes to " + p
patch.multiple(pkg.b1, raw_input=f)
patch.dict('pkg.b2.__dict__', {'raw_input': f})
sys.modules['pkg.b3'].__dict__.update(raw_input=f)
pkg.b4.__dict__.setdefault('raw_input', f)
monkeypatch.setitem(pkg.b5.__dict__, 'raw_input', f)
setattr(sys.modules['pkg.b6'], 'raw_input', f)
monkeypatch.setattr(pkg.b7, 'raw_input', f)
setattr(pkg . b8, 'raw_input', f)
patch.object(pkg.b9, 'raw_input', f)
sys.stdin = StringIO.StringIO("")  # an unpatched raw_input: EOFError
for i in range(1, 10):
    try:
        print i, sys.modules['pkg.b%d' % i].ask("go")
    except EOFError:
        print i, "EOF"
"""


def test_assigned_reads_a_module_handed_to_a_call_by_a_dotted_name_sys_modules_or_a_string(tmp_path, monkeypatch):
    """tryout18 #3: each b<n> reads its own raw_input, which main.py assigned; six.moves' input would skip it."""
    files = {"pkg/__init__.py": "", **{f"pkg/b{n}.py": ASK for n in range(1, 10)}, "fakemock.py": FAKEMOCK,
             "main.py": PATCHING}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py")
    assert before == "".join(f"{n} yes to go? \n" for n in range(1, 10))
    main(["fix", "--write", *(str(root / f"pkg/b{n}.py") for n in range(1, 10))])
    for n in range(1, 10):
        assert "return raw_input(" in (root / f"pkg/b{n}.py").read_text(), n
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


def test_the_assigned_index_names_the_module_of_a_dotted_or_sys_modules_receiver(tmp_path):
    (tmp_path / "main.py").write_text(PATCHING + "@mock.patch.object(pkg.b10, 'raw_input', return_value='y')\n"
                                      "def test():\n    pass\nsetattr(self.b11, 'raw_input', f)\n")
    index = project_index.build(str(tmp_path), (), 1_000_000)
    assigned = {(key, name) for key, name, _ in index.assigned}
    assert assigned >= {("b1", "raw_input"), ("b2", "*"), ("b3", "*"), ("b4", "*"), ("b5", "raw_input"),
                        ("b6", "raw_input"), ("b7", "raw_input"), ("b8", "raw_input"), ("b9", "raw_input"),
                        ("b10", "raw_input")}
    assert not {key for key, _ in assigned} & {"b11", "self"}  # self is no module main.py imports


CLIENT = "import urllib2\n\n\ndef get(u):\n    return urllib2.Request(u).get_full_url()\n"
READING = """\
import sys, pkg.c2, pkg.c3, pkg.c4
print sys.modules.get('pkg.c2').urllib2.__name__
print getattr(sys.modules['pkg.c3'], 'urllib2').__name__
print __import__('pkg.c4', None, None, ['x']).urllib2.__name__
"""


def test_w1648_keeps_imports_read_through_sys_modules_get_getattr_or_an_import_fromlist(tmp_path, monkeypatch):
    """tryout18 #1: `__import__` with a non-empty fromlist gives the leaf module, pkg.c4."""
    files = {"pkg/__init__.py": "", **{f"pkg/c{n}.py": CLIENT for n in (2, 3, 4)}, "main.py": READING}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py")
    assert before == "urllib2\n" * 3
    main(["fix", "--write", *(str(root / f"pkg/c{n}.py") for n in (2, 3, 4))])
    for n in (2, 3, 4):
        assert "import urllib2\n" in (root / f"pkg/c{n}.py").read_text(), n
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


ALL = {
    "a1": "__all__ = ['get']\n__all__ += ['urllib2', 'StringIO']\n",
    "a3": "__all__ = ['get']\n__all__.extend(['urllib2', 'StringIO'])\n",
    "a4": "__all__ = ['get'] + ['urllib2', 'StringIO']\n",
    "a5": "__all__ = ['get']\n__all__.append('urllib2')\n__all__.append('StringIO')\n",
    "a6": "__all__ = 'get urllib2 StringIO'.split()\n",
}
ALL_MODULE = """\
import urllib2
import StringIO
{}

def get(u):
    return urllib2.Request(u).get_full_url(), StringIO.StringIO(u).read()
"""
STARRING = """\
for name in {names!r}:
    ns = {{}}
    exec 'from %s import *' % name in ns
    print name, ns['urllib2'].__name__, ns['StringIO'].__name__
"""


def test_w1648_keeps_an_import_any_all_statement_of_the_module_names(tmp_path, monkeypatch):
    """tryout18 #14: `__all__ +=`, `.extend`, `.append`, a sum of lists, a split string: the name is written out."""
    files = {f"{name}.py": ALL_MODULE.format(text) for name, text in ALL.items()}
    root = project_dir(tmp_path, monkeypatch, {**files, "main.py": STARRING.format(names=sorted(ALL))})
    before = python2_output(root, "main.py")
    assert before == "".join(f"{name} urllib2 StringIO\n" for name in sorted(ALL))
    main(["fix", "--write", *(str(root / name) for name in files)])
    for name in files:
        assert "import urllib2\nimport StringIO\n" in (root / name).read_text(), name
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


DOCUMENTED = '''\
"""Client helpers.

>>> urllib2.Request('http://x/').get_host()
'x'
"""
import urllib2
import StringIO


def get(u):
    return urllib2.Request(u).get_full_url(), StringIO.StringIO(u).read()
'''


def test_w1648_keeps_an_import_the_modules_own_doctest_examples_read(tmp_path, monkeypatch, capsys):
    """tryout18 #16: doctest runs the examples in the module's globals; StringIO, which no example reads, goes."""
    root = project_dir(tmp_path, monkeypatch, {"client.py": DOCUMENTED,
                                               "main.py": "import doctest, client\nprint doctest.testmod(client)\n"})
    before = python2_output(root, "main.py")
    assert before == "TestResults(failed=0, attempted=1)\n"
    capsys.readouterr()
    main(["check", "--no-cache", "--format", "json", "--select", "W1648,DM141", str(root / "client.py")])
    found = sorted((f["message-id"], f["message"]) for f in json.loads(capsys.readouterr().out))
    assert [message_id for message_id, _ in found] == ["DM141", "W1648"], found
    assert "doctest examples read it" in found[0][1]
    main(["fix", "--write", str(root / "client.py")])
    text = (root / "client.py").read_text()
    assert "import urllib2\n" in text and "import StringIO" not in text, text
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"
