"""`diracmod fix --unsafe` leaves a classic class whose type the module probes (tryout8b D5: PyYAML 3.10's
`class classobj: pass`, used as `isinstance(cls, type(self.classobj))` to tell old-style classes): with `(object)`
every new-style class took the old-style branch. check reports it as old-style-class-probed (DM413, not fixable),
and python2.7 runs the program the same after fix --unsafe --write; another class of the module is still made
new-style."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.fix.helpers import python27
from tests.fix.test_names_fixes import findings

PROGRAM = textwrap.dedent("""\
    class classobj: pass


    class Plain:
        pass


    class New(object):
        def __init__(self, a):
            self.a = a


    def classic(cls):
        return isinstance(cls, type(classobj))


    print classic(New), classic(Plain()), Plain.__name__
    """)


def test_a_probed_classic_class_stays_classic_under_fix_unsafe(tmp_path):
    assert [(f.line, f.symbol) for f in findings(PROGRAM) if "old-style" in f.symbol] == [
        (1, "old-style-class-probed"), (4, "old-style-class")]
    (tmp_path / "probe.py").write_text(PROGRAM)
    before = subprocess.run([python27(), "probe.py"], cwd=tmp_path, capture_output=True, text=True)
    assert (before.returncode, before.stdout) == (0, "False False Plain\n")
    proc = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--unsafe", "--write", "probe.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fixed = (tmp_path / "probe.py").read_text()
    assert "class classobj: pass" in fixed and "class Plain(object):" in fixed
    after = subprocess.run([python27(), "probe.py"], cwd=tmp_path, capture_output=True, text=True)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout)
    python3 = subprocess.run([sys.executable, "probe.py"], cwd=tmp_path, capture_output=True, text=True)
    # Python 3 has no classic class: type(classobj) is type itself there, which the probe's own code must mind
    assert (python3.returncode, python3.stdout) == (0, "True False Plain\n")
