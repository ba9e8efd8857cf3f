# Before any module of check imports fissix.pygram: its grammars must load without writing to $HOME.
from diracmod.check import fissix_grammar  # noqa: F401
