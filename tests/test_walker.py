"""The single walk visits each node once, in the scope it belongs to."""
from diracmod.check import engine

PLAN = engine.Plan(frozenset({"py3k"}))


def test_parameter_defaults_and_annotations_are_reported_once(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text("f = lambda x=unicode(1): x\n"
                    "def g(a: unicode = long(2), *b, c=xrange(3), **d) -> basestring:\n"
                    "    return a\n")
    found = [(f.line, f.symbol) for f in engine.check_file(str(path), PLAN).findings
             if f.checker == "py3k"]
    # an annotation's basestring and a default's long(2) are shapes fix leaves: reported under their split rules
    assert sorted(found) == [(1, "unicode-builtin"), (2, "basestring-builtin-as-value"),
                             (2, "long-builtin-int-differs"), (2, "unicode-builtin"), (2, "xrange-builtin")]
