"""What a module of the project writes into another one's namespace (or its own, or the builtins module's).

`assigned` (tryout15 #2, #11): the names each module of the project has assigned as its attributes by another
module (or itself) of the project: `mod.repr = f` with `import mod` (`pkg.mod.repr = f` with `import pkg.mod`,
`m.repr = f` with `from pkg import mod as m`, in any function too), `setattr(mod, 'repr', f)`,
`mod.__dict__['repr'] = f`, `vars(mod).update(...)` or a setattr of a name not written out (any name: "*"), a
test's `mock.patch('pkg.mod.repr', ...)`, `mock.patch.object(mod, 'repr', ...)`, `monkeypatch.setattr(...)`,
`sys.modules['pkg.mod'].repr = f`, `mock.patch.multiple('pkg.mod', repr=f)` (its keywords' names), the module's
namespace handed to a call (`patch.dict(mod.__dict__, {...})`, `monkeypatch.setitem(vars(mod), 'repr', f)`: the
name written out after it, else "*"), through an import on a backslash-continued line too (tryout17 #3): Python 2 then reads that binding where the module names `repr`, which a
rewrite bringing the name in (a backtick's `repr(x)`, `return` for `raise StopIteration`) would change;
builtin_uses' unseen-binding answer reads them (ProjectIndex.outside, set on the module's tree by check's engine).
And a builtin's name written as the attribute of any expression ending in a call or a subscript that names the
module, or into its namespace (`__import__('pkg.b4', None, None, ['x']).raw_input = f`, `vars(sys.modules[
'pkg.b2'])['raw_input'] = f`, `importlib.import_module(...)`: tryout19 #5, _expression_writes).
A module is named by its last dotted component (`mod` for pkg/mod.py, `pkg` for pkg/__init__.py): a module of
another package of that name is taken as assigned too (more left, never less). Read on the bytes alone (no parse:
the scan costs little), a superset: in a comment or a string too, a class's attribute taken as a module's. Not an
alias of the module bound otherwise (`m = mod`, `ns = vars(mod)`): README's known limits. A name written into the
builtins module (`__builtin__.raw_input = f`, six.moves' `builtins`, a module's `__builtins__` dict: BUILTINS_KEYS)
counts for every module (tryout21 #1: ProjectIndex.outside)."""
from __future__ import annotations

import builtins
import itertools
import re

from diracmod.source.project_index.scan import _WORD, _Lines


# the names a module may read without its text holding them, which a rewrite brings in or a rule asks about: the
# builtins of both Pythons, a module-level __metaclass__, six and the builtins module
READ_UNWRITTEN = frozenset(dir(builtins)) | frozenset({
    "basestring", "long", "unicode", "file", "reduce", "cmp", "apply", "xrange", "raw_input", "execfile", "unichr",
    "buffer", "intern", "coerce", "StandardError", "reload", "__metaclass__", "six", "builtins", "__builtin__"})


# the module keys of the builtins module (`import __builtin__`, six.moves' `builtins`; a module's `__builtins__`
# is its dict), whose attributes every module of the process reads where it binds no name of its own (tryout21
# #1): what the project writes there counts for every module (ProjectIndex.outside, under _EVERY_MODULE), its how
# ending in INTO_BUILTINS (builtin_uses tells such a write from one into the module's own namespace)
BUILTINS_KEYS = frozenset({"__builtin__", "builtins", "__builtins__"})
INTO_BUILTINS = ", written into the builtins module in the project (every module reads it)"
_EVERY_MODULE = "\0every module"


# what _module_writes and _module_reads read, on the bytes alone (a file of the project is not parsed for it:
# Django's 1,900 files in about 1 s, where parsing the 130 holding some `name.attr = ...` of an imported name took
# 2 s more): the items of the import statements (`a.b as m`, `name`; a line continued by a backslash too:
# tryout17 #3), and the ways a module's attribute is assigned by name
_IMPORTS = re.compile(rb"\bimport\b[ \t]*(?:\(([^)]*)\)|((?:[^\n;#\\]|\\\r?\n|\\)*))")
_IMPORTED = re.compile(rb"([A-Za-z_][\w.]*)(?:[ \t\\\r\n]+as[ \t\\\r\n]+(\w+))?")
# the `from pkg.mod` before an `import` on its line (looked for in the 300 bytes before it)
_FROM_PART = re.compile(rb"(?:^|;)[ \t]*from[ \t]+\.*[ \t]*([\w.]*)[ \t]+$", re.M)
# a module handed to a call: by its name, a dotted name (`pkg.mod`: the module whose name comes last, where the first
# is one the file imports) or `sys.modules['pkg.mod']` (`.get('pkg.mod')` too): tryout18 #3. Groups: the dotted
# name, the string (_receiver_key)
_DOTTED = rb"(\w+(?:[ \t]*\.[ \t]*\w+)*)"
_SYS_MODULE = rb"modules[ \t]*(?:\[|\.[ \t]*get[ \t]*\()[ \t]*['\"]([\w.]+)['\"][ \t]*[)\]]"
_SETATTR_NAMED = re.compile(rb"(?:setattr|\.object)\([ \t]*(?:" + _DOTTED + rb"|(?:\w+[ \t]*\.[ \t]*)?" + _SYS_MODULE
                            + rb")[ \t]*,[ \t]*(?:['\"](\w+)['\"])?")
# a module's namespace written (`vars(mod).update(...)`, `mod.__dict__['repr'] = f`), or handed to a call as an
# argument before others (`patch.dict(mod.__dict__, {...})`, `monkeypatch.setitem(vars(mod), 'repr', f)`: tryout17
# #3): the name written out after it, else any
_NAMESPACE_WRITE = re.compile(rb"(?:vars\([ \t]*" + _DOTTED + rb"[ \t]*\)|(?:(?<![\w.])" + _DOTTED + rb"|" + _SYS_MODULE
                              + rb")[ \t]*\.[ \t]*__dict__)[ \t]*"
                              rb"(?:\.[ \t]*(?:update|setdefault)\b|[\[,][ \t]*(?:['\"](\w+)['\"])?)")
# `patch('pkg.mod.repr')`, `monkeypatch.setattr('pkg.mod.repr', f)`, `patch.dict('pkg.mod.__dict__', {...})`
# (mock's string target: any name of the module, tryout18 #3)
_STRING_TARGET = re.compile(rb"(?:patch|setattr|dict)\([ \t]*['\"]([\w.]+)\.(\w+)['\"]")
_SYS_MODULES = re.compile(rb"modules\[[ \t]*['\"]([\w.]+)['\"][ \t]*\][ \t]*\.[ \t]*(\w+)[ \t]*=(?!=)")
# `patch.multiple('pkg.mod', repr=f)`, `patch.multiple(mod, repr=f, **more)`: the keywords' names (tryout17 #3)
_MULTIPLE = re.compile(rb"multiple\([ \t]*(?:['\"]([\w.]+)['\"]|" + _DOTTED + rb"|(?:\w+[ \t]*\.[ \t]*)?" + _SYS_MODULE
                       + rb")[ \t]*,")
_KEYWORD = re.compile(rb"[ \t\\\r\n]*(?:(\w+)[ \t]*=(?!=)|(\*\*))")
# a builtin's name (READ_UNWRITTEN) written as the attribute of what a call or a subscript gives (tryout19 #5): the
# expression before it names the module, in any spelling (`__import__('pkg.b4', None, None, ['x']).raw_input = f`,
# `importlib.import_module('b3').repr = f`, `__import__('pkg').b2.raw_input = f`, `reload(b5).repr = f`), or into
# the namespace of such an expression (`.__dict__` or `vars(...)`: `vars(sys.modules['pkg.b2'])['raw_input'] = f`,
# `__import__('b5').__dict__.__setitem__('repr', f)`, `vars(...).update(...)`: any name): anchored on the closing
# bracket (one pattern for each: a literal first byte is found fast, a class of two was 3x slower). Groups: the
# attributes between, the name (an attribute target, a subscript target, a setdefault or __setitem__ argument), the
# method (update, setdefault, __setitem__)
_EXPRESSION_WRITES = tuple(re.compile(
    bracket + rb"((?:[ \t]*\.[ \t]*\w+)*?)[ \t]*(?:\.[ \t]*(\w+)[ \t]*(?:,[^=\n()]*)?=(?!=)|"
    rb"\[[ \t]*['\"](\w+)['\"][ \t]*\][ \t]*=(?!=)|\.[ \t]*(update|setdefault|__setitem__)[ \t]*\([ \t]*(?:['\"](\w+)['\"])?)")
    for bracket in (rb"\)", rb"\]"))
# a string naming a module in such an expression (its last dotted name), a (dotted) name as a call's last argument
# (`reload(b5)`), and `setattr(` handed one (its first argument holding a call or a subscript)
_MODULE_STRING = re.compile(rb"['\"]([A-Za-z_][\w.]*)['\"]")
_LAST_ARGUMENT = re.compile(rb"(?<![\w.])(\w+(?:[ \t]*\.[ \t]*\w+)*)[ \t]*\)")
_VARS = re.compile(rb"(?<!\w)vars[ \t]*\($")
_SETATTR_CALL = re.compile(rb"setattr[ \t]*\(")  # not `\b`: a literal first byte is found fast
# and `patch.object(` (any receiver's named attribute: tryout20 #15), apart (an alternation loses the literal's speed)
_OBJECT_CALL = re.compile(rb"\.[ \t]*object[ \t]*\(")
_SETATTR_NAME = re.compile(rb"[ \t\\\r\n]*,[ \t\\\r\n]*(?:['\"](\w+)['\"])?")
# a write through a module's `__builtins__` (the builtins module's dict, or the module itself in __main__: tryout21
# #1), which every module reads: `cli.__builtins__['raw_input'] = f`, `__builtins__[key] = f` (any name),
# `__builtins__.raw_input = f`, `__builtins__.update(...)`, `.__dict__[...]`. Groups: the attribute, the quoted
# key, the method, its quoted first argument
_BUILTINS_WRITE = re.compile(
    rb"__builtins__[ \t]*(?:\.[ \t]*__dict__[ \t]*)?(?:\.[ \t]*(\w+)[ \t]*(?:,[^=\n]*)?=(?!=)|"
    rb"\[[ \t]*(?:['\"](\w+)['\"]|[^\]\n'\"]*)[ \t]*\][ \t]*=(?!=)|"
    rb"\.[ \t]*(update|setdefault|__setitem__)[ \t]*\([ \t]*(?:['\"](\w+)['\"])?)")
# the bytes a file holds where each of those may match (most files hold none: the pattern is not run)
_HINTS = ((_SETATTR_NAMED, (b"setattr(", b".object(")), (_NAMESPACE_WRITE, (b"vars(", b"__dict__")),
          (_STRING_TARGET, (b"patch(", b"setattr(", b"dict(")), (_SYS_MODULES, (b"modules[",)),
          (_MULTIPLE, (b"multiple(",)))


def _import_items(data: bytes) -> tuple:
    """(bound name, module key, from, name, offset) of each item of the file's import statements, read on the bytes
    (a superset: in a comment or a string too): the name it binds, the module_key of what it binds where that is a
    module (`import a.b` binds `a`, `import a.b as m` `b`, `from p import x as y` `x`), the last component of the
    module a from-import takes it from (b"" for `from . import x`; None for a plain import), the name imported
    (the dotted name for a plain import) and where the item is. What _module_writes and _module_reads read of the
    names of a file that name a module."""
    found = []
    for match in _IMPORTS.finditer(data) if b"import" in data else ():
        start = data.rfind(b"\n", max(0, match.start() - 300), match.start()) + 1
        before = _FROM_PART.search(data, max(start, match.start() - 300), match.start())
        source = before.group(1).rsplit(b".", 1)[-1] if before else None
        group = 1 if match.group(1) is not None else 2
        for item in _IMPORTED.finditer(match.group(group)):
            dotted, alias = item.group(1), item.group(2)
            if dotted == b"as":
                continue
            bound = alias or dotted.split(b".")[0]
            key = dotted.rsplit(b".", 1)[-1] if alias else bound
            found.append((bound, key, source, dotted, match.start(group) + item.start()))
    return tuple(found)


def _modules(imports: tuple) -> dict:
    """A name an import binds -> the key of the module it is (_import_items; the alias's first)."""
    modules: dict = {}
    for bound, key, _, _, _ in imports:
        if bound != key:
            modules[bound] = key
        else:
            modules.setdefault(bound, key)
    return modules


# what follows `name.` in `name.attr = ...`, `name.sub.attr = ...`, `name.attr, x = ...` (not `==`): (chain between,
# attr); matched where a bytes search finds `name.` (one pattern for every name: compiling one per name cost more
# than the scan)
_CHAIN = re.compile(rb"(?:[ \t]*\.[ \t]*\w+)*")
_ATTRIBUTE_ASSIGNED = re.compile(rb"\.((?:[ \t]*\w+[ \t]*\.)*?)[ \t]*(\w+)[ \t]*(?:,[^=\n]*)?=(?!=)")


def _attribute_assignments(data: bytes, name: bytes):
    """(offset, match of _ATTRIBUTE_ASSIGNED) of each `name.attr = ...` of the file, not overlapping, as a finditer
    of `name` + the pattern would give them."""
    at = data.find(name + b".")
    while at != -1:
        match = _ATTRIBUTE_ASSIGNED.match(data, at + len(name))
        if match:
            yield at, match
        # where none is, none is from a later `name.` of the same dotted chain either (its splits are some of
        # this one's): tried from each of `a.a.a...`'s a megabyte was quadratic
        at = data.find(name + b".", match.end() if match else max(at + 1, _CHAIN.match(data, at + len(name)).end()))


def _keywords(data: bytes, at: int) -> set:
    """The names of the keyword arguments of the call whose arguments go on at `at` (after a first one and its
    comma: patch.multiple's), {"*"} for a `**` or where its end is not found within 4,000 bytes: the arguments'
    text at its top level (brackets counted, strings skipped)."""
    names, depth, end, expect = set(), 0, min(len(data), at + 4000), True
    while at < end:
        if expect and depth == 0:
            match = _KEYWORD.match(data, at, end)
            if match:
                names.add(match.group(1).decode() if match.group(1) else "*")
                at = match.end()
            expect = False
            continue
        char = data[at:at + 1]
        if char in b"'\"":
            close = data.find(char, at + 1, end)
            while close != -1 and data[close - 1:close] == b"\\":
                close = data.find(char, close + 1, end)
            if close == -1:
                break
            at = close
        elif char in b"([{":
            depth += 1
        elif char in b")]}":
            if depth == 0:
                return names
            depth -= 1
        elif char == b"," and depth == 0:
            expect = True
        at += 1
    return {"*"}


def _module_writes(data: bytes, imports: tuple = None):
    """(module key, name or "*", line, how) of each attribute the file's text assigns by name to a module it
    imports (`imports`: _import_items), or names by a dotted string (a patch target), ProjectIndex.assigned: read
    on the bytes, a superset (in a comment or a string too; an imported class's attribute is taken as a
    module's)."""
    imports = _import_items(data) if imports is None else imports
    modules = _modules(imports)
    line = _Lines(data)

    def word_before(at: int) -> bool:
        return at > 0 and (data[at - 1:at].isalnum() or data[at - 1:at] in b"_.")

    for name, key in modules.items():
        if name + b"." not in data:
            continue
        for at, match in _attribute_assignments(data, name):
            if not word_before(at):
                chain = match.group(1).replace(b" ", b"").replace(b"\t", b"")
                owner = chain[:-1].rsplit(b".", 1)[-1] if chain else key
                yield (owner.decode(), match.group(2).decode(), line(at),
                       f"{name.decode()}.{chain.decode()}{match.group(2).decode()} = ...")
    hinted = {pattern for pattern, hints in _HINTS if any(hint in data for hint in hints)}
    for pattern in (_SETATTR_NAMED, _NAMESPACE_WRITE) if modules else ():
        for match in pattern.finditer(data) if pattern in hinted else ():
            groups = match.groups()
            key = _receiver_key(groups[-3] or groups[-4] if pattern is _NAMESPACE_WRITE else groups[-3],
                                groups[-2], modules)
            if key:
                yield (key.decode(), groups[-1].decode() if groups[-1] else "*", line(match.start()),
                       data[match.start():match.end()].decode("latin-1").strip() + "...")
    # past the first 100 calls, any name (the keywords' scan is bounded: a megabyte of `multiple(a,` stays cheap)
    for count, match in enumerate(_MULTIPLE.finditer(data) if _MULTIPLE in hinted else ()):
        key = match.group(1).rsplit(b".", 1)[-1] if match.group(1) else _receiver_key(*match.group(2, 3), modules)
        if key:
            how = data[match.start():match.end()].decode("latin-1") + " ...)"
            for name in sorted(_keywords(data, match.end()) if count < 100 else {"*"}):
                yield key.decode(), name, line(match.start()), how
    for pattern in (_STRING_TARGET, _SYS_MODULES):
        for match in pattern.finditer(data) if pattern in hinted else ():
            name = match.group(2).decode()
            yield (match.group(1).rsplit(b".", 1)[-1].decode(), "*" if name == "__dict__" else name,
                   line(match.start()), data[match.start():match.end()].decode("latin-1").strip() + "...")
    for match in _BUILTINS_WRITE.finditer(data) if b"__builtins__" in data else ():
        name = b"*" if match.group(3) == b"update" else match.group(1) or match.group(2) or match.group(4) or b"*"
        yield ("__builtins__", name.decode(), line(match.start()),
               data[match.start():match.end()].decode("latin-1").strip() + " ...")
    file_modules = _FileModules(data, imports, modules)
    yield from _expression_writes(data, modules, line, file_modules)
    yield from _loose_writes(data, modules, line, file_modules)


def _expression_writes(data: bytes, modules: dict, line, file_modules):
    """(module key, name or "*", line, how) of each builtin's name (READ_UNWRITTEN) the file writes as the attribute
    of an expression ending in a call or a subscript, or into its namespace (_EXPRESSION_WRITES; `setattr(` handed
    one), for each module the expression names (tryout19 #5): a string in it (`sys.modules['pkg.b2']`,
    `__import__('pkg.b4', ...)`, `import_module('b3')`: its last dotted name), a name the file imports as a call's
    last argument (`reload(b5)`), the attribute before the name (`__import__('pkg').b2.raw_input`). The expression
    is read back from its closing bracket to its opening one's line (_opening). A superset, on the bytes: any
    string of the expression is taken as a module's name. The brackets are counted over 200,000 bytes of a file
    at most (`budget`); past them, an expression is its line's last 300 bytes and a setattr's first argument its
    next 300 bytes (any name). Past 1,000 such writes (no real module's: a megabyte of `).repr = f` stays
    linear), every module a string of the file names, any name. An expression naming no module with a builtin's
    name written out (`sys.modules[name].raw_input = f` in a loop, `setattr(mod, 'raw_input', f)` of a loop
    variable) is taken as any module the file names (`file_modules`: _FileModules, tryout20 #15); a name not
    written out there (`setattr(connections[alias], key, value)`) is no module's, unless it is a plain name a for
    loop of the file binds over quoted builtins' names (_looped: tryout21 #2)."""
    budget, matches = [200_000], 0
    for match in (match for pattern in _EXPRESSION_WRITES for match in pattern.finditer(data)):
        matches += 1
        if matches > 1000:
            break
        method, name = match.group(4), match.group(2) or match.group(3) or match.group(5)
        name = "*" if method == b"update" or not name else name.decode()
        if name != "*" and name not in READ_UNWRITTEN:
            continue
        chain = match.group(1).replace(b" ", b"").replace(b"\t", b"").split(b".")
        start = _opening(data, match.start(), budget)
        if match.group(2) is None and chain[-1] != b"__dict__" and not _VARS.search(data, start[1] - 10, start[1]):
            continue  # a subscript or a method of what is no module's namespace
        owner = next((part for part in reversed(chain) if part and part != b"__dict__"), None)
        text = data[start[0]:match.start() + 1]
        how = " ".join(data[start[0]:match.end()].decode("latin-1").split())[-200:] + " ..."
        named = _named_modules(text, modules) | ({owner} if owner else set())
        for key in named or (file_modules() if name != "*" else ()):
            yield key.decode(), name, line(match.start()), how
    calls = itertools.chain(_SETATTR_CALL.finditer(data) if b"setattr" in data else (),
                            _OBJECT_CALL.finditer(data) if b".object(" in data else ())
    for match in calls if matches <= 1000 else ():
        matches += 1
        if matches > 1000:
            break
        before, end = data[match.start() - 1:match.start()], _argument_end(data, match.end(), budget)
        argument = data[match.end():end or match.end() + 300]
        if match.re is _SETATTR_CALL and (before.isalnum() or before == b"_"):
            continue  # `__setattr__(` (not read)
        written = _SETATTR_NAME.match(data, end) if end else None
        name = written.group(1).decode() if written and written.group(1) else "*"
        how = "setattr(" + argument.decode("latin-1")[:200] + ", ..."
        if b"(" not in argument and b"[" not in argument:
            # a receiver by its name: a module the file imports (_SETATTR_NAMED), `self`, or any other (a loop
            # variable: a builtin's name written out, tryout20 #15, or a name not written out that may be a
            # builtin's the file quotes, tryout21 #2)
            if _loose_receiver(argument.strip(b" \t\\\r\n"), modules):
                for written in [name] if name in _LOOSE_NAMES else _looped(data, end, name, file_modules):
                    for key in file_modules():
                        yield key.decode(), written, line(match.start()), how
            continue
        if name == "*" or name in READ_UNWRITTEN:
            named = _named_modules(argument, modules)
            for key in named or (file_modules() if name != "*" else ()):
                yield key.decode(), name, line(match.start()), how
            for written in _looped(data, end, name, file_modules) if not named else ():
                for key in file_modules():  # a module no expression names, a looped builtin's name (tryout21 #2)
                    yield key.decode(), written, line(match.start()), how
    if matches > 1000:
        for key in _named_modules(data, {}):
            yield key.decode(), "*", 1, "past 1,000 writes through an expression: any"


def _named_modules(text: bytes, modules: dict) -> set:
    """The keys of the modules an expression's text names: by a string (its last dotted name), by a (dotted) name
    the file imports as a call's last argument (`modules`: _modules, _receiver_key)."""
    found = {match.group(1).rsplit(b".", 1)[-1] for match in _MODULE_STRING.finditer(text)}
    return found | {key for match in _LAST_ARGUMENT.finditer(text) for key in [
        _receiver_key(match.group(1), None, modules)] if key}


def _opening(data: bytes, close: int, budget: list) -> tuple:
    """(the start of its line, at most 300 bytes before it; the offset after it) of the bracket opening the one
    closing at `close`, looked for within 2,000 bytes (brackets counted, not those of strings) and what is left of
    `budget` (taken from it); the closing one's line (and offset) where it is not found."""
    depth, window = 0, min(2000, budget[0])
    for at in range(close, max(-1, close - window), -1):
        char = data[at]
        if char in b")]}":
            depth += 1
        elif char in b"([{":
            depth -= 1
            if depth == 0:
                budget[0] -= close - at
                return max(data.rfind(b"\n", 0, at) + 1, at - 300), at + 1
    budget[0] -= window
    return max(data.rfind(b"\n", 0, close) + 1, close - 300), close


def _argument_end(data: bytes, at: int, budget: list):
    """The offset of the comma or bracket ending the call argument starting at `at` (brackets counted, strings
    skipped), within 2,000 bytes and what is left of `budget` (taken from it); None where it is not found."""
    depth, end = 0, min(len(data), at + min(2000, budget[0]))
    budget[0] -= end - at
    while at < end:
        char = data[at:at + 1]
        if char in b"'\"":
            at = data.find(char, at + 1, end)
            if at == -1:
                return None
        elif char in b"([{":
            depth += 1
        elif char in b")]}" or char == b"," and depth == 0:
            if depth == 0:
                return at
            depth -= 1
        at += 1
    return None


# ---------------------------------------------------------------- a builtin's name written onto any receiver
# (tryout20 #15): a test's setUp faking raw_input in each module under test from a loop (`for mod in [b2, b4]:
# mod.raw_input = f`, `setattr(mod, 'raw_input', f)`, `patch.object(mod, 'raw_input', f)`, `sys.modules[name].
# raw_input = f`) writes into modules no expression names: such a write of a builtin's name (READ_UNWRITTEN, not a
# dunder: `wrapper.__name__ = ...`, `f.__doc__ = ...` are no module's builtins) onto any receiver but an imported
# module's name (read exactly: _module_writes), `self` or `cls` (an instance's or a class's attribute) is taken as
# written into every module the file names (_FileModules). A superset, on the bytes.
_LOOSE_WRITE = re.compile(rb"\.[ \t]*(\w+)[ \t]*=(?!=)")  # a literal first byte: found fast
_LOOSE_NAMES = frozenset(name for name in READ_UNWRITTEN if not name.startswith("__"))
_LOOSE_BYTES = frozenset(name.encode() for name in _LOOSE_NAMES)  # looked up undecoded: most writes are no builtin's
_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_. \t")
_NOT_MODULES = frozenset({b"self", b"cls"})


def _imported_modules(imports: tuple) -> set:
    """The keys of the modules a file's import items (_import_items) name: `import pkg.b2`: pkg and b2, `from pkg
    import b2`: pkg and b2, `from pkg.b2 import x`: b2 and x."""
    return {part for _, key, source, dotted, _ in imports for part in (key, source, dotted.rsplit(b".", 1)[-1]) if part}


class _FileModules:
    """The keys of the modules a file names, computed once where asked: each module its import statements name
    (`import pkg.b2`: pkg and b2, `from pkg import b2`: pkg and b2, `from pkg.b2 import x`: b2 and x), and the last
    dotted component of each string of it that may be a module's dotted name (`'pkg.b4'`: b4)."""

    def __init__(self, data: bytes, imports: tuple, modules: dict):
        self.data, self.imports, self.modules, self.found, self.loops = data, imports, modules, None, None

    def __call__(self) -> set:
        if self.found is None:
            found = set(self.modules.values()) | _imported_modules(self.imports)
            found.update(match.group(1).rsplit(b".", 1)[-1] for match in _MODULE_STRING.finditer(self.data))
            self.found = found
        return self.found

    def looped(self) -> dict:
        """Each name a for loop of the file binds -> the builtins' names (_LOOSE_NAMES) its iterable quotes alone
        (`for n in ('raw_input',):`, `for n, f in [('unichr', g)]:`), read once where asked (_looped)."""
        if self.loops is None:
            self.loops = {}
            for match in _FOR_STRINGS.finditer(self.data) if b"for" in self.data else ():
                quoted = {found.group(1) for found in _MODULE_STRING.finditer(match.group(2))} & _LOOSE_BYTES
                for target in _WORD.findall(match.group(1)) if quoted else ():
                    self.loops.setdefault(target, set()).update(name.decode() for name in quoted)
        return self.loops


# a setattr's name not written out, a plain name (`setattr(m, n, fake)`), and a for loop's targets and (up to its
# colon, at most 2,000 bytes) iterable: a name bound by a loop over quoted builtins' names (`for n in ('raw_input',
# ):`) is one of them (tryout21 #2), as a class body's `locals()[key]` of such a loop is (builtin_uses)
_SETATTR_VARIABLE = re.compile(rb"[ \t\\\r\n]*,[ \t\\\r\n]*(\w+)[ \t\\\r\n]*,")
_FOR_STRINGS = re.compile(rb"for[ \t]+([\w \t,()]{1,200}?)[ \t]+in\b([^:]{0,2000})")


def _looped(data: bytes, end: int | None, name: str, file_modules) -> list:
    """The builtins' names a setattr's second argument may be where it is not written out (`name` "*", the first
    argument's `end`): those quoted in the iterable of a for loop of the file binding the plain name it is."""
    variable = _SETATTR_VARIABLE.match(data, end) if name == "*" and end else None
    return sorted(file_modules.looped().get(variable.group(1), ())) if variable else []


def _loose_receiver(receiver: bytes, modules: dict) -> bool:
    """Is a (dotted) name an attribute is written onto one of _LOOSE_WRITE's receivers: not a module the file
    imports (nor a dotted name starting with one: _module_writes reads those), not `self` or `cls` alone?"""
    receiver = receiver.replace(b" ", b"").replace(b"\t", b"").strip(b".")
    return bool(receiver) and receiver not in _NOT_MODULES and receiver.split(b".")[0] not in modules


def _loose_writes(data: bytes, modules: dict, line, file_modules) -> object:
    """(module key, name, line, how) of each builtin's name the file writes as an attribute of a name that is no
    module it imports (a loop variable, a parameter, `mods[0]`...: _LOOSE_WRITE), for every module the file names
    (file_modules); a receiver ending in a bracket is _expression_writes'. Past 1,000 such writes (no real module's:
    a megabyte of `m.repr = f` stays linear), any name of every module the file names."""
    count = 0
    for match in _LOOSE_WRITE.finditer(data):
        name = match.group(1)
        if name not in _LOOSE_BYTES:
            continue
        start, limit = match.start(), max(0, match.start() - 200)
        while start > limit and data[start - 1] in _NAME_BYTES:  # the receiver's dotted name
            start -= 1
        if start > 0 and data[start - 1] in b")]" or not _loose_receiver(data[start:match.start()], modules):
            continue  # after a bracket (_expression_writes), `self.`, an imported module's name
        count += 1
        if count > 1000:
            for key in file_modules():
                yield key.decode(), "*", line(match.start()), "past 1,000 writes of builtins' names: any"
            return
        how = data[start:match.end()].decode("latin-1").strip() + " ..."
        for key in file_modules():
            yield key.decode(), name.decode(), line(match.start()), how


def _receiver_key(dotted: bytes | None, string: bytes | None, modules: dict) -> bytes | None:
    """The key of the module a call is handed (_SETATTR_NAMED's groups): `sys.modules['pkg.mod']`'s last dotted
    name; a name the file imports (`modules`: _modules) as that module; a dotted name whose first name the file
    imports (`pkg.mod`, `mod.sub`) by its last; None for any other."""
    if string:
        return string.rsplit(b".", 1)[-1]
    names = dotted.replace(b" ", b"").replace(b"\t", b"").split(b".") if dotted else [b""]
    if names[-1] == b"__builtins__":  # a module's builtins (`setattr(__builtins__, ...)`: tryout21 #1)
        return names[-1]
    if names[0] not in modules:
        return None
    return modules[names[0]] if len(names) == 1 else names[-1]
