"""tryout9 #13 and #2: `codecs.open(...).xreadlines()` iterated the wrapped file's undecoded lines on Python 2 (the stream
hands xreadlines over to the file); `for line in f` decodes them: the rewrite is left (method-class-defined)."""
from __future__ import annotations

from diracmod.fix import engine
from tests.fix.helpers import everything, python27
from tests.fix.test_runtime_behaviour import _run


def test_xreadlines_of_a_codecs_stream_is_left_and_a_files_rewritten(tmp_path):
    (tmp_path / "data.txt").write_bytes("caf\u00e9\nb\n".encode("utf-8"))
    code = ("import codecs\nf = codecs.open('data.txt', encoding='utf-8')\nfor line in f.xreadlines():\n"
            "    print repr(line)\ng = open('data.txt')\nfor line in g.xreadlines():\n    print repr(line)\n"
            "r = codecs.getreader('utf-8')(open('data.txt'))\nfor line in r.xreadlines():\n    print repr(line)\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "f.xreadlines()" in fixed and "r.xreadlines()" in fixed and "in g:" in fixed
    assert [f.symbol for f in result.left].count("method-class-defined") == 2
    before = _run(python27(), code, tmp_path)
    assert before[0] == 0 and before[1].count("'caf\\xc3\\xa9\\n'") == 3
    assert _run(python27(), fixed, tmp_path) == before


def test_has_key_where_a_class_of_the_module_defines_contains_stays_under_unsafe(tmp_path):
    # tryout9 #2: a dict subclass overriding __contains__: Python 2's has_key never calls it, `in` does
    code = ("class CIDict(dict):\n    def __setitem__(self, k, v):\n        dict.__setitem__(self, k.lower(), v)\n"
            "    def __contains__(self, k):\n        return dict.__contains__(self, k.lower())\n"
            "d = CIDict()\nd['A'] = 1\nprint d.has_key('A'), {'a': 1}.has_key('a')\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())  # --unsafe's plan
    fixed = result.new.decode()
    assert "d.has_key('A')" in fixed
    assert [f.symbol for f in result.left].count("dict-has-key-class-defined") == 2
    before = _run(python27(), code, tmp_path)
    assert before == (0, "False True\n") and _run(python27(), fixed, tmp_path) == before


def test_xreadlines_is_rewritten_only_where_the_receiver_is_known_to_be_a_plain_file(tmp_path):
    # tryout10 #1: a codecs stream kept in an attribute, a list, made through a reader class held in a name or
    # handed to a function gave the file's undecoded lines on Python 2; `for line in f` decodes them. Only a
    # receiver known to be a plain file (open()/file()/os.fdopen(), or a name bound only to one) is rewritten.
    (tmp_path / "data.txt").write_bytes("caf\u00e9\n".encode("utf-8"))
    left = ("import codecs as C\nimport sys\nclass R(object):\n    def __init__(self):\n"
            "        self.f = C.open('data.txt', encoding='utf-8')\n    def go(self):\n"
            "        return list(self.f.xreadlines())\nprint R().go()\n"
            "def lines(fh):\n    return list(fh.xreadlines())\nprint lines(C.open('data.txt', encoding='utf-8'))\n"
            "Reader = C.getreader('utf-8')\nf1 = Reader(open('data.txt'))\nprint [l for l in f1.xreadlines()]\n"
            "files = [C.open('data.txt', encoding='utf-8')]\nprint [l for l in files[0].xreadlines()]\n")
    plain = ("import os\ng = open('data.txt')\nprint list(g.xreadlines())\nprint list(file('data.txt').xreadlines())\n"
             "with open('data.txt', 'rb') as h:\n    print list(h.xreadlines())\n"
             "def count():\n    return len(list(g.xreadlines()))\nprint count()\n"
             "d = os.fdopen(os.open('data.txt', os.O_RDONLY))\nprint list(d.xreadlines())\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), (left + plain).encode(), everything())
    fixed = result.new.decode()
    assert fixed.count("xreadlines()") == 4, fixed
    assert [f.symbol for f in result.left].count("method-class-defined") == 4
    assert "list(g)" in fixed and "('data.txt'))\n" in fixed and "list(h)" in fixed and "list(d)" in fixed
    before = _run(python27(), left + plain, tmp_path)
    assert before[0] == 0 and before[1].count("'caf\\xc3\\xa9\\n'") == 8, before
    assert _run(python27(), fixed, tmp_path) == before


def test_xreadlines_of_a_file_an_exec_in_the_function_may_rebind_is_left(tmp_path):
    # tryout11 #1: Python 2's exec statement without `in` writes the function's locals: `f` may be a codecs stream
    (tmp_path / "data.txt").write_bytes("caf\u00e9\nb\n".encode("utf-8"))
    code = ("import codecs\ndef run():\n    f = open('data.txt')\n    exec 'f = codecs.getreader(\"utf-8\")(f)'\n"
            "    return [type(l).__name__ for l in f.xreadlines()]\n"
            "def plain():\n    g = open('data.txt')\n    return [type(l).__name__ for l in g.xreadlines()]\n"
            "import sys\nsys.stdout.write('%s %s\\n' % (run(), plain()))\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "f.xreadlines()" in fixed and "for l in g]" in fixed, fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, "['str', 'str'] ['str', 'str']\n")
    assert _run(python27(), fixed, tmp_path) == before
