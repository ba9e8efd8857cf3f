"""One source file and what is derived from it: decoded text (reader), the parse under Python 3 or the
Python 2 grammar (parse), tokens, scopes, version guards and the renamed-stdlib tables. Every command
(check, fix, deps, report) reads code through this layer; it imports only diracmod.core.

fissix's grammars must load without writing to $HOME before any module imports fissix.pygram."""
from diracmod.source import fissix_grammar  # noqa: F401
