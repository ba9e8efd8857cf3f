"""tryout17b #4: a `del` of a list comprehension's variable, leaked on Python 2 (mutagen 1.22's class body `bitswap =
''.join([... for i in range(8)]) ... for val in range(256)])` then `del(i)` / `del(val)`), raises NameError on Python
3: check reports it (DM434 del-of-comprehension-variable, not fixable) at the `del`, and fix leaves it, Python 2
running the module alike."""
from diracmod.check import engine
from diracmod.source.reader import decode
from tests.fix.helpers import fixed_file_runs_alike

MUTAGEN = """\
class BitPaddedInt(object):
    bitswap = ''.join([chr(sum([((val >> i) & 1) << (7 - i) for i in range(8)])) for val in range(256)])
    del(i)
    del(val)


def squares(n):
    result = [x * x for x in range(n)]
    del x
    return result


print(len(BitPaddedInt.bitswap), squares(3), 'i' in dir(BitPaddedInt))
"""


def _findings(source):
    return engine.analyse("m.py", decode("m.py", source.encode()), engine.Plan(checkers=frozenset({"py3k"})))


def test_check_reports_the_del_of_a_leaked_comprehension_variable_not_fixable():
    found = [(f.line, f.symbol, f.fixable) for f in _findings(MUTAGEN) if f.symbol == "del-of-comprehension-variable"]
    assert found == [(3, "del-of-comprehension-variable", False), (4, "del-of-comprehension-variable", False),
                     (9, "del-of-comprehension-variable", False)]


def test_fix_leaves_the_del_and_python2_runs_alike(tmp_path):
    text, before = fixed_file_runs_alike(tmp_path, {"m.py": MUTAGEN}, "m.py", "m.py")
    assert before == "(256, [0, 1, 4], False)\n"
    assert "    del(i)\n    del(val)\n" in text and "    del x\n" in text
    dels = [number for number, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith("del")]
    assert len(dels) == 3
    assert [f.line for f in _findings(text) if f.symbol == "del-of-comprehension-variable"] == dels


def test_a_name_bound_otherwise_too_or_unseen_is_not_reported():
    sources = [
        "i = 0\nv = [i for i in range(3)]\ndel i\n",  # an assignment
        "import i\nv = [i for i in range(3)]\ndel i\n",  # an import
        "def f(i):\n    v = [i for i in range(3)]\n    del i\n",  # a parameter
        "def f():\n    global i\n    v = [i for i in range(3)]\n    del i\n",  # global
        "from m import *\nv = [i for i in range(3)]\ndel i\n",  # a star import may bind it
        "exec('i = 1')\nv = [i for i in range(3)]\ndel i\n",
        "v = list(i for i in range(3))\ndel i\n",  # a generator expression never leaked: Python 2 fails too
        "del i\nv = [i for i in range(3)]\n",  # the del before the comprehension
        "v = [i for i in range(3)]\ndel v\n",
    ]
    assert [s for s in sources if any(f.symbol == "del-of-comprehension-variable" for f in _findings(s))] == []
