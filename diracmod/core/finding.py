"""A finding: one rule firing at one place. Every checker produces these, every output reads them."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
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

    def sort_key(self):
        return (self.path, self.line, self.column, self.msg_id, self.message)

    def to_json(self) -> dict:
        """pylint's JSON keys, plus checker and fixable."""
        data = asdict(self)
        data["message-id"] = data.pop("msg_id")
        return {k: data[k] for k in (
            "type", "path", "obj", "line", "column", "message-id", "symbol", "message", "checker", "fixable")}

    @classmethod
    def from_json(cls, data: dict) -> "Finding":
        data = dict(data)
        data["msg_id"] = data.pop("message-id")
        return cls(**data)
