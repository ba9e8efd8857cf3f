"""An import of the project's own module named like a standard module Python 3 removed (`import user` with
user.py beside the script, `import Queue` with Queue.py) is the project's on both Pythons: no
bad-python3-import / DM141 finding, which fix would leave anyway (tryout9 #7). The result cache keys on it."""
import json
import subprocess
import sys

import pytest

MAIN = "import user\nimport Queue\nprint user.ratio(), Queue.size\n"


def _symbols(project, *args, path="main.py"):
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--format", "json", "--select", "py3k", *args,
                           path], cwd=project, capture_output=True, text=True, timeout=300)
    return sorted((f["line"], f["symbol"]) for f in json.loads(proc.stdout))


def test_an_import_of_the_scripts_own_sibling_is_not_reported(tmp_path):
    (tmp_path / "main.py").write_text(MAIN)
    (tmp_path / "user.py").write_text("def ratio():\n    return 1\n")
    (tmp_path / "Queue.py").write_text("size = 2\n")
    assert _symbols(tmp_path, "--no-cache") == [(1, "no-absolute-import"), (3, "print-statement")]
    proc = subprocess.run([sys.executable, "-m", "diracmod", "fix", "-j", "1", "main.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert "left for a person" not in proc.stdout, proc.stdout


def test_the_cache_keys_on_the_projects_own_modules(tmp_path):
    (tmp_path / "main.py").write_text(MAIN)
    assert _symbols(tmp_path) == [(1, "bad-python3-import-unmoved"), (1, "no-absolute-import"),
                                  (2, "bad-python3-import"), (3, "print-statement")]
    (tmp_path / "user.py").write_text("def ratio():\n    return 1\n")
    assert _symbols(tmp_path) == [(1, "no-absolute-import"), (2, "bad-python3-import"), (3, "print-statement")]
    (tmp_path / "user.py").unlink()
    assert _symbols(tmp_path)[0] == (1, "bad-python3-import-unmoved")


@pytest.mark.parametrize("future, reported", [("", False), ("from __future__ import absolute_import\n", True)])
def test_a_package_sibling_counts_only_where_python2_imports_it_relative(tmp_path, future, reported):
    """Without absolute_import Python 2 imports pkg/commands.py (fix makes it `from . import commands`); with it,
    the standard commands module."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "commands.py").write_text("x = 1\n")
    (tmp_path / "pkg" / "main.py").write_text(f"{future}import commands\nprint(commands.x)\n")
    symbols = [symbol for _, symbol in _symbols(tmp_path, "--no-cache", path="pkg/main.py")]
    assert ("bad-python3-import-unmoved" in symbols) == reported



def test_the_cache_keys_on_a_root_module_named_like_a_standard_module_whose_names_are_reported(tmp_path):
    """types.py made at the project's root, above pkg/main.py's package (imported by absolute_import as by
    Python 2's implicit relative import: the root is on sys.path): `types.StringType` is then the project's, no
    W1652; a cached result follows (a sibling is keyed as one the file imports)."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "main.py").write_text("from __future__ import absolute_import\nimport types\n"
                                              "x = types.StringType\n")
    assert "deprecated-types-field" in [symbol for _, symbol in _symbols(tmp_path, path="pkg/main.py")]
    (tmp_path / "types.py").write_text("StringType = str\n")
    assert "deprecated-types-field" not in [symbol for _, symbol in _symbols(tmp_path, path="pkg/main.py")]
    (tmp_path / "types.py").unlink()
    assert "deprecated-types-field" in [symbol for _, symbol in _symbols(tmp_path, path="pkg/main.py")]
