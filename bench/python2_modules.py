"""The top-level modules of python2.7's standard library (diracmod/source/python2_modules.json): run by python2.7,
it lists sys.builtin_module_names (__main__, __builtin__, strop...) and the modules and packages pkgutil.iter_modules
finds on the sys.path entries bench/star_imports.py walks (the standard library's directory: lib-dynload,
plat-linux2, lib-tk; site-packages excluded), without importing them; not `test`, the standard test suite, which
sys.stdlib_module_names leaves out too. diracmod.source.tables joins it to the running Python's
sys.stdlib_module_names (STDLIB_MODULES): a Python 2 standard module (future_builtins, formatter, parser...) is
standard whatever Python 3 runs diracmod (tryout29b #2). tests/test_python2_modules.py regenerates it and compares:

    ~/.pyenv/versions/2.7.18/bin/python -B bench/python2_modules.py > diracmod/source/python2_modules.json
"""
from __future__ import absolute_import, division, print_function

import json
import os
import pkgutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import star_imports  # noqa: E402  (its stdlib_paths: the standard library's entries of sys.path)


def modules():
    names = set(sys.builtin_module_names)
    names.update(name for _, name, _ in pkgutil.iter_modules(star_imports.stdlib_paths()))
    return {"how": "python%d.%d %s: sys.builtin_module_names and pkgutil.iter_modules on bench/star_imports.py's "
                   "stdlib_paths, but test" % (sys.version_info[0], sys.version_info[1], sys.version.split()[0]),
            "modules": sorted(names - {"test"})}


if __name__ == "__main__":
    if sys.version_info[0] != 2:
        sys.exit("run it with python2.7")
    print(json.dumps(modules(), indent=1, sort_keys=True))
