"""The classes of python2.7's standard library, by kind (diracmod/source/classic_classes.json): run by python2.7,
it imports every standard module bench/star_imports.py walks (the same list, the same exclusions) and the
builtins, and prints as JSON the names (the last name, as a base is matched: `HTMLParser.HTMLParser` ->
HTMLParser) of the classes they bind: `classic` those of type types.ClassType (old-style: HTMLParser,
SocketServer.BaseRequestHandler, ConfigParser.RawConfigParser...), `new` the new-style ones. A name bound to
both kinds (by different modules) is in both lists. The project index (project_index.classes.mro_left) takes a base
the project does not define as new-style only where the name is in `new` and not in `classic` (tryout23 #3).
tests/test_classic_classes.py regenerates it and compares:

    ~/.pyenv/versions/2.7.18/bin/python -B bench/classic_classes.py > diracmod/source/classic_classes.json
"""
from __future__ import absolute_import, division, print_function

import json
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import star_imports  # noqa: E402  (its _modules: the standard modules it walks)


def kinds():
    classic, new = set(), set()
    modules = [star_imports.builtins]
    sys.stdout.flush()
    stdout, quiet = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # modules that print when imported
    try:
        for name in star_imports._modules():
            try:
                __import__(name)
            except Exception:  # not importable here (msvcrt, _winreg...)
                continue
            modules.append(sys.modules[name])
    finally:
        sys.stdout.flush()
        os.dup2(stdout, 1)
    for module in modules:
        for value in list(vars(module).values()):
            if type(value) is types.ClassType:
                classic.add(value.__name__)
            elif isinstance(value, type):
                new.add(value.__name__)
    return {"how": "python%d.%d %s: the classes bound by the modules of bench/star_imports.py and __builtin__"
                   % (sys.version_info[0], sys.version_info[1], sys.version.split()[0]),
            "classic": sorted(classic), "new": sorted(new)}


if __name__ == "__main__":
    if sys.version_info[0] != 2:
        sys.exit("run it with python2.7")
    print(json.dumps(kinds(), indent=1, sort_keys=True))
