"""DM131 (str-to-bytes-api, --unsafe) leaves an argument that may be None, read by where the value comes from
(tryout12 #1): six.ensure_binary(None) raises TypeError on Python 2, where hmac.new takes msg=None."""
from __future__ import annotations

import pytest

from diracmod.cli import main
from tests.fix.helpers import project_dir, python2_output

SHAPES = {
    "default-constant": "NOMSG = None\ndef sign(key, msg=NOMSG):\n    return hmac.new(key, msg, hashlib.md5).hexdigest()\n",
    "kwargs-get": "def sign(key, **kw):\n    return hmac.new(key, kw.get('msg'), hashlib.md5).hexdigest()\n",
    "dict-get": "CFG = {}\ndef sign(key):\n    return hmac.new(key, CFG.get('msg'), hashlib.md5).hexdigest()\n",
    "get-none-default": "def sign(key, opts={}):\n    return hmac.new(key, opts.get('m', None), hashlib.md5).hexdigest()\n",
    "getattr-none": "def sign(key):\n    return hmac.new(key, getattr(sys, 'nomsg', None), hashlib.md5).hexdigest()\n",
    "self-attribute": ("class S(object):\n    def __init__(self):\n        self.msg = None\n"
                       "    def sign(self, key):\n        return hmac.new(key, self.msg, hashlib.md5).hexdigest()\n"
                       "sign = S().sign\n"),
    "self-attribute-parameter": ("class S(object):\n    def __init__(self, msg=None):\n        self.msg = msg\n"
                                 "    def sign(self, key):\n        return hmac.new(key, self.msg, hashlib.md5).hexdigest()\n"
                                 "sign = S().sign\n"),
    "alias": "def sign(key, msg=None):\n    m = msg\n    return hmac.new(key, m, hashlib.md5).hexdigest()\n",
    "returns-nothing": "def nothing(): pass\ndef sign(key):\n    return hmac.new(key, nothing(), hashlib.md5).hexdigest()\n",
    "returns-none": ("def pick(x):\n    if x:\n        return x\n    return None\n"
                     "def sign(key):\n    return hmac.new(key, pick(''), hashlib.md5).hexdigest()\n"),
    "and": "def sign(key, msg=None):\n    return hmac.new(key, key and msg, hashlib.md5).hexdigest()\n",
}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES)
def test_an_argument_that_may_be_none_by_its_source_is_left(tmp_path, monkeypatch, shape):
    code = "import hmac, hashlib, sys\n" + shape + "sys.stdout.write(sign('k') + '\\n')\n"
    root = project_dir(tmp_path, monkeypatch, {"main.py": code})
    before = python2_output(root, "main.py")
    assert before == "cd32bedd46aa63cffa3023f050fc78e3\n", before
    main(["fix", "--unsafe", "--write", "-j", "1", str(root)])
    fixed = (root / "main.py").read_text()
    assert "ensure_binary(key)" in fixed  # the key, never None, still wrapped
    assert fixed.count("ensure_binary(") == 1, fixed
    assert python2_output(root, "main.py") == before


def test_a_value_that_cannot_be_none_is_still_wrapped(tmp_path, monkeypatch):
    # `msg or ''` is never None; a get with a text default, a function returning text on every path, an attribute
    # the class sets to text only: wrapped as before
    code = ("import hmac, hashlib, sys\nCFG = {}\ndef text(x):\n    return '%s' % x\nclass S(object):\n"
            "    def __init__(self):\n        self.msg = 'm'\n    def sign(self, key, msg=None):\n"
            "        h = hmac.new(key, msg or '', hashlib.md5)\n        h.update(CFG.get('m', ''))\n"
            "        h.update(text(1))\n        h.update(self.msg)\n        return h.hexdigest()\n"
            "sys.stdout.write(S().sign('k') + '\\n')\n")
    root = project_dir(tmp_path, monkeypatch, {"main.py": code})
    before = python2_output(root, "main.py")
    main(["fix", "--unsafe", "--write", "-j", "1", str(root)])
    fixed = (root / "main.py").read_text()
    for wrapped in ("ensure_binary(msg or '')", "ensure_binary(CFG.get('m', ''))", "ensure_binary(text(1))",
                    "ensure_binary(self.msg)"):
        assert wrapped in fixed
    assert python2_output(root, "main.py") == before
