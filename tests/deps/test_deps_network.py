"""The real package index (run with DIRACMOD_NETWORK=1): the verdicts the recorded data gives hold there."""
import pytest

from diracmod.deps.analysis import Options, analyse

pytestmark = pytest.mark.network


def test_real_index(tmp_path):
    (tmp_path / "requirements.txt").write_text("tornado>=5.0.0\nMySQL-python>=1.2.5\nipython==5.3.0\nsix\n")
    site = tmp_path / "site-packages"
    site.mkdir()
    report = analyse([tmp_path / "requirements.txt"],
                     Options(cache_dir=str(tmp_path / "cache"), depth=1, site_packages=(str(site),)))
    tornado, mysql, ipython, six = report.dependencies
    assert tornado.bridge_version == "5.1.1" and tornado.kind == "fine"
    assert "pip installs 5.1.1 on Python 2.7" in tornado.verdict
    assert mysql.kind == "blocks"
    assert mysql.supports_py3 is False and mysql.replacement == "mysqlclient"
    assert ipython.supports_py2 and ipython.supports_py3 and ipython.bridge_version == "5.3.0"
    assert six.verdict.startswith("ready")
    assert "traitlets" in {e.name for e in report.transitive}  # ipython 5.3.0's METADATA, read remotely
    assert not report.warnings
