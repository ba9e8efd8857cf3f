"""Findings carry where the reported code ends: the AST node's end for the rules that walk it, the token's
for the token rules, the line's for the parser's findings, a point for pycodestyle's; every format that
has such fields shows it, and a cache of findings without it is not read."""
import json

from diracmod.check import engine, output
from diracmod.check.cache import ResultCache, claim, from_rows, to_row
from diracmod.core.finding import Finding
from diracmod.gate import formats
from diracmod.gate.fingerprint import Mark
from diracmod.source.reader import decode

CODE = ("r = xrange(10)\n"
        "s = '\\d'\n"
        "n = 1_000\n"
        "f(*a, )\n"
        "x=1\n")


def _ends(code, checkers=("py3k", "syntax", "pycodestyle")):
    findings = engine.analyse("m.py", decode("m.py", code.encode()), engine.Plan(checkers=frozenset(checkers)))
    return {(f.symbol, f.line, f.column, f.end_line, f.end_column) for f in findings}


def test_ends_of_nodes_tokens_and_points():
    assert {("xrange-builtin", 1, 4, 1, 10),  # the name `xrange`
            ("invalid-string-escape", 2, 5, 2, 7),  # the escape `\d`
            ("python2-syntax-error", 3, 4, 3, 9),  # the number token `1_000`
            ("python2-syntax-error", 4, 4, 4, 5),  # the comma after *a
            ("missing-whitespace", 5, 1, 5, 1)} <= _ends(CODE)  # pycodestyle: a point


def test_a_node_spanning_lines_ends_on_its_last_line():
    code = "class A:\n    __metaclass__ = M\n    def f(self):\n        return apply(g,\n                     ())\n"
    ends = _ends(code)
    assert {("apply-builtin", 4, 15, 4, 20), ("metaclass-assignment", 1, 0, 5, 24)} <= ends  # the class


def test_a_parser_finding_ends_with_its_line():
    assert _ends("x = (1,\n", ("syntax",)) == {("syntax-error", 1, 0, 1, len("x = (1,"))}


def _finding(**ends):
    return Finding("m.py", 3, 4, "W1613", "xrange-builtin", "xrange built-in referenced", "py3k", "warning", **ends)


def test_json_and_formats_carry_the_end():
    finding = _finding(end_line=4, end_column=10)
    assert (finding.to_json()["endLine"], finding.to_json()["endColumn"]) == (4, 10)
    assert Finding.from_json(finding.to_json()) == finding
    mark = [Mark("m.py", "f" * 20, "")]
    region = json.loads(formats.sarif([finding], mark))["runs"][0]["results"][0]["locations"][0]
    assert region["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5, "endLine": 4, "endColumn": 11}
    assert json.loads(formats.gitlab([finding], mark))[0]["location"]["lines"] == {"begin": 3, "end": 4}
    assert ",line=3,col=5,endLine=4,endColumn=11," in formats.github([finding], mark)


def test_the_text_template_has_pylints_end_fields():
    template = "{line}:{column}-{end_line}:{end_column}"
    output.check_template(template)
    assert output.text([_finding(end_line=4, end_column=10), _finding()], template) == "3:4-4:10\n3:4-:\n"


def test_a_finding_without_an_end_still_renders():
    """Shards written before findings had an end: every format leaves the end out."""
    old = {k: v for k, v in _finding(end_line=3, end_column=10).to_json().items() if not k.startswith("end")}
    finding = Finding.from_json(old)
    assert finding.end_line is None
    mark = [Mark("m.py", "f" * 20, "")]
    assert "endLine" not in formats.sarif([finding], mark) and "endLine" not in formats.github([finding], mark)
    assert json.loads(formats.gitlab([finding], mark))[0]["location"]["lines"] == {"begin": 3}


def test_cached_findings_of_the_old_shape_are_not_read(tmp_path):
    directory = tmp_path / "cache"
    assert claim(directory)
    current = ResultCache(directory, "fp")
    digest = "ab" + "0" * 62
    row = to_row(_finding(end_line=3, end_column=10))
    current.put(digest, frozenset({"py3k"}), [row[:-2]])  # a finding stored before findings had an end
    current.save({digest})
    assert ResultCache(directory, "fp").get(digest, frozenset({"py3k"})) is None
    current.put(digest, frozenset({"py3k"}), [row])
    current.save({digest})
    [cached] = ResultCache(directory, "fp").get(digest, frozenset({"py3k"}))
    assert from_rows("m.py", [cached])[0].end_line == 3