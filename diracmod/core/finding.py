"""A finding: one rule firing at one place. Every checker produces these, every output reads them."""
from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

# pylint's JSON keys (endLine/endColumn: pylint 2.x's), plus checker and fixable, in the order reports write them
# split-from: see Finding.split_from (null where the rule says it, or there is none)
_JSON_KEYS = ("type", "path", "obj", "line", "column", "endLine", "endColumn", "message-id", "symbol", "message",
              "checker", "fixable", "split-from")


class Finding(NamedTuple):
    """A tuple: a tree yields tens of thousands of these, so no per-instance dict (a third of the memory)
    and a compact pickle from the worker processes."""
    path: str  # as the user named it (relative paths stay relative)
    line: int
    column: int
    msg_id: str
    symbol: str
    message: str
    checker: str
    type: str  # error | warning | convention
    obj: str = ""  # enclosing scope, pylint style: "Class.method"
    fixable: bool = False
    # where the reported node or token ends (as ast's end_lineno/end_col_offset); a finding about a line ends
    # with it, pycodestyle's are a point (end = start); None: not known (a shard written before they were)
    end_line: int | None = None
    end_column: int | None = None
    # the symbol of the pylint rule this finding counts as, where its rule is split off several of pylint's
    # (builtin-name-unsure: unicode-builtin, xrange-builtin...), or of the diracmod rule of its shape where pylint
    # has none (removed-module-attribute-name-rebound: os-getcwdu); "": its rule's (Catalogue.pylint)
    split_from: str = ""

    def sort_key(self):
        return SORT_KEY(self)

    def to_json(self) -> dict:
        """pylint's JSON keys, plus checker and fixable."""
        return dict(zip(_JSON_KEYS, (self.type, self.path, self.obj, self.line, self.column, self.end_line,
                                     self.end_column, self.msg_id, self.symbol, self.message, self.checker,
                                     self.fixable, self.split_from or None)))

    @classmethod
    def from_json(cls, data: dict) -> "Finding":
        return cls(data["path"], data["line"], data["column"], data["message-id"], data["symbol"], data["message"],
                   data["checker"], data["type"], data.get("obj", ""), data.get("fixable", False),
                   data.get("endLine"), data.get("endColumn"), data.get("split-from") or "")


# (path, line, column, msg_id, message): the order of every report. An itemgetter, not a method, where tens of
# thousands are sorted: it runs in C (a Python call per finding cost a warm re-check 20 ms)
SORT_KEY = itemgetter(0, 1, 2, 3, 5)
