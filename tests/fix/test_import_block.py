"""rules/import_block.py writes the imports libcst's AddImportsVisitor writes: the visitor itself is the oracle,
on module tops of every shape the placement rules distinguish."""
import libcst as cst
import pytest
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor

from diracmod.rules import import_block

TOPS = {
    "empty": "",
    "code only": "x = 1\n",
    "docstring": '"""Doc."""\nx = 1\n',
    "docstring then comment": '"""Doc."""\n# note\nx = 1\n',
    "docstring then blank": '"""Doc."""\n\nx = 1\n',
    "strict": "__strict__ = True\nimport os\n",
    "imports": "import os\nimport sys as system\nfrom os import path\n\n\ndef f():\n    pass\n",
    "imports then comment": "import os\n# a comment\nclass A:\n    pass\n",
    "six there": "import six\nfrom six.moves import range\nx = 1\n",
    "from six.moves": "from six.moves import map, zip as izip\nx = 1\n",
    "parenthesised": "from six.moves import (\n    map,\n    filter,\n)\nx = 1\n",
    "star": "from six.moves import *\nx = 1\n",
    "two from": "from six.moves import map\nfrom six.moves import filter\nx = 1\n",
    "aliased module": "import six as sx\nimport functools as ft\nx = 1\n",
    "only imports": "import os\n",
    "dotted": "import six.moves.urllib\nfrom six.moves.urllib import parse\n",
    "crlf": "import os\r\nx = 1\r\n",
    "tabs": "import os\nif x:\n\tpass\n",
}

REQUESTS = {
    "six": [("six", None, None)],
    "names": [("six.moves", "range", None), ("six.moves", "map", None), ("functools", None, None)],
    "aliases": [("six.moves", "zip", "izip"), ("six.moves", "input", "raw_input"), ("six.moves", "map", None)],
    "module alias": [("six", None, "sx"), ("functools", None, "ft"), ("six", None, None)],
    "dotted": [("six.moves.urllib", "parse", None), ("six.moves.urllib", None, None), ("os", None, None)],
    "several modules": [("six.moves", "filter", None), ("functools", "cmp_to_key", None),
                        ("six.moves", "zip", "izip"), ("itertools", "chain", None), ("six", None, None)],
}


def _oracle(text: str, imports) -> str:
    context = CodemodContext()
    for module, name, asname in imports:
        AddImportsVisitor.add_needed_import(context, module, name, asname)
    return AddImportsVisitor(context).transform_module(cst.parse_module(text)).code


@pytest.mark.parametrize("requests", REQUESTS.values(), ids=REQUESTS.keys())
@pytest.mark.parametrize("text", TOPS.values(), ids=TOPS.keys())
def test_same_imports_as_libcst(text, requests):
    assert import_block.add(cst.parse_module(text), requests).code == _oracle(text, requests)


def test_nothing_to_add_keeps_the_module():
    module = cst.parse_module("import six\nfrom six.moves import range\n")
    assert import_block.add(module, [("six", None, None), ("six.moves", "range", None)]).code == module.code
