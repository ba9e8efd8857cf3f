"""`.encode('hex')` / `.decode('base64')` on an object the standard library makes with encode()/decode() methods of
its own (json.JSONEncoder, email.header.Header, an incremental encoder): not a str, so fix must not make it
codecs.encode(obj, 'hex') (tryout8 #12, a TypeError on Python 2 after the rewrite). check reports it under
method-class-defined (DM186, not fixable); a str made by a standard library function (`os.urandom(4)`,
`binascii.hexlify(s)`) is still rewritten. Runs under python2.7 before and after the fix."""
from __future__ import annotations

import textwrap

import pytest

from tests.fix.helpers import fixed_runs_as_before, python27
from tests.fix.test_names_fixes import findings, fix
from tests.fix.test_rebound_receivers import _run

PROGRAM = textwrap.dedent("""\
    from __future__ import print_function
    import binascii
    import codecs
    import email.header
    import json
    from json import JSONDecoder

    enc = json.JSONEncoder()
    print(enc.encode('hex'), enc.encode('base64'))
    h = email.header.Header('x')
    print(h.encode('hex'))
    print(JSONDecoder().decode('"hex"'))
    w = codecs.getincrementalencoder('utf-8')()
    print(repr(w.encode('hex')))
    print(binascii.hexlify('ab').decode('hex'))
    """)


def test_a_standard_library_objects_own_encode_is_left_and_a_str_rewritten(tmp_path):
    found = [(f.line, f.symbol) for f in findings(PROGRAM) if "codec" in f.symbol or f.symbol == "method-class-defined"]
    assert found == [(9, "method-class-defined"), (9, "method-class-defined"), (11, "method-class-defined"),
                     (14, "method-class-defined"), (15, "invalid-str-codec")]
    before = _run(python27(), PROGRAM, tmp_path, "before")
    assert before[:2] == (0, '"hex" "base64"\nx\nhex\n\'hex\'\nab\n')
    fixed, applied = fix(PROGRAM)
    assert applied.get("invalid-str-codec") == 1 and "codecs.decode(binascii.hexlify(b'ab'), 'hex')" in fixed
    assert "enc.encode('hex')" in fixed and "h.encode('hex')" in fixed and "w.encode('hex')" in fixed
    assert _run(python27(), fixed, tmp_path, "after") == before


STR_LIKE = textwrap.dedent("""\
    from __future__ import print_function
    from UserString import UserString, MutableString
    import UserString as US


    class Hex(UserString):
        pass


    class Mutable(US.MutableString):
        def __init__(self, s):
            US.MutableString.__init__(self, s)


    class Shown(Mutable):
        pass


    u = UserString("ab")
    h = Hex("ab")
    print(repr(u.encode("hex")), repr(MutableString("ab").encode("hex")), repr(h.encode("hex")))
    print(repr(Mutable("ab").encode("hex")), repr(Shown("6162").decode("hex")))
    print(repr("ab".encode("hex")), repr(u"ab".encode("hex")))
    """)


def test_a_str_like_object_of_userstring_or_a_class_deriving_from_it_is_left(tmp_path):
    """UserString("ab").encode("hex") is UserString's own encode (a UserString('6162')), codecs.encode of it a
    TypeError on Python 2; so too for an object of a class of the module deriving from UserString or MutableString,
    directly or through another class of the module. A str's and a unicode's are still rewritten."""
    fixed, result, output = fixed_runs_as_before(tmp_path, STR_LIKE)
    assert output == "'6162' '6162' '6162'\n'6162' 'ab'\n'6162' '6162'\n"
    assert result.applied.get("invalid-str-codec") == 2
    assert 'print(repr(codecs.encode("ab", "hex")), repr(codecs.encode(u"ab", "hex")))' in fixed
    left = [(f.line, f.message.split(" where ")[1][:14]) for f in findings(STR_LIKE)
            if f.symbol == "method-class-defined"]
    assert left == [(21, "`u` may be an "), (21, "`MutableString"), (21, "`h` may be an "), (22, "`Mutable('ab')"),
                    (22, "`Shown('6162')")]


SIX_SPELLED = textwrap.dedent("""\
    {imports}


    class Name({base}):
        pass


    class Inner(Name):
        pass


    n = Name("cd")
    print n.encode("hex"), Inner("ab").encode("hex"), n.upper()
    """)


@pytest.mark.parametrize("imports, base", [
    ("from UserString import UserString", "UserString"),  # run 1 makes it `from six.moves import UserString`
    ("import UserString", "UserString.UserString"),  # run 1 makes it six.moves.UserString
    ("from six.moves import UserString", "UserString"),
    ("import six", "six.moves.UserString"),
    ("from six import moves", "moves.UserString"),
])
def test_a_class_deriving_from_a_six_moves_spelling_of_userstring_is_left(tmp_path, imports, base):
    """UserString by any six.moves spelling is the standard library's class on Python 2 (tryout27 #5): its objects'
    encode() is UserString's, which codecs.encode refuses. Left in the run that rewrites the import and in the next,
    which changes nothing (fixed_runs_as_before)."""
    fixed, result, output = fixed_runs_as_before(tmp_path, SIX_SPELLED.format(imports=imports, base=base))
    assert output == "6364 6162 CD\n"
    assert "invalid-str-codec" not in result.applied and "codecs" not in fixed


def test_pythons_3_spelling_of_userstring_is_a_standard_library_class_too():
    """collections.UserString (Python 3's, which a hybrid module may import first): the same class's objects."""
    code = SIX_SPELLED.format(imports="from collections import UserString", base="UserString")
    assert [f.line for f in findings(code) if f.symbol == "method-class-defined"] == [13, 13]
