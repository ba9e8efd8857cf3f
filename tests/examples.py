"""A catalogue example written as a module, with the files its directory holds beside it (Example.beside)."""
from pathlib import Path


def write(path: Path, code: str, example) -> Path:
    """`code` (the example's, or a variant of it) at `path`, and the example's files beside it."""
    for name, text in example.beside:
        (path.parent / name).write_text(text)
    path.write_bytes(code.encode("utf-8", "surrogateescape"))
    return path
