"""Import scanning on a real Python 2 tree: Django 1.4.22 (bench/corpora.py downloads it once)."""
import pytest

from diracmod.deps.analysis import Options, analyse

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def django(tmp_path_factory):
    from bench import corpora

    root = corpora.fetch("Django")
    empty = tmp_path_factory.mktemp("site-packages")
    options = Options(offline=True, cache_dir=str(tmp_path_factory.mktemp("cache")), site_packages=(str(empty),))
    return root, analyse([root], options)


def _where(root, sources):
    return {s.replace(str(root) + "/", "") for s in sources}


def test_every_file_is_scanned(django):
    root, report = django
    assert report.files_scanned > 1800
    assert not [w for w in report.warnings if "not scanned" in w]


def test_third_party_imports(django):
    root, report = django
    undeclared = {u["distribution"]: u for u in report.undeclared}
    # required by its backend: the except clause only raises a nicer error
    mysql = undeclared["mysqlclient"]
    assert "django/db/backends/mysql/base.py:13" in _where(root, mysql["sources"]) and not mysql["handled"]
    assert mysql["candidates"] == ["mysqlclient", "MySQL-python"] and mysql["found_by"] == "curated table"
    assert "django/core/serializers/pyyaml.py:9" in _where(root, undeclared["PyYAML"]["sources"])
    assert "psycopg2" in undeclared and "cx_Oracle" in undeclared
    # optional imports, inside try/except ImportError: reported as already handled
    for name in ("Markdown", "textile"):
        assert all("optional: except ImportError" in s for s in undeclared[name]["sources"]), name
    docutils = _where(root, undeclared["docutils"]["sources"])
    assert "django/contrib/admindocs/utils.py:11 (optional: except ImportError)" in docutils
    assert "docs/_ext/djangodocs.py:7" in docutils and not undeclared["docutils"]["handled"]  # the docs need it
    assert undeclared["pytz"]["handled"] and undeclared["textile"]["handled"]
    pil = undeclared["PIL"]  # `import Image`, the fallback of `from PIL import Image`
    assert pil["handled"] and "django/core/files/images.py:39 (fallback for PIL)" in _where(root, pil["sources"])
    assert "django/db/backends/sqlite3/base.py:26 (fallback: sqlite3)" in _where(
        root, undeclared["pysqlite"]["sources"])
    # the tree's own modules are not dependencies
    assert "django" not in undeclared and "regressiontests" not in undeclared


def test_renamed_stdlib_imports(django):
    root, report = django
    stdlib = {s["module"]: s for s in report.stdlib}
    assert {"urllib2", "urlparse", "cPickle", "cStringIO", "StringIO", "Cookie", "htmlentitydefs", "HTMLParser",
            "SocketServer", "thread", "dummy_thread", "__builtin__"} <= set(stdlib)
    assert stdlib["cPickle"]["handled"] >= 5  # try: import cPickle as pickle / except ImportError: import pickle
    assert "django/contrib/formtools/utils.py:2 (fallback: pickle)" in _where(root, stdlib["cPickle"]["sources"])
    assert stdlib["cStringIO"]["handled"] == 0  # its fallback, StringIO, is gone on Python 3 too
    assert "django/core/validators.py:4" in _where(root, stdlib["urllib2"]["sources"])
    assert "django/utils/autoreload.py:34" in _where(root, stdlib["thread"]["sources"])
    assert stdlib["urlparse"]["replacement"] == "Python 3: urllib.parse (six: six.moves.urllib.parse)"
