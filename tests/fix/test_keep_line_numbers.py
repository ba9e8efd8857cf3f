"""`keep-line-numbers = true` ([tool.diracmod.fix]): the future imports go on one combined line that takes the
place of a blank line, so every line of code below keeps its number (tracebacks, tests asserting them: Paste's).
"""
import ast
import subprocess

import pytest

from diracmod.core import config
from diracmod.fix import engine, futures
from tests.fix.helpers import everything, python27

KEEP = futures.Policy(keep_lines=True)
ALL = "from __future__ import absolute_import, division, print_function\n"
IMPORTS = [type("Finding", (), {"symbol": "no-absolute-import"})()]


def add(code: str, policy=KEEP) -> str:
    return futures.apply(code, "/nonexistent/module.py", policy, touched=True, findings=IMPORTS).text


def code_lines(text: str) -> dict:
    """{what: line} for every statement below the future imports, by its source text."""
    return {ast.unparse(node): node.lineno for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.stmt) and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")}


@pytest.mark.parametrize("code, expected", [
    pytest.param('"""Doc."""\n\nimport os\n\nx = 1\n', '"""Doc."""\n' + ALL + "import os\n\nx = 1\n",
                 id="the blank after the docstring"),
    pytest.param('"""Doc."""\n\n# why\nimport os\n', '"""Doc."""\n' + ALL + "# why\nimport os\n",
                 id="the blank above a comment"),
    pytest.param("#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n# Copyright\n\nimport os\n",
                 "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n# Copyright\n" + ALL + "import os\n",
                 id="shebang, coding cookie and comments: the cookie stays on line 2"),
    pytest.param("#!/usr/bin/env python\n\n# Copyright\nimport os\n",
                 "#!/usr/bin/env python\n# Copyright\n" + ALL + "import os\n",
                 id="a blank among the leading comments: the comment moves up"),
    pytest.param("import os\nimport sys\n\ndef f():\n    raise ValueError\n",
                 ALL + "import os\nimport sys\ndef f():\n    raise ValueError\n",
                 id="no blank at the top: the first one below, the imports above it move down"),
])
def test_the_combined_line_takes_a_blank_line_and_the_code_keeps_its_lines(code, expected):
    fixed = add(code)
    assert fixed == expected
    assert fixed.count("\n") == code.count("\n")
    assert {what: line for what, line in code_lines(code).items() if not what.startswith("import")} \
        == {what: line for what, line in code_lines(fixed).items() if not what.startswith("import")}


def test_without_a_blank_line_at_module_level_the_line_is_added():
    # a blank line in a string or a function is not the module's to give: every line moves down one
    code = 'import os\nX = """a\n\nb"""\ndef f():\n\n    return X\n'
    assert add(code) == ALL + code


def test_an_existing_future_import_is_extended_and_nothing_moves():
    code = "from __future__ import with_statement\nimport os\n\nx = 1\n"
    assert add(code) == "from __future__ import with_statement, absolute_import, division, print_function\n" \
        "import os\n\nx = 1\n"


def test_the_default_policy_still_writes_one_per_line_and_a_blank():
    assert add('"""Doc."""\n\nimport os\n', futures.Policy()) == \
        '"""Doc."""\nfrom __future__ import absolute_import\nfrom __future__ import division\n' \
        'from __future__ import print_function\n\nimport os\n'


def test_print_statements_stage_1_rewrote_join_the_one_line_and_python2_reports_the_same_line(tmp_path):
    code = '"""Doc."""\n\nimport sys\n\n\ndef f():\n    print "x"\n    raise ValueError\n\nf()\n'
    path = tmp_path / "mod.py"
    path.write_text(code)
    result = engine.fix_file(str(path), everything(KEEP))
    fixed = result.new.decode()
    assert fixed == ('"""Doc."""\n' + ALL + 'import sys\n\n\ndef f():\n    print("x")\n    raise ValueError\n\nf()\n')
    assert result.applied["print-statement"] == 1
    tracebacks = []
    for text in (code, fixed):
        path.write_text(text)
        run = subprocess.run([python27(), str(path)], capture_output=True, text=True)
        tracebacks.append(run.stderr)
    assert tracebacks[0] == tracebacks[1] and 'line 8, in f' in tracebacks[0]
    path.write_text(fixed)
    assert engine.fix_file(str(path), everything(KEEP)).new is None  # a second run changes nothing


def test_keep_line_numbers_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod.fix]\nkeep-line-numbers = true\n")
    assert futures.Policy.from_config(config.load(tmp_path).fix) == KEEP
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nkeep-line-numbers = "yes"\n')
    with pytest.raises(config.ConfigError, match="keep-line-numbers: expected true or false"):
        config.load(tmp_path)


def test_stage_1_print_function_joins_an_existing_future_import_line(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text('from __future__ import with_statement\n\nx = 1\nprint "x"\n')
    fixed = engine.fix_file(str(path), everything(KEEP)).new.decode()
    assert fixed == "from __future__ import with_statement, absolute_import, division, print_function\n\nx = 1\n" \
        "print(\"x\")\n"


COOKIE = "# -*- coding: latin-1 -*-\n"


@pytest.mark.parametrize("code, expected", [
    pytest.param("#!/usr/bin/env python\n\n" + COOKIE + "import os\nprint(os.sep)\n",
                 "#!/usr/bin/env python\n\n" + COOKIE + ALL + "import os\nprint(os.sep)\n",
                 id="cookie on line 3 below a blank: the blank stays (it would make the cookie count), a line is added"),
    pytest.param("#!/usr/bin/env python\n\n" + COOKIE + "import os\n\nx = 1\n",
                 "#!/usr/bin/env python\n\n" + COOKIE + ALL + "import os\nx = 1\n",
                 id="cookie on line 3: a blank below it is taken"),
    pytest.param("\n" + COOKIE + "\nimport os\n", "\n" + COOKIE + ALL + "import os\n",
                 id="cookie on line 2 between blanks: the one after it"),
    pytest.param("\n" + COOKIE + "import os\n", "\n" + COOKIE + ALL + "import os\n",
                 id="cookie on line 2 below a blank: a line is added"),
    pytest.param(COOKIE + "\n\nimport os\n", COOKIE + "\n" + ALL + "import os\n",
                 id="cookie on line 1: the last blank after it"),
])
def test_a_blank_line_that_would_move_a_coding_cookie_is_not_taken(code, expected):
    assert add(code) == expected


@pytest.mark.parametrize("bom, cookie", [(b"", COOKIE.encode()), (b"\xef\xbb\xbf", b"# -*- coding: utf-8 -*-\n")])
def test_a_cookie_on_line_3_keeps_its_line_and_the_file_is_fixed(tmp_path, bom, cookie):
    # the tryout's file: python2.7 ignores a cookie on line 3, moved to line 2 it would decide the encoding
    path = tmp_path / "mod.py"
    path.write_bytes(bom + b"#!/usr/bin/env python\n\n" + cookie + b"import os\nprint unicode(os.sep)\n")
    result = engine.fix_file(str(path), everything(KEEP))
    assert result.refused is None
    assert result.new == bom + b"#!/usr/bin/env python\n\n" + cookie + ALL.encode() \
        + b"import os\nimport six\nprint(six.text_type(os.sep))\n"
