"""tryout7 #1 #2 #3 #20: an object of another module's class (`from tbl import Table`, whose keys() returns a
tuple, whose sort takes no key=, whose next, has_key, encode and xreadlines are its own) reaching a receiver
through a call the module cannot see into: a standard library call handing it back (copy, pickle, a queue, a
deque, functools.reduce, itertools.chain, operator.itemgetter), a module imported by name, a generator, a
lambda or a closure bound to a name, functools.partial, a write through globals() or sys.modules. Before, the
flow took the call's result for the builtin's and fix rewrote `t.keys()` as `list(t.keys())` (a TypeError after
`+ ('x',)` on Python 2), `t.next()` as `next(t)`... Each program runs under python2.7 before the fix and after it,
and under Python 3 after it: the same output everywhere (the other module beside it)."""
from __future__ import annotations

import sys

import pytest

from tests.fix.helpers import python27
from tests.fix.test_names_fixes import findings, fix
from tests.fix.test_next_receivers import _SYMBOLS, _run

_TBL = {"tbl": "class Table(object):\n    def keys(self):\n        return ('k',)\n\n    def sort(self, cmp=None):\n"
               "        return 'own-sort'\n\n    def next(self):\n        return 'own-next'\n\n"
               "    def has_key(self, k):\n        return 'own-has-key'\n\n    def encode(self, codec):\n"
               "        return 'own-encode'\n\n    def xreadlines(self):\n        return 'own-xreadlines'\n\n"
               "    @classmethod\n    def make(cls):\n        return cls()\n\n\nTABLE = Table()\n"}
_IMPORT = "from tbl import Table\n"
_KEYS = "print(t.keys() + ('x',))\n"
_LEFT_KEYS = ["dict-not-iterating-class-defined"]

# name -> (the module run, the symbols check reports for it): fix leaves each call
LEFT = {
    "copy.copy": (_IMPORT + "import copy\nt = copy.copy(Table())\n" + _KEYS, _LEFT_KEYS),
    "copy.deepcopy": (_IMPORT + "import copy\nt = copy.deepcopy([Table()])[0]\n" + _KEYS, _LEFT_KEYS),
    "pickle.loads(pickle.dumps(t))": (_IMPORT + "import pickle\nt = pickle.loads(pickle.dumps(Table()))\n" + _KEYS,
                                      _LEFT_KEYS),
    "a queue's get after its put": (_IMPORT + "from six.moves import queue\nq = queue.Queue()\nq.put(Table())\n"
                                    "t = q.get()\n" + _KEYS + "print(t.sort(cmp=None))\n",
                                    _LEFT_KEYS + ["method-class-defined"]),
    "collections.deque([t]).pop()": (_IMPORT + "import collections\nt = collections.deque([Table()]).pop()\n" + _KEYS,
                                     _LEFT_KEYS),
    "functools.reduce": (_IMPORT + "import functools\nt = functools.reduce(lambda a, b: b, [0, Table()])\n" + _KEYS,
                         _LEFT_KEYS),
    "itertools.chain": (_IMPORT + "import itertools\nfor t in itertools.chain([Table()]):\n"
                        "    print(t.keys() + ('x',))\n", _LEFT_KEYS),
    "operator.itemgetter": (_IMPORT + "import operator\nt = operator.itemgetter(0)([Table()])\n" + _KEYS,
                            _LEFT_KEYS),
    "getattr of the module itself": ("import sys\nimport tbl\nT = tbl.TABLE\nt = getattr(sys.modules[__name__], 'T')\n"
                                     + _KEYS, _LEFT_KEYS),
    "importlib.import_module": ("import importlib\nt = importlib.import_module('tbl').Table()\n" + _KEYS
                                + "print(t.has_key('a'))\n", _LEFT_KEYS + ["dict-has-key-class-defined"]),
    "__import__": ("t = __import__('tbl').TABLE\n" + _KEYS, _LEFT_KEYS),
    "a factory staticmethod of a class of the module": (
        _IMPORT + "\n\nclass Factory(object):\n    @staticmethod\n    def make():\n        return Table()\n\n"
        "    @classmethod\n    def build(cls):\n        return Table.make()\n\n\nt = Factory.make()\n" + _KEYS
        + "print(Factory.build().keys() + ('y',))\n", _LEFT_KEYS * 2),
    "next() of a generator": (_IMPORT + "\n\ndef rows():\n    yield Table()\n\n\nt = next(rows())\n" + _KEYS,
                              _LEFT_KEYS),
    "a for loop over a generator": (_IMPORT + "\n\ndef rows():\n    for x in [1]:\n        yield Table()\n\n\n"
                                    "for t in rows():\n    print(t.has_key('a'))\n", ["dict-has-key-class-defined"]),
    "a lambda bound to a name": (_IMPORT + "make = lambda: Table()\nt = make()\n" + _KEYS + "print(t.next())\n",
                                 _LEFT_KEYS + ["next-method-called-attribute-assigned"]),
    "a closure": (_IMPORT + "\n\ndef outer():\n    def make():\n        return Table()\n    return make\n\n\n"
                  "t = outer()()\n" + _KEYS, _LEFT_KEYS),
    "functools.partial": (_IMPORT + "import functools\nt = functools.partial(Table)()\n" + _KEYS
                          + "print(t.encode('hex'))\n", _LEFT_KEYS + ["method-class-defined"]),
    "a write through globals()": (_IMPORT + "globals()['t'] = Table()\n" + _KEYS + "print(t.xreadlines())\n",
                                  _LEFT_KEYS + ["method-class-defined"]),
    "setattr of the module in sys.modules": (_IMPORT + "import sys\nsetattr(sys.modules[__name__], 't', Table())\n"
                                             + _KEYS, _LEFT_KEYS),
}


@pytest.mark.parametrize("name", sorted(LEFT))
def test_an_object_of_another_module_through_a_call_unseen_is_left(name, tmp_path):
    code, symbols = LEFT[name]
    found = [f for f in findings(code) if f.symbol in _SYMBOLS | {"dict-has-key", "dict-has-key-class-defined"}]
    assert [f.symbol for f in found] == symbols
    assert not any(f.fixable for f in found)
    fixed = fix(code)[0]
    assert fixed == code
    before = _run(python27(), {"m": code, **_TBL}, tmp_path)
    assert "Error" not in before
    after = _run(python27(), {"m": fixed, **_TBL}, tmp_path)
    assert after == _run(sys.executable, {"m": fixed, **_TBL}, tmp_path) == before


def test_calls_known_to_make_a_new_builtin_value_are_still_rewritten(tmp_path):
    """The precision kept: a standard library function making a new value that holds none of what it is given
    (json.loads, re.match(...).groupdict(), os.environ.copy(), os.path.join), a typed builtin (dict(t)), a
    standard library class's object (OrderedDict), a tuple target given its own element of a display, a method
    taking an argument (`self.assertEqual(x, t)`) that puts nothing into its object, a method of the module's
    class called on another object (`other.build()`), are the builtin's: rewritten, and the fixed program runs
    as before on python2.7."""
    code = (_IMPORT + "import collections\nimport json\nimport os\nimport re\nt = Table()\n"
            "print(sorted(json.loads('{\"a\": 1}').keys() + ['x']))\n"
            "print(re.match('(?P<k>.)', t.keys()[0]).groupdict().keys() + ['x'])\n"
            "print(len(os.environ.copy().keys() + ['x']) > 0)\nprint(dict(a=t).keys() + ['x'])\n"
            "print(collections.OrderedDict(a=t).keys() + ['x'])\nrows, d = [t], {'b': 2}\nprint(d.keys() + ['x'])\n"
            "it, other = iter([1]), t\nprint(it.next())\n\n\nclass Case(object):\n    def check(self, x):\n"
            "        self.register(x, Table())\n        got = self.build()\n        return got.keys() + ['x']\n\n"
            "    def register(self, *args):\n        pass\n\n    def build(self):\n        return {'c': 3}\n\n\n"
            "class Other(object):\n    def make(self):\n        return Table()\n\n\n"
            "def use(helper):\n    return helper.make().keys() + ['x']\n\n\n"
            "print(Case().check(t))\nprint(use(collections.namedtuple('H', 'make')(dict)))\n")
    found = [(f.line, f.symbol) for f in findings(code) if f.symbol in _SYMBOLS]
    assert found == [(7, "dict-keys-not-iterating"), (8, "dict-keys-not-iterating"),
                     (8, "dict-not-iterating-class-defined"),  # t.keys() itself
                     (9, "dict-keys-not-iterating"), (10, "dict-keys-not-iterating"), (11, "dict-keys-not-iterating"),
                     (13, "dict-keys-not-iterating"), (15, "next-method-called"), (22, "dict-keys-not-iterating"),
                     (37, "dict-keys-not-iterating")]
    fixed = fix(code)[0]
    before = _run(python27(), {"m": code, **_TBL}, tmp_path)
    assert "Error" not in before
    assert _run(python27(), {"m": fixed, **_TBL}, tmp_path) == before
