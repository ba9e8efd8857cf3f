"""diracmod/source/star_imports.json is what python2.7 says its standard library's star imports bind."""
import json
import subprocess
from importlib import resources
from pathlib import Path

from diracmod.source import star_imports
from tests.fix.helpers import python27

GENERATOR = Path(__file__).parent.parent / "bench" / "star_imports_py27.py"


def test_the_table_is_python27s():
    made = subprocess.run([python27(), str(GENERATOR), *star_imports.INTRODUCED], capture_output=True, text=True,
                          timeout=300, check=True)
    stored = resources.files("diracmod.source").joinpath("star_imports.json").read_text("utf-8")
    assert json.loads(made.stdout) == json.loads(stored), \
        f"regenerate it: python2.7 {GENERATOR} {' '.join(star_imports.INTRODUCED)} > diracmod/source/star_imports.json"


def test_what_a_star_import_may_bind():
    assert not star_imports.may_bind("Tkinter", "open") and not star_imports.may_bind("Tkinter", "builtins")
    assert star_imports.may_bind("os", "open")  # os.open
    assert star_imports.may_bind("Tkinter", "Tk")  # a name the table does not consider: anything
    assert star_imports.may_bind("twisted.python.compat", "open")  # no standard module
