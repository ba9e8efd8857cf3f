"""tryout17b #2: a module whose functions' source is read back as text (inspect.getsource, getsourcelines,
findsource) and compiled alone (`ast.parse(inspect.getsource(f))`, RestrictedPython's compiler) loses the module's
`from __future__ import print_function`: the print statements fix made calls (`print("foo", file=out)`) no longer
compile there, `print(a, b)` prints a tuple. fix leaves such a module whole with the reason (a call of a print
function cannot stay a statement: the file would not parse on Python 3), and check counts none of its findings
fixable. A module read by another module is not seen (README's known limits)."""
from __future__ import annotations

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

READS = {
    "attribute.py": "import ast\nimport inspect\n\n\ndef f(out):\n    print >>out, \"foo\"\n\n\n"
                    "tree = ast.parse(inspect.getsource(f))\nprint ast.dump(tree.body[0].body[0])\n",
    "imported.py": "import ast\nfrom inspect import getsourcelines as lines\n\n\ndef f(a, b):\n    print a, b\n\n\n"
                   "tree = ast.parse(''.join(lines(f)[0]))\nprint ast.dump(tree.body[0].body[0])\n",
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, READS)


@pytest.mark.parametrize("name", sorted(READS))
def test_a_module_reading_its_own_source_keeps_its_print_statements(project, capsys, name):
    before = python2_output(project, name)
    assert before.startswith("Print(dest=")
    main(["fix", "--write", str(project / name)])
    err = capsys.readouterr().err
    assert (project / name).read_text() == READS[name]
    assert python2_output(project, name) == before, "Python 2 behaviour changed"
    assert "reads its functions' source back" in err and "compiles it without the module's future imports" in err, err
    main(["check", "--no-cache", "--select", "py3k", str(project / name)])
    assert "fixable" not in capsys.readouterr().err
