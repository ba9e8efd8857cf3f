"""Which methods the project's own classes define in a way a receiver rewrite would not fit (tryout6b #5,
tryout7 #11): check and fix read one module at a time, and rules/py3k/imported_origin.py follows the module's own
flow of values; but a parameter or an attribute (`def f(bag): return bag.keys() + ("x",)`) may be an object of a
class another module of the project defines (`class Bag: def keys(self): return tuple(...)`), for which
`list(bag.keys())` changes Python 2's behaviour. So once per run the project's files are read (the directory
settings are read from, as discovery walks it: its excludes, no symlink out of the tree; regular files within the
size limit) and indexed, cheaply: a bytes scan for the `def` of a watched method inside a class, and an ast parse
of that one method's lines only.

The package's modules, each importing only those below it: index (ProjectIndex, for_config, build), facts
(what the index takes of one file), hooks (an import hook), flags (version flags, shims, the locale, builtins
copies), reads
(`readers`), doctests (the files read as Python beyond the *.py modules), writes (`assigned`), attached (a
watched method attached outside a class body), classes (lineage, old-style classes, ordering), methods (the
watched methods), scan (the shared bytes helpers and memo).
"""
from diracmod.source.project_index.index import ProjectIndex, build, for_config, unmarked_scope

__all__ = ["ProjectIndex", "build", "for_config", "unmarked_scope"]
