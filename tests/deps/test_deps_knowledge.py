"""rules/distributions.toml: well-formed, and invisible to the rule catalogue."""
import sys
from importlib import resources

from packaging.utils import canonicalize_name
from packaging.version import Version

from diracmod.core import catalogue
from diracmod.deps import knowledge

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _raw():
    return tomllib.loads(resources.files("diracmod.rules").joinpath(knowledge.FILE).read_text("utf-8"))


def test_no_rule_tables_so_the_catalogue_ignores_it():
    assert "rule" not in _raw()
    assert catalogue.load().rules  # still loads


def test_facts_are_well_formed():
    raw = _raw()
    known = {"python3", "python3_since", "python2_dropped_in", "backport", "since", "replacement", "required",
             "imports", "note"}
    for name, facts in raw["distributions"].items():
        assert set(facts) <= known, name
        for key in ("python3_since", "python2_dropped_in"):
            if key in facts:
                Version(facts[key])
        if "backport" in facts:
            assert Version(facts["since"]) >= Version("2.5"), name
        if facts.get("required"):
            assert facts.get("replacement"), name
    for module, distributions in raw["imports"].items():
        assert distributions and all(isinstance(d, str) for d in distributions), module
    assert "stdlib" not in raw  # the renamed modules are diracmod/source/stdlib_moves.toml, shared with check and fix


def test_lookups():
    facts = knowledge.load()
    assert facts.distributions_for("MySQLdb.cursors") == ["mysqlclient", "MySQL-python"]
    assert facts.distributions_for("google.protobuf.message") == ["protobuf"]
    assert facts.stdlib_move("email.MIMEText").python3 == "email.mime.text"
    assert facts.stdlib_move("urllib2").six.startswith("six.moves.urllib.request")
    assert facts.stdlib_move("urllib.request") is None
    assert facts.conda_name("pygsi") == "GSI" and facts.conda_name("mysql-connector-c") == ""
    assert facts.conda_name("numpy") == "numpy"
    assert facts.is_tool("pytest-cov") and facts.is_tool("Sphinx") and not facts.is_tool("six")
    assert "concurrent.futures" in facts.provided_imports("futures")
    assert facts.fact("mysql_python").replacement == "mysqlclient"
    tornado = facts.fact("tornado")
    assert tornado.supports(2, Version("5.1.1")) == (True, "curated: Python 2.7 dropped in 6.0")
    assert tornado.supports(2, Version("6.0"))[0] is False and tornado.supports(3, Version("6.0")) == (None, "")
    assert canonicalize_name("M2Crypto") in facts.facts
