"""Why fix leaves a file, said as precisely as check says it (tryout10b #4, #7)."""
from __future__ import annotations

import os
import subprocess

from diracmod.check import engine
from diracmod.core.config import FUTURE_FEATURES
from diracmod.fix.engine import fix_bytes
from diracmod.fix.futures import Policy
from diracmod.source.reader import decode
from tests.fix.helpers import everything, python27


def test_a_python3_keyword_is_named_as_check_names_it():
    """tryout10b #7 (Beaker's synchronization.py): `async` as a name; fix said "invalid syntax (line 5)", check
    "`async` is a keyword in Python 3"."""
    code = b"import os\n\n\ndef wait(async=False):\n    print 'x'\n    return async\n"
    refused = fix_bytes("m.py", code, everything()).refused
    assert "`async` is a keyword in Python 3 (line 4)" in refused, refused


_ISO = ('"""ISO dates.\n\n>>> import iso8601\n>>> iso8601.x\n1\n>>> iso8601.ys()\n[0, 1]\n"""\nimport re\n\nx = 1\n\n\n'
        'def ys():\n    return list(xrange(2))\n')


def _package(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    module = tmp_path / "pkg" / "iso8601.py"
    module.write_text(_ISO)
    return module


def _doctest(tmp_path) -> str:
    """python2.7's doctest of pkg.iso8601, imported from its package (its example imports the module itself)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    proc = subprocess.run([python27(), "-c", "import doctest, pkg.iso8601 as m; print(doctest.testmod(m))"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr


def test_a_doctest_example_importing_a_sibling_implicitly_is_said_by_check_and_fix(tmp_path):
    """tryout10b #4 (colander/iso8601.py): a docstring example `>>> import iso8601` keeps absolute_import out (doctest
    compiles examples under the module's future imports); check counted the W1618 fixable, fix left it silently.
    Now check reports DM176 (fix leaves it, with why) and fix says why it did not add the import."""
    module = _package(tmp_path)
    found = engine.analyse(str(module), decode(str(module), _ISO.encode()), engine.Plan(checkers=frozenset({"py3k"})))
    absolute = [f for f in found if f.symbol.startswith("no-absolute-import")]
    assert [(f.symbol, f.fixable) for f in absolute] == [("no-absolute-import-code-from-strings", False)]
    assert "a doctest example imports iso8601 from its own package implicitly" in absolute[0].message
    before = _doctest(tmp_path)
    assert "TestResults(failed=0, attempted=3)" in before, before
    result = fix_bytes(str(module), _ISO.encode(), everything(Policy(names=FUTURE_FEATURES)))
    assert result.refused is None and result.new is not None
    assert any(note.startswith("`from __future__ import absolute_import` not added: a doctest example imports "
                               "iso8601") for note in result.notes), result.notes
    fixed = result.new.decode()
    assert "absolute_import" not in fixed and "from __future__ import division" in fixed
    # check and fix agree: nothing check counts fixable is left after the fix
    assert not [f for f in engine.analyse(str(module), decode(str(module), result.new),
                                          engine.Plan(checkers=frozenset({"py3k"}))) if f.fixable]
    module.write_bytes(result.new)
    assert _doctest(tmp_path) == before
