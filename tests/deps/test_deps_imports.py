"""Import scanning: third-party and renamed-stdlib imports, fallbacks, local modules, undeclared and
unused dependencies, and the per-module blockers `diracmod check` will use."""
import textwrap

from diracmod.deps import imports
from diracmod.deps.analysis import blockers_by_module
from diracmod.deps.analysis import analyse


def _tree(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def _uses(scan):
    return {(u.module, u.line): u.handled for u in scan.uses}


def test_fallbacks_guards_and_locals(tmp_path):
    root = _tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/helpers.py": "",
        "pkg/core.py": """\
            import helpers                      # Python 2 implicit relative import: local
            from pkg import helpers as h2       # the tree's own package
            from . import helpers as h3
            try:
                import cPickle as pickle
            except ImportError:
                import pickle
            try:
                from cStringIO import StringIO
            except ImportError:
                from StringIO import StringIO   # gone on Python 3 too: not handled
            try:
                import MySQLdb
            except ImportError, exc:            # Python 2 syntax, and only re-raises: required
                raise RuntimeError(exc)
            try:
                import yaml
            except ImportError:
                yaml = None                     # optional
            try:
                import json
            except ImportError:
                import simplejson as json
            import six
            if six.PY2:
                import urllib2
            else:
                import urllib.request
            def later():
                import Queue
            """,
    })
    scan = imports.scan([str(root)])
    assert scan.files == 3 and {"pkg"} <= scan.local
    uses = _uses(scan)
    assert ("helpers", 1) not in uses and ("pkg", 2) not in uses
    assert uses[("cPickle", 5)] == "fallback: pickle"
    assert uses[("cStringIO", 9)] == "" and uses[("StringIO", 11)] == ""
    assert uses[("MySQLdb", 13)] == ""
    assert uses[("yaml", 17)] == "optional: except ImportError"
    assert uses[("simplejson", 23)] == "fallback for json"
    assert uses[("urllib2", 26)] == "Python 2 branch" and uses[("urllib.request", 28)] == ""
    assert uses[("Queue", 30)] == ""


def test_absolute_import_disables_sibling_lookup(tmp_path):
    root = _tree(tmp_path, {
        "tools/yaml.py": "",
        "tools/run.py": "from __future__ import absolute_import\nimport yaml\n",
    })
    assert [u.module for u in imports.scan([str(root / "tools" / "run.py")]).uses] == ["yaml"]


def test_unparsable_files_are_reported(tmp_path):
    root = _tree(tmp_path, {"bad.py": "def broken(:\n", "good.py": "import six\n"})
    scan = imports.scan([str(root)])
    assert scan.files == 1 and "bad.py: not scanned" in scan.problems[0]


def test_dirac_like_imports(dirac_tree, options):
    report = analyse([dirac_tree], options())
    undeclared = {u["module"]: u for u in report.undeclared}
    assert set(undeclared) == {"six", "simplejson"}
    assert undeclared["simplejson"]["handled"] and not undeclared["six"]["handled"]
    assert [u["name"] for u in report.unused] == ["suds-jurko", "funcsigs", "typing", "elasticsearch-dsl"]
    stdlib = {s["module"]: s for s in report.stdlib}
    assert set(stdlib) == {"Queue", "StringIO", "cPickle", "cStringIO", "commands", "urllib2"}
    assert (stdlib["cPickle"]["handled"], stdlib["cPickle"]["unhandled"]) == (1, 0)
    assert (stdlib["commands"]["handled"], stdlib["cStringIO"]["unhandled"]) == (1, 1)
    assert stdlib["urllib2"]["replacement"].startswith("Python 3: urllib.request")
    six = [e for e in report.dependencies if e.name == "six"][0]
    assert six.source == "module imports: DIRAC/Utils.py:1".replace("DIRAC", str(dirac_tree / "DIRAC"))
    # MySQLdb maps to the declared MySQL-python (curated: MySQLdb -> mysqlclient / MySQL-python)
    assert [u.line for u in report.uses["mysql-python"]] == [2]


def test_blockers_by_module(dirac_tree, options):
    found = blockers_by_module([dirac_tree], options())
    db = str(dirac_tree / "DIRAC" / "Core" / "DB.py")
    assert found[db] == [(2, "MySQL-python", "no Python 3 release; Python 3 replacement: mysqlclient")]
    # tornado, numpy and matplotlib are fine as written (pip on 2.7 installs their bridge releases itself);
    # concurrent.futures is the standard library on Python 3: the futures backport blocks no module
    assert set(found) == {db}


def test_guarded_imports_of_a_blocker_do_not_fail_the_run(tmp_path, options):
    root = _tree(tmp_path, {"app.py": """\
        try:
            import BeautifulSoup
        except ImportError:
            BeautifulSoup = None
        """})
    report = analyse([root], options(depth=0))
    soup = report.dependencies[0]  # BeautifulSoup 3 never ran on Python 3 (curated)
    assert soup.name == "BeautifulSoup" and soup.source == f"module imports: {root / 'app.py'}:2"
    assert soup.verdict.startswith("no Python 3 release") and soup.handled
    assert soup.kind == "fine" and not report.blockers() and any("fallback" in line for line in soup.evidence)
    assert report.undeclared[0]["handled"]
    assert blockers_by_module([root], options(depth=0)) == {}


def test_code_outside_the_project_is_not_scanned_and_nothing_of_a_file_is_quoted(tmp_path):
    outside = _tree(tmp_path / "outside", {"secret.py": "import privatecorp_internal\n",
                                           "pkg/mod.py": "import otherprivate_mod\n"})
    root = _tree(tmp_path / "project", {"app.py": "import six\n", "broken.py": "TOKEN = s3cr3t value\n"})
    (root / "linked.py").symlink_to(outside / "secret.py")
    (root / "linkedpkg").symlink_to(outside / "pkg")
    scan = imports.scan([str(root)])
    assert [u.module for u in scan.uses] == ["six"]
    assert sorted(p.split(": ", 1)[1] for p in scan.problems) == [
        "a symlink to outside the checked directory: not followed (name its target on the command line to "
        "check it, or exclude the link)"] * 2 + [
        "not scanned, neither Python 2 nor 3 can parse it (`diracmod check` says why)"]
    assert not any("s3cr3t" in p or "value" in p for p in scan.problems)
    # a file named on the command line is read wherever it is
    assert [u.module for u in imports.scan([str(root / "linked.py")]).uses] == ["privatecorp_internal"]


def test_blockers_from_a_callers_scan_equal_a_fresh_scan(dirac_tree, options, monkeypatch, tmp_path):
    """diracmod report hands deps the scan of each file it made in its own parse (cached by content): the same
    blockers as deps' own scan, and no file parsed a second time."""
    import pytest

    from diracmod.core.discover import discover
    from diracmod.report import imports as report_imports

    expected = blockers_by_module([dirac_tree], options())
    assert expected
    no_cache = report_imports.FactsCache(tmp_path / "cache", "fingerprint", enabled=False)
    facts = report_imports.collect(discover([str(dirac_tree)], ()).files, {}, no_cache, 5_000_000, 1)
    monkeypatch.setattr(imports, "scan_file", lambda *args: pytest.fail(f"{args[0]} parsed again"))
    assert blockers_by_module([dirac_tree], options(), None, report_imports.deps_scanned(facts)) == expected
