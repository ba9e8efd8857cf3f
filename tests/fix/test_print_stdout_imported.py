"""tryout27 #10: a plain print statement whose later value calls a module-level function of another module of the
project that assigns (or closes, truncates, seeks) sys.stdout: Python 2 wrote the items before it to the sys.stdout
of then, print() evaluates every value first, then looks sys.stdout up. The project index names those functions
(ProjectIndex.stdout_writers, by the test print_order applies to the module's own defs), and check and fix
resolve the called name through the module's imports (`from helpers import capture`, `helpers.capture()`, an
implicit or explicit relative import of a package sibling, `from pkg.streams import swap`): DM111, the module left
whole as for a function of its own; python2.7 runs the project alike before and after fix."""
import json

import pytest

from diracmod.cli import main
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python2_output

HELPERS = """import sys
from StringIO import StringIO
_saved = []
def capture():
    _saved.append(sys.stdout)
    sys.stdout = StringIO()
    return "capturing"
def release():
    buf = sys.stdout
    sys.stdout = _saved.pop()
    return buf.getvalue()
def label():
    return "label"
"""
STREAMS = HELPERS.replace("capturing", "swapping").replace("capture", "swap").replace("release", "restore")
SHOWN = "out = restore()\nprint 'got', repr(out)\n"  # what went to the StringIO
# functions reaching sys.stdout through further calls of functions of their module, a cycle among them
LAYERED = HELPERS.replace("def capture():", "def enter(again=False):\n    return enter() if again else _layer()\n"
                          "def _layer():\n    return capture()\ndef capture():")
FILES = {
    "helpers.py": HELPERS,
    "m.py": """import sys
from helpers import capture, release
import helpers

print "start", capture()
print "inside"
out = release()
print "got", repr(out)
print "again", helpers.capture()
out = helpers.release()
print "got2", repr(out)
""",
    "pkg/__init__.py": "",
    "pkg/streams.py": STREAMS,
    # an explicit relative import, an implicit relative one (Python 2 imports pkg/streams.py), a dotted one, the
    # module imported from its package, a star import
    "pkg/rel.py": "from .streams import swap, restore\nprint 'rel', swap()\n" + SHOWN,
    "pkg/implicit.py": "from streams import swap as s, restore\nprint 'imp', s()\n" + SHOWN,
    "pkg/dotted.py": "from pkg.streams import swap, restore\nprint 'dot', swap()\n" + SHOWN,
    "pkg/sibling.py": ("from . import streams\nprint 'sib', streams.swap()\n"
                       + SHOWN.replace("restore", "streams.restore")),
    "pkg/star.py": "from streams import *\nprint 'star', swap()\n" + SHOWN,
    # a function of that module that touches no stream: rewritten as before
    "pkg/plain.py": "from .streams import label\nprint 'plain', label()\n",
    "layered.py": LAYERED,
    "further.py": ("from layered import enter, release\nprint 'further', enter()\n"
                   + SHOWN.replace("restore", "release")),
    "main.py": "import m\nimport pkg.rel, pkg.implicit, pkg.dotted, pkg.sibling, pkg.star, pkg.plain\nimport further\n",
}
LEFT = ["m.py", "pkg/rel.py", "pkg/implicit.py", "pkg/dotted.py", "pkg/sibling.py", "pkg/star.py", "further.py"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, FILES)


def test_the_index_names_the_functions_writing_sys_stdout(project):
    index = project_index.build(str(project), (), 10 ** 6)
    assert index.stdout_writers == (("helpers", "capture"), ("helpers", "release"), ("layered", "_layer"),
                                    ("layered", "capture"), ("layered", "enter"), ("layered", "release"),
                                    ("streams", "restore"), ("streams", "swap"))


def test_fix_leaves_a_print_calling_another_modules_stdout_writer(project, capsys):
    before = python2_output(project, "main.py")
    assert before.startswith("start got 'capturing\\ninside\\n'\nagain got2 'capturing\\n'\nrel got 'swapping\\n'\n")
    assert main(["fix", "--write", "-j", "1", str(project)]) == 1
    for name in LEFT:
        assert "print '" in (project / name).read_text() or 'print "' in (project / name).read_text(), name
    assert "print('plain', label())" in (project / "pkg/plain.py").read_text()
    assert "six.moves" in (project / "helpers.py").read_text()  # the helpers still get their rewrites
    assert python2_output(project, "main.py") == before, "Python 2 behaviour changed"


def test_check_reports_the_print_as_dm111_not_fixable(project, capsys):
    main(["check", "--no-cache", "--select", "py3k", "--format", "json", *(str(project / name) for name in LEFT)])
    found = json.loads(capsys.readouterr().out)
    late = sorted((row["path"].split("/")[-1], row["line"], row["message"].split(" calls ")[1].split("()")[0])
                  for row in found if row["symbol"] == "print-stream-evaluated-late")
    assert late == [("dotted.py", 2, "swap"), ("further.py", 2, "enter"), ("implicit.py", 2, "s"),
                    ("m.py", 5, "capture"), ("m.py", 9, "helpers.capture"), ("rel.py", 2, "swap"),
                    ("sibling.py", 2, "streams.swap"), ("star.py", 2, "swap")]
    assert found and not any(row["fixable"] for row in found)


def test_the_result_cache_keys_on_the_other_modules_writers(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"helpers.py": HELPERS.replace("    sys.stdout = StringIO()\n", ""),
                                               "m.py": FILES["m.py"]})

    def late():
        main(["check", "--select", "py3k", "--format", "json", str(root / "m.py")])
        return [row["line"] for row in json.loads(capsys.readouterr().out)
                if row["symbol"] == "print-stream-evaluated-late"]

    assert late() == []  # capture() assigns no sys.stdout
    (root / "helpers.py").write_text(HELPERS)
    assert late() == [5, 9]
