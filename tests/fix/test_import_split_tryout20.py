"""tryout20 #9, #18: W1648's split of a `from urllib2 import ...` into six.moves.urllib.request/.error imports.
- #9: a backslash-continued import's comment ends its last physical line, after the names there: it went onto the
  first new import (the request line), away from the names it follows; it goes with the import of the last name.
- #18: a parenthesised import's first line kept its names after a prefix 17 characters longer: a new E501 (127 >
  120); the names of a run of lines (no comment or blank line between) are re-filled inside the kept parentheses to
  the project's max-line-length (pycodestyle's settings, as check reads them), lines after the first under the
  first name (or at the hanging indent).
Each: python2.7 -B prints the same before and after, the comments are kept, check after fix reports no E501/E12x
the file did not have."""
from __future__ import annotations

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output
from tests.fix.test_import_comments_top import _comments, _style

CASES = {
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


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_split_urllib2_import_keeps_comments_with_names_and_lines_within_the_limit(tmp_path, monkeypatch, case):
    text, expected, output, limit = CASES[case]
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
