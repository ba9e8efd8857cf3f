"""The output directory: the report writes its own files there and nowhere else, whatever links or special
files someone put in their place, and refuses outputs that are not a directory of its own."""
import os

import pytest

from report_helpers import run_report, write_tree
from diracmod.report import site

TOP = ("index.html", "graph.html", "report.json", "report.md")


@pytest.mark.parametrize("name", TOP + ("assets/report.css", "modules/.pages.json"))
def test_a_symlinked_output_file_is_replaced_not_written_through(tmp_path, name):
    tree = write_tree(tmp_path / "project", {"a.py": "print 'x'\n"})
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me\n")
    target = tmp_path / "out" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(elsewhere)
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 0, err
    assert elsewhere.read_text() == "keep me\n"
    assert not target.is_symlink() and target.stat().st_size > 0


def test_a_warm_report_replaces_a_link_put_in_place_of_its_page(tmp_path):
    tree = write_tree(tmp_path / "project", {"a.py": "print 'x'\n"})
    assert run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)[0] == 0
    index = tmp_path / "out" / "index.html"
    (tmp_path / "other.html").write_text("other\n")
    index.unlink()
    index.symlink_to(tmp_path / "other.html")
    assert run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)[0] == 0
    assert not index.is_symlink() and (tmp_path / "other.html").read_text() == "other\n"


@pytest.mark.parametrize("name", ["modules", "assets"])
def test_a_symlinked_site_directory_is_refused(tmp_path, name):
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / name).symlink_to(tmp_path / "elsewhere")
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 2 and f"{name}/ is a symbolic link" in err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_empty_output_is_a_usage_error(tmp_path):
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    code, _, err = run_report(tree, "-o", "", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 2 and "--output is empty" in err
    assert not (tmp_path / "index.html").exists()


def test_the_home_directory_is_refused(tmp_path):
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    home = tmp_path / "home"
    home.mkdir()
    code, _, err = run_report(tree, "-o", home, "--deps", "off", "-q", cwd=tmp_path, env={"HOME": str(home)})
    assert code == 2 and "itself" in err, err
    assert list(home.iterdir()) == []


def test_the_filesystem_root_is_refused(tmp_path, monkeypatch):
    """In-process, with directory creation forbidden: were `/` accepted, this test would fail without writing
    there (a CLI run of the old code wrote /index.html)."""
    def forbidden(*args, **kwargs):
        raise AssertionError(f"would write into /: {args}")

    monkeypatch.setattr(os, "makedirs", forbidden)
    with pytest.raises(site.OutputError, match="itself"):
        site.prepare_output(os.sep, str(write_tree(tmp_path / "project", {})))


def test_a_link_to_the_tree_is_the_tree(tmp_path):
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    (tmp_path / "link").symlink_to(tree)
    code, _, err = run_report(tree, "-o", tmp_path / "link", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 2 and "is the tree being reported on" in err
    assert not (tree / "index.html").exists()


@pytest.mark.parametrize("name", [".site-key", "modules/.pages.json"])
def test_a_fifo_in_place_of_a_bookkeeping_file_does_not_hang(tmp_path, name):
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    target = tmp_path / "out" / name
    target.parent.mkdir(parents=True)
    os.mkfifo(target)
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path, timeout=60)
    assert code == 0, err
    assert target.is_file()
