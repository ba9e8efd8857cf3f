"""What `from M import *` binds, for every standard library module M importable by the Python running this
(python2.7 or a Python 3), among the names that matter to diracmod (the running Python's builtins' names and
the NAMES given as arguments: those rewrites bring in, and for a Python 3 Python 2's builtins' names). Prints
that Python's part of diracmod/source/star_imports.json as JSON; `--table PY27 PY3...` (run by any Python 3)
runs it under each and prints the whole table: python2.7's part, and the union of the Python 3s' parts (a
module may bind on Python 3 what any of them binds). tests/test_star_imports.py regenerates python2.7's part
and the running Python 3's and compares:

    python3 bench/star_imports.py --table ~/.pyenv/versions/2.7.*/bin/python ~/.pyenv/versions/3.*/bin/python \
        -- NAME... > diracmod/source/star_imports.json

The modules: sys.builtin_module_names, os.path (posixpath, an attribute of os that no walk finds), and every
module and package pkgutil.walk_packages finds on the sys.path entries inside the standard library's directory
(site-packages excluded), but the test suites (test, */test/*, */tests/*), the __main__ modules and the modules
that act when imported (antigravity opens a browser, this prints, user runs ~/.pythonrc.py, idlelib starts Tk
parts). `modules`: those that import here; `failed`: those found that do not (msvcrt, _winreg...)."""
from __future__ import absolute_import, division, print_function

import json
import os
import pkgutil
import subprocess
import sys
import sysconfig

try:
    import __builtin__ as builtins
except ImportError:
    import builtins

ACTING = ("antigravity", "this", "user", "idlelib")
HOW = ("{python} {version}: sys.builtin_module_names, os.path and pkgutil.walk_packages on sys.path's entries "
       "inside sysconfig.get_paths()['stdlib'] but site-packages; not the test suites (test, */test/*, */tests/*), "
       "*/__main__ nor {acting}")


def _skipped(name):
    parts = name.split(".")
    return (parts[0] in ACTING or parts[0] == "test" or "test" in parts[1:] or "tests" in parts[1:]
            or parts[-1] == "__main__")  # lib2to3.__main__ runs 2to3


def stdlib_paths():
    """sys.path's entries inside the standard library's directory, site-packages excluded."""
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    return [path for path in sys.path if os.path.realpath(path).startswith(stdlib) and "site-packages" not in path]


def _modules():
    names = set(sys.builtin_module_names) | {"os.path"}
    for _, name, _ in pkgutil.walk_packages(stdlib_paths(), onerror=lambda name: None):
        names.add(name)
    return sorted(name for name in names if not _skipped(name))


def _star_names(module):
    public = getattr(module, "__all__", None)
    return set(public) if public is not None else {name for name in dir(module) if not name.startswith("_")}


def part(introduced):
    """This Python's part of the table."""
    considered = set(dir(builtins)) | set(introduced)
    imported, failed, binds = [], [], {}
    sys.stdout.flush()
    stdout, quiet = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # modules that print when imported, to sys.stdout or sys.__stdout__
    try:
        for name in _modules():  # walk_packages imports the packages it walks
            try:
                __import__(name)
                module = sys.modules[name]
                star = sorted(_star_names(module) & considered)
            except Exception:  # not importable here, or an __all__ naming nothing
                failed.append(name)
                continue
            imported.append(name)
            if star:
                binds[name] = star
    finally:
        sys.stdout.flush()
        os.dup2(stdout, 1)
    python = "python%d.%d" % sys.version_info[:2]
    how = HOW.format(python=python, version=sys.version.split()[0], acting=", ".join(ACTING))
    return {"how": how, "names": sorted(considered), "modules": imported, "failed": failed, "binds": binds}


def _run(python, names):
    return json.loads(subprocess.check_output([python, os.path.abspath(__file__)] + list(names)))


def table(python27, python3s, introduced):
    """python2.7's part, and the union of the Python 3s' (given Python 2's builtins' names to consider)."""
    python2 = _run(python27, introduced)
    parts = [_run(python, python2["names"]) for python in python3s]
    binds = {}
    for made in parts:
        for module, bound in made["binds"].items():
            binds[module] = sorted(set(binds.get(module, ())) | set(bound))
    union = {"how": [made["how"] for made in parts],
             "names": sorted(set.intersection(*(set(made["names"]) for made in parts))),
             "modules": sorted(set().union(*(made["modules"] for made in parts))),
             "failed": sorted(set().union(*(made["failed"] for made in parts))), "binds": binds}
    return {"python2": python2, "python3": union}


def main(arguments):
    if arguments[:1] == ["--table"]:
        split = arguments.index("--")
        pythons, introduced = arguments[1:split], arguments[split + 1:]
        made = table(pythons[0], pythons[1:], introduced)
    else:
        made = part(arguments)
    print(json.dumps(made, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
