"""Scope safety (issue 7, done-when 4): a builtin's or module's name used as an attribute, a local, a
parameter, a keyword argument, a class name or an imported name is never rewritten, while the same
module's real uses of the builtin or module are; and a module already importing what a rewrite needs is
not changed twice."""
from __future__ import annotations

import pytest

from tests.fix.test_names_fixes import fix

NAMES = ("unicode", "file", "long", "next", "input", "types", "string", "reduce", "map", "StringIO")

# Lines marked `# keep` must come out byte-identical.
ROLES = {
    "attribute": """
def attribute(obj, value):
    obj.{name} = value  # keep
    return obj.{name}, obj.{name}(value), obj.{name}.upper  # keep
""",
    "local": """
def local(value):
    {name} = value  # keep
    return {name}, {name}(value), {name}.StringTypes  # keep
""",
    "parameter": """
def parameter({name}, other=None):  # keep
    return {name}(other), {name}.letters, lambda {name}: {name}  # keep
""",
    "keyword argument": """
def keyword(call, value):
    return call({name}=value), dict({name}=1)  # keep
""",
    "class name": """
class {name}(object):  # keep
    pass
VALUE = {name}(), {name}.StringTypes  # keep
""",
    "imported name": """
from compat import {name}  # keep
VALUE = {name}(1), {name}.upper, {name}.StringIO  # keep
""",
    # a generator expression, set or dict comprehension binds its variables inside itself (tryout 2, defect 6)
    "comprehension variable": """
def generator(values):
    return list(({name}, {name}(1), {name}.StringTypes) for {name} in values)  # keep
def comprehensions(values):
    return {{{name}.upper for {name} in values}}, {{{name}: {name}(1) for {name} in values}}  # keep
""",
    # Python 2: a list comprehension binds its variables in the scope around it, here the module's
    "module-level list comprehension variable": """
VALUES = [({name}, {name}(1), {name}.StringTypes) for {name} in (1, 2)]  # keep
""",
}
MODULE_LEVEL = {"class name", "imported name", "module-level list comprehension variable"}  # bind it module-wide

# Real uses in the same module, which the fixers rewrite, and what the fixed module then shows (none for
# `next`, no builtin of ours; `StringIO` and `map` are module-wide bindings of their own, so they cannot sit
# beside another binding of the name).
REAL_USES = {
    "unicode": ("TEXT = unicode(1)", "TEXT = six.text_type(1)"),
    "file": ("HANDLE = file('/etc/hosts')", "HANDLE = open('/etc/hosts')"),
    "long": ("SMALL = long(1) < 2", "SMALL = int(1) < 2"),
    "input": ("ANSWER = input('? ')", "six.moves"),  # `from six.moves import input`, or six.moves.input(...)
    "types": ("import types\nTEXT = isinstance('', types.StringTypes)", "TEXT = isinstance('', six.string_types)"),
    "string": ("import string\nUPPER = string.upper('a')", "UPPER = 'a'.upper()"),
    "reduce": ("TOTAL = reduce(max, [1, 2])", "functools"),  # `from functools import reduce`, or functools.reduce
}
TRIGGER = ("CHARACTER = unichr(65)", "CHARACTER = six.unichr(65)")  # the pass runs on every module


def _real_uses(name: str, role: str) -> list:
    return [TRIGGER] + ([] if role in MODULE_LEVEL or name not in REAL_USES else [REAL_USES[name]])


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("name", NAMES)
def test_name_in_its_own_role_is_never_rewritten(name, role):
    real = _real_uses(name, role)
    code = ROLES[role].format(name=name).lstrip("\n") + "".join(f"{use}\n" for use, _ in real)
    fixed, applied = fix(code)
    lines = fixed.splitlines()
    for line in code.splitlines():
        if line.endswith("# keep"):
            assert line in lines, fixed
    for _, shows in real:
        assert shows in fixed and shows not in code, fixed


def test_six_moves_range_already_imported_is_not_imported_twice():
    code = "from six.moves import range\n\nfor i in xrange(3):\n    print(range(i))\n"
    fixed, applied = fix(code)
    assert fixed == "from six.moves import range\n\nfor i in range(3):\n    print(range(i))\n"
    assert applied == {"xrange-builtin": 1}
    assert fix(fixed) == (fixed, {})


@pytest.mark.parametrize("code", [
    "import six\n\nTEXT = unicode(1)\n",
    "from functools import reduce\nimport six\n\nTOTAL = reduce(max, [1])\nTEXT = unicode(1)\n",
    "from six.moves import input, range\n\nANSWER = raw_input()\nfor i in xrange(2):\n    pass\n",
    "import six\n\nANSWER = raw_input()\nfor i in xrange(2):\n    pass\n",  # its style: six.moves.range(2)
])
def test_a_module_importing_what_is_needed_gains_no_import(code):
    fixed, applied = fix(code)
    assert applied and fixed.count("import") == code.count("import"), fixed
    assert fix(fixed) == (fixed, {})
