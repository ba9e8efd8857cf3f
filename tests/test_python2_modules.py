"""diracmod/source/python2_modules.json is python2.7's list of its standard top-level modules (tryout29b #2: those
Python 3.11 dropped, future_builtins, __main__, formatter..., were taken for modules found nowhere)."""
import json
import subprocess
from pathlib import Path

from diracmod.source.tables import PY2_STDLIB_MODULES
from diracmod.rules.py3k.imports import found_nowhere
from tests.fix.helpers import python27

ROOT = Path(__file__).parent.parent
GENERATOR = ROOT / "bench" / "python2_modules.py"
STORED = ROOT / "diracmod" / "source" / "python2_modules.json"


def test_the_table_is_python27s():
    made = subprocess.run([python27(), "-B", str(GENERATOR)], capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(made.stdout) == json.loads(STORED.read_text()), \
        f"regenerate it: PYTHON2.7 -B {GENERATOR} > {STORED}"


def test_python2_standard_modules_are_found_whatever_python3_runs_diracmod():
    dropped = {"future_builtins", "__main__", "formatter", "parser", "symbol", "binhex", "dummy_threading", "strop",
               "macpath", "asyncore", "imp", "distutils", "cgi", "telnetlib"}
    assert dropped <= PY2_STDLIB_MODULES and "test" not in PY2_STDLIB_MODULES
    assert not any(found_nowhere(name) for name in dropped)
    assert found_nowhere("zzfoo_generated")
