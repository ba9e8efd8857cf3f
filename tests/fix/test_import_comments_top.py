"""tryout17 #11: W1648 splits a parenthesised `from urllib2 import (  # the opener side` / `urlopen,  # opener` /
... into one import a module, each with its names' comments, those but the last on lines above it. At the top of a
module without a docstring those lines were read back as the file's header (libcst's: every comment above the first
statement), and the future imports went below them: the comments landed on lines 1-2, away from the names they
describe. The comments a stage put above the first statement (more than the file as read had there) stay with it,
below the added future imports; a header the file had (a licence, a coding line) stays on top."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tokenize

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

MODULE = """\
from urllib2 import (  # the opener side
    urlopen,  # opener
    Request,
    # HTTPError, kept for later
    URLError)  # errors
import StringIO  # buffers


def three():
    return urlopen, Request("http://c/").get_host(), URLError, StringIO.StringIO("s").read()
"""
HEADED = "# -*- coding: utf-8 -*-\n# Copyright: the authors\n" + MODULE
MAIN = "import m\nprint m.three()[1:]\n"


@pytest.mark.parametrize("header", ["", "# -*- coding: utf-8 -*-\n# Copyright: the authors\n"])
def test_the_comments_of_a_split_import_stay_with_it_at_the_top_of_a_module(tmp_path, monkeypatch, capsys, header):
    project = project_dir(tmp_path, monkeypatch, {"m.py": header + MODULE, "main.py": MAIN})
    before = python2_output(project, "main.py")
    assert before == "('c', <class 'urllib2.URLError'>, 's')\n"
    main(["fix", "--write", "-j", "1", str(project)])
    text = (project / "m.py").read_text()
    assert python2_output(project, "main.py") == before, "Python 2 behaviour changed"
    lines = text.splitlines()
    assert lines[:len(header.splitlines())] == header.splitlines()  # the file's own header stays on top
    first = lines.index("from __future__ import absolute_import")
    assert first == len(header.splitlines()), text
    assert "# opener" in text and text.index("# opener") > text.index("from __future__ import print_function"), text
    assert text.count("#") == (header + MODULE).count("#"), text  # every comment kept
    capsys.readouterr()
    assert main(["fix", "--check", "-j", "1", str(project)]) == 0, capsys.readouterr().err  # a second run: nothing


@pytest.mark.parametrize("indent", ["", "    "])
def test_a_renamed_parenthesised_import_keeps_its_continuation_under_the_parenthesis(tmp_path, monkeypatch, capsys,
                                                                                     indent):
    """tryout18 #9: `from Queue import (Queue,` / `Empty)` renamed in place kept the continuation's column: E128."""
    body = "from Queue import (Queue,  # q\n                   Empty)  # e\nprint Queue.__name__, Empty.__name__\n"
    text = "def f():\n" + "".join(indent + line + "\n" for line in body.splitlines()) + "f()\n" if indent else body
    project = project_dir(tmp_path, monkeypatch, {"c.py": text})
    before = python2_output(project, "c.py")
    assert before == "Queue Empty\n"
    main(["fix", "--write", "-j", "1", str(project)])
    fixed = (project / "c.py").read_text()
    assert f"{indent}from six.moves.queue import (Queue,  # q\n{indent}{' ' * 29}Empty)  # e\n" in fixed, fixed
    assert python2_output(project, "c.py") == before
    capsys.readouterr()
    main(["check", "--no-cache", "--select", "E128", str(project / "c.py")])
    assert "E128" not in capsys.readouterr().out


def test_a_comment_only_line_of_a_split_import_stays_a_line_of_its_own(tmp_path, monkeypatch):
    """tryout18 #9: `# Request, not yet` on a line of its own went to the end of the urlopen line, "# the opener"
    above it: each read as describing the other."""
    text = ("def g():\n    from urllib2 import (urlopen as uo,  # the opener\n                         "
            "# Request, not yet\n                         URLError)  # errors\n    return uo.__name__, URLError.__name__\n"
            "print g()\n")
    project = project_dir(tmp_path, monkeypatch, {"b.py": text})
    before = python2_output(project, "b.py")
    assert before == "('urlopen', 'URLError')\n"
    main(["fix", "--write", "-j", "1", str(project)])
    fixed = (project / "b.py").read_text()
    # the comment line stays above the name it precedes (tryout19 #13), never at a line's end
    assert ("    from six.moves.urllib.request import urlopen as uo  # the opener\n    # Request, not yet\n"
            "    from six.moves.urllib.error import URLError  # errors\n") in fixed, fixed
    assert python2_output(project, "b.py") == before


def _comments(text: str) -> list:
    return sorted(token.string for token in tokenize.generate_tokens(io.StringIO(text).readline)
                  if token.type == tokenize.COMMENT)


def _style(project, name: str) -> set:
    """The E501/E128/E127/E124 findings of `name` (DIRAC's settings), without line numbers."""
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--no-baseline", "--select",
                           "E501,E124,E127,E128,E131", "--format", "json", str(project / name)],
                          capture_output=True, text=True, check=False)
    return {(f["symbol"], f["message"]) for f in json.loads(done.stdout)}


SPLIT_CASES = {
    # tryout19 #13 (e2): joined into one line of 161 characters, E501 in DIRAC's max-line-length of 120
    "e2": ("from urllib2 import (urlopen, Request, build_opener, install_opener,\n"
           "                     HTTPHandler, HTTPSHandler, ProxyHandler, HTTPCookieProcessor, OpenerDirector,\n"
           "                     URLError)\n"
           "\n"
           "print urlopen.__name__, OpenerDirector.__name__, URLError.__name__\n",
           ("from six.moves.urllib.request import (urlopen, Request, build_opener, install_opener,\n"
            "                                      HTTPHandler, HTTPSHandler, ProxyHandler, HTTPCookieProcessor, "
            "OpenerDirector)\n"
            "from six.moves.urllib.error import URLError\n"),
           "urlopen OpenerDirector URLError\n"),
    # tryout19 #13 (e1): the comment line above `Request as R` went above the error line, read as HTTPError's
    "e1": ("def f():\n"
           "    from urllib2 import (urlopen as uo,\n"
           "                         HTTPError,  # the error\n"
           "                         # a comment line\n"
           "                         Request as R)  # trailing\n"
           "    return uo.__name__, HTTPError.__name__, R.__name__\n"
           "print f()\n",
           ("    from six.moves.urllib.request import (urlopen as uo,\n"
            "                                          # a comment line\n"
            "                                          Request as R)  # trailing\n"
            "    from six.moves.urllib.error import HTTPError  # the error\n"),
           "('urlopen', 'HTTPError', 'Request')\n"),
    # a hanging indent stays one, its closing parenthesis and trailing comma too
    "hanging": ("from urlparse import (\n"
                "    urljoin,  # joins\n"
                "    urlsplit,\n"
                ")\n"
                "print urljoin('http://a/b', 'c'), urlsplit('http://a/b').path\n",
                ("from six.moves.urllib.parse import (\n    urljoin,  # joins\n    urlsplit,\n)\n"),
                "http://a/c /b\n"),
}


# tryout20 #9: a backslash-continued import's comment ending its last line goes with the import of the last name;
# #18: the names of a run of lines are re-filled inside the kept parentheses to the project's max-line-length
# (the fourth item; None: pycodestyle's 79), lines after the first under the first name or at the hanging indent
REFILL_CASES = {
    "backslash": ("from urllib2 import urlopen, Request, \\\n"
                  "    HTTPError, URLError  # both errors\n"
                  "print urlopen.__name__, Request.__name__, HTTPError.__name__, URLError.__name__\n",
                  ("from six.moves.urllib.request import urlopen, Request\n"
                   "from six.moves.urllib.error import HTTPError, URLError  # both errors\n"),
                  "urlopen Request HTTPError URLError\n", 120),
    "long": ("from urllib2 import (HTTPBasicAuthHandler, HTTPPasswordMgrWithDefaultRealm, ProxyHandler, "
             "HTTPCookieProcessor,\n"
             "                     HTTPDigestAuthHandler, build_opener, HTTPError, URLError)\n"
             "print HTTPBasicAuthHandler.__name__, HTTPPasswordMgrWithDefaultRealm.__name__, ProxyHandler.__name__\n"
             "print build_opener.__name__, HTTPError.__name__, URLError.__name__\n"
             "print HTTPDigestAuthHandler.__name__, HTTPCookieProcessor.__name__\n",
             ("from six.moves.urllib.request import (HTTPBasicAuthHandler, HTTPPasswordMgrWithDefaultRealm, "
              "ProxyHandler,\n"
              "                                      HTTPCookieProcessor, HTTPDigestAuthHandler, build_opener)\n"
              "from six.moves.urllib.error import HTTPError, URLError\n"),
             "HTTPBasicAuthHandler HTTPPasswordMgrWithDefaultRealm ProxyHandler\nbuild_opener HTTPError URLError\n"
             "HTTPDigestAuthHandler HTTPCookieProcessor\n", 120),
    # in a function, pycodestyle's default 79 columns, a comment kept beside its name (a run ends there)
    "default": ("def f():\n"
                "    from urllib2 import (urlopen, Request, build_opener,  # openers\n"
                "                         HTTPError, install_opener, ProxyHandler, HTTPHandler)\n"
                "    return urlopen, Request, build_opener, HTTPError, install_opener, ProxyHandler, HTTPHandler\n"
                "print [x.__name__ for x in f()]\n",
                ("    from six.moves.urllib.request import (urlopen, Request,\n"
                 "                                          build_opener,  # openers\n"
                 "                                          install_opener, ProxyHandler,\n"
                 "                                          HTTPHandler)\n"
                 "    from six.moves.urllib.error import HTTPError\n"),
                "['urlopen', 'Request', 'build_opener', 'HTTPError', 'install_opener', 'ProxyHandler', "
                "'HTTPHandler']\n", None),
}
ALL_SPLIT_CASES = {**{case: (*values, 120) for case, values in SPLIT_CASES.items()}, **REFILL_CASES}


@pytest.mark.parametrize("case", sorted(ALL_SPLIT_CASES))
def test_a_split_parenthesised_import_keeps_its_lines_and_comments_in_place(tmp_path, monkeypatch, case):
    """tryout19 #13: W1648's split of `from urllib2 import (...)` into six.moves.urllib.request/.error lines joined
    each into one line (new E501 under DIRAC's 120), and a comment line went with the name before it, not the one
    it precedes: the lines and the parentheses are kept, continuation lines re-aligned under the new parenthesis
    (and re-filled where one would pass the max-line-length: tryout20 #18)."""
    text, expected, output, limit = ALL_SPLIT_CASES[case]
    project = project_dir(tmp_path, monkeypatch, {"c.py": text})
    settings = f"[pycodestyle]\nmax-line-length = {limit}\nindent-size = 2\n" if limit else ""
    (project / "setup.cfg").write_text("[metadata]\nname = proj\n" + settings)
    before, style = python2_output(project, "c.py"), _style(project, "c.py")
    assert before == output
    assert main(["fix", "--write", "-j", "1", str(project)]) == 0
    fixed = (project / "c.py").read_text()
    assert expected in fixed, fixed
    assert python2_output(project, "c.py") == before
    assert _comments(fixed) == _comments(text), fixed
    assert _style(project, "c.py") <= style, fixed
