"""tryout12 #9 and #15: a watched method attached outside a class body through a class decorator's parameter
(`cls.encode = f`, `setattr(cls, 'encode', f)`, `klass.sort = sort`, `cls.__div__ = f`), `type.__setattr__(B, name,
f)`, `self.__class__`... was read only on a capitalised name (`Token.encode = f`).

- #9: the project's index (diracmod/source/project_index/) counts an attribute write or a setattr of a watched name
  on any receiver, its value unless it is for certain no callable (a literal, a display): receivers of unknown
  origin are left as they are (python2.7 before and after `fix` of the whole project), and a `/` by a float keeps
  the division import out where a decorator attaches `__div__` (fix gives an attached method no alias).
- #15: check reports `__nonzero__`/`next`/`__div__` attached that way in the module itself (DM161-165: fix leaves
  them); an instance attribute (`self.next = ...` in `__init__`) is no class's method, and is not reported."""
from __future__ import annotations

import textwrap

from diracmod.core import config
from diracmod.source import project_index
from tests.fix.test_method_fixes import attached_left_alike, findings
from tests.fix.test_project_index_tryout10 import _fix, _python2, _write

DECORATED = {
    "setup.cfg": "",
    "lib.py": textwrap.dedent("""\
        def with_codec(cls):
            cls.encode = lambda self, codec: 'custom-%s' % codec
            return cls
        def with_decode(cls):
            setattr(cls, 'decode', lambda self, codec: 'custom-de-%s' % codec)
            return cls
        def with_sort(klass):
            def sort(self, cmp=None, reverse=False, fast=True):
                return 'custom-sort'
            klass.sort = sort
            return klass
        @with_codec
        @with_decode
        class Token(object): pass
        @with_sort
        class Rows(object): pass
        def make(): return Token(), Rows()
        """),
    "main.py": textwrap.dedent("""\
        import sys
        import lib
        def show(t): return t.encode('hex'), t.decode('hex')
        def order(r): return r.sort(cmp=lambda a, b: 0)
        t, r = lib.make()
        sys.stdout.write('%r\\n' % ([show(t), order(r)],))
        """),
}


def test_methods_a_class_decorator_attaches_through_its_parameter_leave_receivers(tmp_path):
    _write(tmp_path, DECORATED)
    before = _python2(tmp_path)
    assert before == "[('custom-hex', 'custom-de-hex'), 'custom-sort']\n"
    entries = dict(project_index.for_config(config.load(tmp_path), [str(tmp_path)]).entries)
    assert entries == {"encode": "lib.py:2", "decode": "lib.py:5", "sort": "lib.py:10"}
    _fix(tmp_path, ".")
    fixed = (tmp_path / "main.py").read_text()
    assert "t.encode('hex'), t.decode('hex')" in fixed and "r.sort(cmp=" in fixed, fixed
    assert _python2(tmp_path) == before


DIVIDED = {
    "setup.cfg": "",
    "lib.py": "def arith(cls):\n    cls.__div__ = lambda self, o: 'div'\n    return cls\n@arith\nclass V(object):\n"
              "    pass\n",
    "main.py": ("import sys\nimport lib\ndef half(x):\n    return x / 2.0\n"
                "sys.stdout.write('%r\\n' % (half(lib.V()),))\n"),
}


def test_a_division_method_a_decorator_attaches_keeps_the_division_import_out(tmp_path):
    """Both files in the run: fix aliases `__div__` of a class body, not one attached outside it, so the entry stays."""
    _write(tmp_path, DIVIDED)
    before = _python2(tmp_path)
    assert before == "'div'\n"
    _fix(tmp_path, ".")
    assert "division" not in (tmp_path / "main.py").read_text()
    assert _python2(tmp_path) == before


def test_instance_attributes_count_unless_never_callable(tmp_path):
    """`self.next = it.next` answers `o.next()` for that object where `next(o)` calls the class's method: counted;
    `self.keys = {}`, `node.next = None`, `self.sort = not x` cannot be called: not counted. A computed setattr on an
    instance counts nothing (tryout10 #9), on a decorator's parameter every watched name the file spells."""
    _write(tmp_path, {"setup.cfg": "", "a.py": textwrap.dedent("""\
        class Wrap(object):
            def __init__(self, it, node, x):
                self.next = iter(it).next
                self.keys = {}
                node.next = None
                self.items, self.values = [], ()
                self.sort = not x
        type.__setattr__(Wrap, 'translate', lambda self: 1)
        """), "b.py": textwrap.dedent("""\
        def named(cls):
            for name in ('has_key', 'xreadlines'):
                setattr(cls, name, lambda self: 1)
            return cls
        def plain(obj, kw):
            for k in kw:
                setattr(obj, k, kw[k])
        """)})
    entries = dict(project_index.for_config(config.load(tmp_path), [str(tmp_path)]).entries)
    assert entries == {"next": "a.py:3", "translate": "a.py:8", "has_key": "b.py:3", "xreadlines": "b.py:3"}


ATTACHED = textwrap.dedent("""\
    import sys
    def falsy(cls):
        cls.__nonzero__ = lambda self: False
        return cls
    def iterable(klass):
        def next(self):
            return 1
        klass.next = next
        klass.__iter__ = lambda self: self
        return klass
    def steps(klass):
        setattr(klass, 'next', lambda self: 2)
        klass.__iter__ = lambda self: self
        return klass
    @falsy
    class A(object): pass
    @iterable
    class G(object): pass
    @steps
    class H(object): pass
    class B(object):
        def __init__(self, after):
            self.next = after
        @classmethod
        def arith(cls):
            cls.__div__ = lambda self, o: 'div'
        def flip(self):
            type(self).__rdiv__ = lambda self, o: 'rdiv'
    type.__setattr__(B, '__nonzero__', lambda self: False)
    B.arith()
    B(None).flip()
    sys.stdout.write('%r\\n' % ([bool(A()), next(iter(G())), next(iter(H())), bool(B(None)), B(None) / 2, 2 / B(0)],))
    """)


def test_python2_methods_attached_through_a_parameter_are_reported_and_left(tmp_path):
    """#15: DM161-165 (W1629/W1653/W1642/W1644's -name-taken, not fixable) for each; `self.next = after` (an
    instance's attribute, which neither Python's next() reads) not."""
    found = [(f.line, f.symbol, f.fixable) for f in findings(ATTACHED) if "method" in f.symbol]
    assert found == [(3, "nonzero-method-name-taken", False), (8, "next-method-defined-name-taken", False),
                     (12, "next-method-defined-name-taken", False), (26, "div-method-name-taken", False),
                     (28, "rdiv-method-name-taken", False), (29, "nonzero-method-name-taken", False)], found
    assert attached_left_alike(tmp_path, ATTACHED) == "[False, 1, 2, False, 'div', 'rdiv']\n"
