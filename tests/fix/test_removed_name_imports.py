"""Every name of every module the tables say Python 3 removed or renamed (diracmod/source/tables.py's
REMOVED_ATTRIBUTES, stdlib_moves.toml's `names` and attributes_removed_later), imported by `from M import name`
(alone, aliased, beside a name the module keeps, all of the module's at once) and read as `M.name`: check reads
it and fix rewrites or leaves it, neither stops on it (tryout8b D1: `from operator import div` was a KeyError in
rules/py3k/moves.py, the file's every other finding lost)."""
from __future__ import annotations

import pytest

from diracmod.cli import main
from diracmod.source.tables import REMOVED_ATTRIBUTES, REMOVED_LATER_ATTRIBUTES, STDLIB_MOVES
from tests.fix.test_names_fixes import findings, fix

TABLED: dict = {}  # module -> sorted names
for _modules in REMOVED_ATTRIBUTES.values():
    for _module, _names in _modules.items():
        TABLED.setdefault(_module, set()).update(_names)
for _module, _move in STDLIB_MOVES.items():
    TABLED.setdefault(_module, set()).update(_move.get("names", {}))
for _module, _names in REMOVED_LATER_ATTRIBUTES.items():
    TABLED.setdefault(_module, set()).update(_names)
TABLED = {module: sorted(names) for module, names in sorted(TABLED.items()) if names}


def _programs(module: str) -> list:
    names = TABLED[module]
    top = module.split(".")[0]
    programs = [f"from {module} import *\nprint({names[0]})\n",
                f"from {module} import ({', '.join(names)})\nprint({', '.join(names)})\n"]
    for name in names:
        programs += [f"from {module} import {name}\nprint({name})\n",
                     f"from {module} import {name} as other\nprint(other(1))\n",
                     f"from {module} import {name}, __name__ as n\nprint({name}, n)\n",
                     f"import {module}\nprint({module}.{name}(2))\n",
                     f"import {module} as m\nprint(m.{name})\n" if top == module else f"import {top}\n"]
    return programs


@pytest.mark.parametrize("module", TABLED)
def test_every_tabled_name_imported_from_its_module_is_checked_and_fixed_without_error(module):
    for text in _programs(module):
        found = findings(text)  # raised KeyError: 'operator' for `from operator import div`
        assert "internal-error" not in {f.symbol for f in found}, text
        fixed, _applied = fix(text)
        assert fixed and "internal-error" not in {f.symbol for f in findings(fixed)}, text


def test_from_operator_import_div_is_reported_and_the_files_other_findings_fixed(tmp_path, capsys):
    """The tryout's repro through the commands: check reports W1657 (left for a person: Python 3's operator has
    no div) and the print statement, fix rewrites the print statement and keeps the import."""
    (tmp_path / "pyproject.toml").write_text("")
    path = tmp_path / "b.py"
    path.write_text("from operator import div\n\nprint div(7, 2)\n")
    assert main(["check", "--no-cache", "-j", "1", "--select", "py3k", str(path)]) == 1
    out = capsys.readouterr()
    assert "internal-error" not in out.out + out.err
    assert "b.py:1: [W1657(deprecated-operator-function), " in out.out
    assert "b.py:3: [E1601(print-statement), " in out.out
    assert main(["fix", "--write", "-j", "1", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert "internal error" not in out.out + out.err
    text = path.read_text()
    assert "from operator import div\n" in text and "print(div(7, 2))\n" in text
