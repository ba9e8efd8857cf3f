"""futures.apply parses only the top of a module (diracmod.fix.top) when nothing below it is read: the
result must be the one the whole module's parse gives."""
import ast

import pytest

from diracmod.fix import futures, top
from tests.fix.test_futures import DIRAC, IMPORTS, Finding

SOURCES = {
    "docstring, comments, code": '"""Doc."""\n# comment\nimport os\n\n\ndef f():\n    return os.sep\n',
    "decorated def after the import": "import os\n\n# why\n@property\ndef f():\n    pass\nx = 1\n",
    "class right after the docstring": '"""Doc."""\nclass A:\n    pass\n\n\nclass B(A):\n    pass\n',
    "existing future imports": "from __future__ import print_function  # keep\nimport os\nprint(os.sep)\n",
    "combined line": "from __future__ import division, print_function\n\nimport os\nx = 1\n",
    "two statements on a line": "import os; import sys\nx = 1\n",
    "a line continued into the next statement": "import os; \\\nx = 1\ny = 2\n",
    "a future import after code": "import os\nfrom __future__ import division\nx = 1\n",
    "f-string docstring": 'f"doc {1}"\nimport os\nx = 1\n',
    "2-space indentation below": "import os\n\n\ndef f():\n  if os:\n    return 1\n",
    "no code after the top": '"""Doc."""\nimport os\n',
    "only a docstring": '"""Doc."""\n',
}


@pytest.mark.parametrize("policy", [DIRAC, futures.Policy(combined=True)], ids=["one per line", "combined"])
@pytest.mark.parametrize("code", SOURCES.values(), ids=SOURCES.keys())
def test_the_top_alone_gives_what_the_whole_module_gives(code, policy, monkeypatch):
    findings = [*IMPORTS, Finding("print-statement")] if "print(" in code else IMPORTS
    alone = futures.apply(code, "/nonexistent/m.py", policy, touched=True, findings=findings)
    monkeypatch.setattr(top, "end", lambda text, tree: None)
    assert alone == futures.apply(code, "/nonexistent/m.py", policy, touched=True, findings=findings)


def test_the_top_ends_before_the_statement_after_the_first_code():
    code = '"""Doc."""\nfrom __future__ import division\n# c\nimport os\n\nimport sys\nx = 1\n'
    assert code[top.end(code, ast.parse(code)):] == "import sys\nx = 1\n"


@pytest.mark.parametrize("code", [SOURCES["a line continued into the next statement"],
                                  SOURCES["a future import after code"], SOURCES["no code after the top"],
                                  "import os\r\nx = 1\rY = 2\r\n"])
def test_no_top_alone_where_the_rest_could_matter(code):
    assert top.end(code, ast.parse(code)) is None
