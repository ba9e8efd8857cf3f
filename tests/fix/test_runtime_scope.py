"""Scope safety of the runtime-semantics rules (issue 8, done-when 2): attributes, locals, parameters, methods
and keyword arguments named like hashlib, sys, os, cmp or message are never rewritten, while the same
module's real uses are; and what the rules leave alone (bytes already, operands read twice) stays."""
from __future__ import annotations

import textwrap

import pytest

from tests.fix.test_names_fixes import fix

# Lines marked `# keep` must come out byte-identical; each case also holds real uses, which must change.
CASES = {
    "hashlib as a parameter, local and attribute": ("""
        import hashlib
        def digest(hashlib, data):  # keep
            return hashlib.md5(str(data))  # keep
        def local(data):
            hashlib = Hasher()  # keep
            return hashlib.md5(str(data)).update(data)  # keep
        def attribute(self, data):
            return self.hashlib.md5(str(data)), self.md5(str(data))  # keep
        REAL = hashlib.md5(str(1)).hexdigest()
        """, "REAL = hashlib.md5(six.ensure_binary(str(1))).hexdigest()"),
    "update of something that is no hash object": ("""
        import hashlib
        def merge(options, data):
            options.update(str(data))  # keep
            h = hashlib.md5()
            h = {}  # keep
            h.update(str(data))  # keep
            digest = hashlib.sha1()
            digest.update(str(data))
            return digest
        """, "digest.update(six.ensure_binary(str(data)))"),
    "sys and os as locals and attributes": ("""
        import os
        import sys
        def handler(sys, os):  # keep
            return sys.exc_type, os.getcwdu()  # keep
        def attribute(self):
            return self.sys.exc_value, self.os.getcwdu(), self.getcwdu()  # keep
        REAL = sys.exc_value, os.getcwdu()
        """, "REAL = sys.exc_info()[1], six.moves.getcwd()"),
    "cmp as a method, a local, a keyword and a parameter": ("""
        def compare(self, a, b, cmp=None):  # keep
            return self.cmp(a, b), cmp(a, b), dict(cmp=1)  # keep
        def local(a, b):
            cmp = lambda x, y: 0  # keep
            return cmp(a, b)  # keep
        def effects(a, b):
            return cmp(a.pop(), b.pop())  # keep
        REAL = cmp(1, 2)
        """, "REAL = (1 > 2) - (1 < 2)"),
    "message of something that is no exception": ("""
        def show(response):
            return response.message  # keep
        try:
            int("x")
        except ValueError as exc:
            exc.message = "x"  # keep
            REAL = exc.message
        """, "REAL = str(exc)"),
    "bytes already": ("""
        import base64
        import hashlib
        import zlib
        def ready(data, text):
            return hashlib.md5(b"x"), zlib.compress(text.encode("utf-8")), hashlib.sha1(data.digest())  # keep
        def token(data):
            return base64.b64encode(memoryview(data)), base64.b64encode(bytearray(data))  # keep
        REAL = hashlib.md5("x")
        """, 'REAL = hashlib.md5(b"x")'),
    "sort with a function that is no comparison of the scope": ("""
        def other(items, compare):
            items.sort(compare)  # keep
        def twice(items):
            def compare(a, b):
                return 0
            compare = len
            items.sort(compare)  # keep
        def order(items):
            def compare(a, b):
                return 0
            ordered = list(items)
            ordered.sort(compare)
        """, "ordered.sort(key=functools.cmp_to_key(compare))"),
    "sort of a receiver not known to be a list, in a module with a sort of its own": ("""
        class Table(object):
            def sort(self, compare, reverse=False):
                self.compare = compare
        def compare(a, b):
            return a - b
        def unknown(table, rows):
            table.sort(compare)  # keep
            Table().sort(compare, reverse=True)  # keep
            rows = Table()
            rows = []
            rows.sort(compare)  # keep
        def known():
            rows = [3, 1, 2]
            ranked = sorted(rows)
            ranked.sort(compare)
            rows.sort(compare, reverse=True)
            [r for r in rows].sort(compare)
            return rows
        """, "rows.sort(key=functools.cmp_to_key(compare), reverse=True)"),
    "globals, vars and locals that are no module namespace": ("""
        def collect(globals, vars):  # keep
            for name in globals().keys():  # keep
                x = name
            for name, value in vars().items():  # keep
                x = name
        def local():
            for name in locals().keys():  # keep
                y = name
        class Holder(object):
            for name in globals().keys():  # keep
                pass
        for name in locals().copy():  # keep
            pass
        for name, value in globals().items():
            z = value
        """, "for name, value in list(globals().items()):"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_names_in_other_roles_are_never_rewritten(name):
    code, shows = CASES[name]
    code = textwrap.dedent(code).lstrip("\n")
    fixed, applied = fix(code)
    lines = fixed.splitlines()
    for line in code.splitlines():
        if line.endswith("# keep"):
            assert line in lines, fixed
    assert shows in [line.strip() for line in lines] and shows not in code, fixed
    assert fix(fixed) == (fixed, {})


def test_names_bound_to_each_other_end_the_search_for_bytes():
    code = "import zlib\ndef f(a):\n    b = a\n    a = b\n    return zlib.compress(a)\n"
    fixed, applied = fix(code)
    assert applied == {"str-to-bytes-api": 1}
    assert "return zlib.compress(six.ensure_binary(a))\n" in fixed
    bytes_too = "import zlib\ndef f(a):\n    a = zlib.compress(a)\n    return zlib.compress(a)\n"
    assert fix(bytes_too) == (bytes_too, {})  # a bound to bytes in the function: it deals in bytes


def test_a_loop_that_also_deletes_from_globals_is_listed_once():
    code = "for name in globals().keys():\n    del globals()[name]\n"
    fixed, applied = fix(code)
    assert fixed == "for name in list(globals().keys()):\n    del globals()[name]\n"
    assert applied == {"dict-keys-not-iterating": 1}
