"""diracmod/source/star_imports.json is what python2.7 and the Pythons 3 say their standard library's star
imports bind."""
import json
import subprocess
import sys
from pathlib import Path

from diracmod.source import star_imports
from tests.fix.helpers import python27

GENERATOR = Path(__file__).parent.parent / "bench" / "star_imports.py"
REGENERATE = (f"regenerate it: python3 {GENERATOR} --table PYTHON2.7 PYTHON3.6 ... PYTHON3.13 -- "
              f"{' '.join(star_imports.NAMES)} > diracmod/source/star_imports.json")


def _part(python, names):
    made = subprocess.run([python, str(GENERATOR), *names], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(made.stdout)


def test_the_python2_part_is_python27s():
    assert _part(python27(), star_imports.NAMES) == star_imports.TABLE["python2"], REGENERATE


def test_the_python3_part_covers_the_running_python():
    stored = star_imports.TABLE["python3"]
    made = _part(sys.executable, star_imports.TABLE["python2"]["names"])
    assert f"python{sys.version_info.major}.{sys.version_info.minor} {sys.version.split()[0]}:" in \
        " ".join(stored["how"]), REGENERATE
    assert set(made["modules"]) <= set(stored["modules"]) and set(made["failed"]) <= set(stored["failed"])
    assert set(stored["names"]) <= set(made["names"])
    for module, names in made["binds"].items():
        assert set(names) & set(stored["names"]) <= set(stored["binds"].get(module, ())), (module, REGENERATE)


def test_what_a_star_import_may_bind():
    assert not star_imports.may_bind("Tkinter", "open") and not star_imports.may_bind("Tkinter", "builtins")
    assert star_imports.may_bind("os", "open")  # os.open
    assert star_imports.may_bind("Tkinter", "Tk")  # a name the table does not consider: anything
    assert star_imports.may_bind("twisted.python.compat", "open")  # no standard module
    # Python 3's tarfile and bz2 list open in their __all__, Python 2's do not
    assert star_imports.may_bind("tarfile", "open") and star_imports.may_bind("bz2", "open")
    assert not star_imports.may_bind("os.path", "open")  # posixpath, which no walk finds as os.path
    assert star_imports.binds("os", "environ") and not star_imports.may_bind("sys", "environ")
    assert not star_imports.binds("os", "path")  # a name the table does not consider: no certainty
