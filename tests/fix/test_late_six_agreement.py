"""check and fix agree on the rewrites fix leaves because of where the module gets six (functools, codecs...)
from: tryout7 #23, a module whose own `import six` stands below code setting up where imports are found (a vendored
six put on sys.path first), and tryout7 #24, a module binding six by an import in a block (`try: import six` /
`except ImportError: from vendor import six`, `if X: import six`). fix leaves the rewrites naming that module (an
import at the top would run before the set-up; the block's six may not be the top-level one); check counted them
fixable ("[*] N fixable" promised what fix did not do). Both now read one function
(diracmod/source/import_setup.py), and check reports those findings as rewrite-name-bound-by-module (DM196), split
off their rules, not fixable; fix, given none of them, still leaves them and makes the module's other rewrites."""
from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections import Counter

import pytest
import six

from diracmod.check import engine
from diracmod.fix.engine import fix_file
from diracmod.source import reader
from tests.fix.helpers import everything, python27

SIX_RULES = {"unicode-builtin", "xrange-builtin", "dict-iter-method"}
# the output is the same on python2.7 before and after fix: six's PY2, a list, an iterator's class, a text, apply's call
PRINTED = "True [0, 1] dictionary-itemiterator 3 3\n"
BODY = """\
d = {1: 2}
sys.stdout.write("%s %s %s %s %s\\n" % (six.PY2, list(xrange(2)), d.iteritems().__class__.__name__, unicode(3),
                                        apply(max, (1, 3))))
"""
LATE = """\
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vendor'))
import six
""" + BODY
IN_TRY = """\
import sys
try:
    import six
except ImportError:
    from vendor import six
""" + BODY
IN_IF = """\
import sys
if sys.version_info[0] == 2:
    import six
""" + BODY
ORDINARY = "import sys\n\nimport six\n" + BODY


def _findings(path) -> list:
    return engine.analyse(str(path), reader.decode(str(path), path.read_bytes()), engine.Plan(checkers=frozenset({"py3k"})))


def _vendored(tmp_path):
    """vendor/ holding six as a plain directory on sys.path (LATE) and as a package (IN_TRY's `from vendor import six`)."""
    vendor = tmp_path / "vendor"
    vendor.mkdir()
    shutil.copy(six.__file__, vendor / "six.py")
    (vendor / "__init__.py").write_text("")


def _counted(findings) -> Counter:
    """check's fixable findings per rule, less what the future-import policy (not given here) adds."""
    return Counter(f.symbol for f in findings if f.fixable and f.symbol != "no-absolute-import")


@pytest.mark.parametrize("source, how", [(LATE, "below code setting up where imports are found"),
                                         (IN_TRY, "in a block"), (IN_IF, "in a block")],
                         ids=["below-sys-path-insert", "try-except-vendored", "if-block"])
def test_check_counts_fixable_only_what_fix_rewrites(tmp_path, source, how):
    path = tmp_path / "m.py"
    path.write_text(source)
    _vendored(tmp_path)
    found = _findings(path)
    left = [f for f in found if f.symbol == "rewrite-name-bound-by-module"]
    assert sorted(f.split_from for f in left) == sorted(SIX_RULES)
    assert all(not f.fixable and "`six`" in f.message and how in f.message for f in left), [f.message for f in left]
    assert not SIX_RULES & {f.symbol for f in found}
    result = fix_file(str(path), everything())
    assert result.refused is None
    assert _counted(found) == Counter(result.applied) - Counter({"no-absolute-import": 1000}) \
        == Counter({"apply-builtin": 1})  # apply(max, (1, 3)) -> max(*(1, 3)), which needs no import
    fixed = result.new.decode()
    assert "max(*(1, 3))" in fixed and "xrange(2)" in fixed and "unicode(3)" in fixed and "iteritems()" in fixed
    assert fixed.count("import six") == source.count("import six") and "six.moves" not in fixed and "six.text_type" not in fixed
    assert {f.symbol for f in result.left} >= {"rewrite-name-bound-by-module"}
    again = tmp_path / "again.py"  # what fix made is what check reads again: nothing fixable left
    again.write_text(fixed)
    assert not _counted(_findings(again))
    py27 = python27()
    assert subprocess.run([py27, str(path)], capture_output=True, text=True).stdout == PRINTED
    assert subprocess.run([py27, str(again)], capture_output=True, text=True).stdout == PRINTED


def test_an_ordinary_six_import_is_still_rewritten(tmp_path):
    """The control: a module-level `import six` above any set-up, no block: check counts the six rewrites fixable and
    fix makes them."""
    path = tmp_path / "m.py"
    path.write_text(ORDINARY)
    found = _findings(path)
    assert "rewrite-name-bound-by-module" not in {f.symbol for f in found}
    result = fix_file(str(path), everything())
    assert _counted(found) == Counter(result.applied) - Counter({"no-absolute-import": 1000})
    assert set(result.applied) >= SIX_RULES | {"apply-builtin"}


def test_a_later_import_below_other_code_is_no_set_up(tmp_path):
    """Code above the import that sets up nothing about where imports are found (a name bound first): the import at
    the top finds the same module, and the rewrites are made and counted fixable (tryout7 #23's limit)."""
    path = tmp_path / "m.py"
    path.write_text("import sys\nVERSION = 2\nimport six\n" + BODY)
    found = _findings(path)
    assert "rewrite-name-bound-by-module" not in {f.symbol for f in found}
    result = fix_file(str(path), everything())
    assert _counted(found) == Counter(result.applied) - Counter({"no-absolute-import": 1000})
    assert set(result.applied) >= SIX_RULES


def test_the_set_up_may_also_hold_a_later_functools_import(tmp_path):
    """functools below a sys.path set-up: sorted(cmp=f)'s key=functools.cmp_to_key(f) is left and counted so."""
    path = tmp_path / "m.py"
    path.write_text(textwrap.dedent("""\
        import sys
        sys.path.append('lib')
        import functools
        print(sorted([2, 1], cmp=lambda a, b: a - b), functools.partial)
        """))
    found = _findings(path)
    assert [f.split_from for f in found if f.symbol == "rewrite-name-bound-by-module"] == ["using-cmp-argument"]
    result = fix_file(str(path), everything())
    assert "using-cmp-argument" not in result.applied and "cmp_to_key" not in (result.new or b"").decode()
