"""Run by python2.7: what `from M import *` binds, for every standard library module M importable there, among
the names that matter to diracmod (Python 2's builtins' names and the NAMES given as arguments: those rewrites
bring in). Prints diracmod/source/star_imports.json (tests/test_star_imports.py regenerates and compares it):

    python2.7 bench/star_imports_py27.py NAME... > diracmod/source/star_imports.json

The modules: sys.builtin_module_names, and every module and package pkgutil.walk_packages finds on the
sys.path entries inside the standard library's directory (site-packages excluded), but the test suites
(test, */test/*, */tests/*), the __main__ modules and the modules that act when imported (antigravity opens a
browser, this prints, user runs ~/.pythonrc.py, idlelib starts Tk parts). Those that fail to import here are not
listed."""
from __future__ import absolute_import, division, print_function

import json
import os
import pkgutil
import sys
from distutils import sysconfig

import __builtin__

ACTING = ("antigravity", "this", "user", "idlelib")
HOW = ("python2.7 {version}: sys.builtin_module_names and pkgutil.walk_packages on sys.path's entries inside "
       "distutils.sysconfig.get_python_lib(standard_lib=True) but site-packages; not the test suites (test, "
       "*/test/*, */tests/*), */__main__ nor {acting}; only the modules that import")


def _skipped(name):
    parts = name.split(".")
    return (parts[0] in ACTING or parts[0] == "test" or "test" in parts[1:] or "tests" in parts[1:]
            or parts[-1] == "__main__")  # lib2to3.__main__ runs 2to3


def _modules():
    stdlib = os.path.realpath(sysconfig.get_python_lib(standard_lib=True))
    paths = [path for path in sys.path if os.path.realpath(path).startswith(stdlib)
             and "site-packages" not in path]
    names = set(sys.builtin_module_names)
    for _, name, _ in pkgutil.walk_packages(paths, onerror=lambda name: None):
        names.add(name)
    return sorted(name for name in names if not _skipped(name))


def _star_names(module):
    public = getattr(module, "__all__", None)
    return set(public) if public is not None else {name for name in dir(module) if not name.startswith("_")}


def main(introduced):
    names = _modules()
    considered = set(dir(__builtin__)) | set(introduced)
    imported, binds = [], {}
    quiet = open(os.devnull, "w")
    stdout, sys.stdout = sys.stdout, quiet  # modules that print when imported
    try:
        for name in names:
            try:
                __import__(name)
                module = sys.modules[name]
                star = sorted(_star_names(module) & considered)
            except Exception:  # not importable here (msvcrt, _winreg...), or an __all__ naming nothing
                continue
            imported.append(name)
            if star:
                binds[name] = star
    finally:
        sys.stdout = stdout
    how = HOW.format(version=sys.version.split()[0], acting=", ".join(ACTING))
    print(json.dumps({"how": how, "names": sorted(considered), "modules": imported, "binds": binds},
                     indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
