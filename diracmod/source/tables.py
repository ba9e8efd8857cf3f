"""Name tables of the py3k rules (from pylint 1.9.5's python3 checker, where those rules come from)."""
import json
import sys
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 in CI
    import tomli as tomllib

REMOVED_BUILTINS = frozenset({
    "apply", "basestring", "buffer", "cmp", "coerce", "execfile", "file", "input", "intern", "long",
    "raw_input", "reduce", "round", "StandardError", "unichr", "unicode", "xrange", "reload",
})

UNUSED_MAGIC_METHODS = {
    "__coerce__": "coerce-method", "__delslice__": "delslice-method", "__getslice__": "getslice-method",
    "__setslice__": "setslice-method", "__oct__": "oct-method", "__hex__": "hex-method",
    "__nonzero__": "nonzero-method", "__cmp__": "cmp-method", "__div__": "div-method",
    "__idiv__": "idiv-method", "__rdiv__": "rdiv-method", "__unicode__": "unicode-method",
}

BYTES_CODECS = frozenset({
    "base64_codec", "base64", "base_64", "bz2_codec", "bz2", "hex_codec", "hex", "quopri_codec", "quopri",
    "quotedprintable", "quoted_printable", "uu_codec", "uu", "zlib_codec", "zlib", "zip", "rot13", "rot_13",
})

# Codecs of Python 2's encodings package that no Python 3 supported has (python2.7's encodings modules and aliases
# against Python 3.9's; unicode_internal left in 3.9), by the name the codec lookup normalises them to.
PY2_ONLY_CODECS = frozenset({"string_escape", "unicode_internal"})

# Module attributes gone in Python 3: symbol -> {module: names}
REMOVED_ATTRIBUTES = {
    "sys-max-int": {"sys": frozenset({"maxint"})},
    "deprecated-itertools-function": {
        "itertools": frozenset({"izip", "ifilter", "imap", "izip_longest", "ifilterfalse"})},
    "deprecated-types-field": {"types": frozenset({
        "EllipsisType", "XRangeType", "ComplexType", "StringType", "TypeType", "LongType", "UnicodeType",
        "ClassType", "BufferType", "StringTypes", "NotImplementedType", "NoneType", "InstanceType",
        "FloatType", "SliceType", "UnboundMethodType", "ObjectType", "IntType", "TupleType", "ListType",
        "DictType", "FileType", "DictionaryType", "BooleanType", "DictProxyType"})},
    "deprecated-string-function": {"string": frozenset({
        "maketrans", "atof", "atoi", "atol", "capitalize", "expandtabs", "find", "rfind", "index", "rindex",
        "count", "lower", "letters", "split", "rsplit", "splitfields", "join", "joinfields", "lstrip",
        "rstrip", "strip", "swapcase", "translate", "upper", "ljust", "rjust", "center", "zfill", "replace",
        "lowercase", "uppercase", "atol_error", "atof_error", "atoi_error", "index_error"})},
    "deprecated-operator-function": {"operator": frozenset({"div"})},
    "deprecated-urllib-function": {"urllib": frozenset({
        "addbase", "addclosehook", "addinfo", "addinfourl", "always_safe", "basejoin", "ftpcache",
        "ftperrors", "ftpwrapper", "getproxies", "getproxies_environment", "getproxies_macosx_sysconf",
        "main", "noheaders", "pathname2url", "proxy_bypass", "proxy_bypass_environment",
        "proxy_bypass_macosx_sysconf", "quote", "quote_plus", "reporthook", "splitattr", "splithost",
        "splitnport", "splitpasswd", "splitport", "splitquery", "splittag", "splittype", "splituser",
        "splitvalue", "unquote", "unquote_plus", "unwrap", "url2pathname", "urlcleanup", "urlencode",
        "urlopen", "urlretrieve"})},
    "deprecated-sys-function": {"sys": frozenset({"exc_clear"})},
}
# module -> [(symbol, names)], for lookups by module
ATTRIBUTES_BY_MODULE: dict = {}
for _symbol, _modules in REMOVED_ATTRIBUTES.items():
    for _module, _names in _modules.items():
        ATTRIBUTES_BY_MODULE.setdefault(_module, []).append((_symbol, _names))

# The renamed and removed Python 2 modules (stdlib_moves.toml: one table for check, deps and fix).
_STDLIB_TABLE = tomllib.loads(resources.files(__package__).joinpath("stdlib_moves.toml").read_text("utf-8"))
STDLIB_MOVES: dict = _STDLIB_TABLE["modules"]
# What Python 3 cannot import (bad-python3-import): pylint's list, and the modules it missed that Python 3.0 no
# longer had (UserDict, email.MIMEText, hotshot...: advice for Python 3 and no later `removed` version).
PY2_ONLY_MODULES = frozenset(module for module, move in STDLIB_MOVES.items()
                             if move.get("pylint") or move.get("python3") and not move.get("removed"))
# What a Python 3 later than 3.0 removed (stdlib-removed-later): module -> its move, and module -> {attribute ->
# {removed, python3}}.
REMOVED_LATER_MODULES = {module: move for module, move in STDLIB_MOVES.items()
                         if move.get("removed") and module not in PY2_ONLY_MODULES}
REMOVED_LATER_ATTRIBUTES: dict = _STDLIB_TABLE["attributes_removed_later"]
# The six.moves names the table rewrites into (its `names`, its `module`s, a module's one name), each the standard
# library's very object on Python 2: `six.moves.UserString` is UserString.UserString (tryout27 #5).
SIX_MOVES_NAMES = frozenset(name for move in STDLIB_MOVES.values() for name in (
    [move] if isinstance(move, str) else [move.get("module"), *move.get("names", {}).values()])
    if isinstance(name, str) and name.startswith("six.moves."))

# dict methods that only read the dict (rules/py3k/dict_reach.py, the project index's dict_readers): called, or taken bound (`get = d.get`), they do not change it
DICT_READING_METHODS = frozenset({
    "get", "has_key", "keys", "values", "items", "iterkeys", "itervalues", "iteritems", "viewkeys", "viewvalues",
    "viewitems", "copy", "__contains__", "__getitem__", "__len__", "__iter__", "__repr__", "__str__"})
# builtins that only read their arguments and hand back nothing holding them (not getattr: `getattr(d, 'pop')`)
DICT_READING_BUILTINS = frozenset({
    "abs", "all", "any", "bin", "bool", "callable", "chr", "cmp", "complex", "dict", "divmod", "enumerate", "filter",
    "float", "format", "frozenset", "hasattr", "hash", "hex", "id", "int", "isinstance", "issubclass", "iter", "len",
    "list", "long", "map", "max", "min", "oct", "ord", "pow", "print", "repr", "reversed", "round", "set", "sorted",
    "str", "sum", "tuple", "type", "unichr", "unicode", "zip", "bytes", "basestring"})
# Builtins that consume an iterable, so an iterator argument behaves like a list there (pylint's list, plus
# map and zip: their arguments are only ever iterated, and a lazy map or zip is reported by itself; and
# Python 2's reduce, reported as reduce-builtin by itself).
ACCEPTS_ITERATOR = frozenset({"iter", "list", "tuple", "sorted", "set", "sum", "any", "all", "enumerate",
                              "dict", "filter", "reversed", "max", "min", "frozenset", "map", "zip", "reduce"})
# pylint adds list.extend / set.update / dict.update when inference proves the receiver; any receiver
# of these methods consumes its argument in practice (fromkeys: dict.fromkeys and OrderedDict.fromkeys;
# the others are set methods, which accept any iterable).
ATTRIBUTES_ACCEPTING_ITERATOR = frozenset({
    "join", "from_iterable", "extend", "update", "fromkeys", "union", "intersection", "difference",
    "symmetric_difference", "issubset", "issuperset", "isdisjoint", "intersection_update",
    "difference_update", "symmetric_difference_update"})
# Every function of these modules takes plain iterables (Python 2's itertools already returned iterators).
MODULES_ACCEPTING_ITERATOR = frozenset({"itertools"})
# Functions and classes, by qualified name, that consume an iterable argument whole.
FUNCTIONS_ACCEPTING_ITERATOR = frozenset({
    "functools.reduce", "six.moves.reduce", "six.moves.map", "six.moves.zip", "six.moves.filter",
    "six.moves.zip_longest", "collections.Counter", "collections.OrderedDict", "collections.deque",
    "heapq.nlargest", "heapq.nsmallest"})
# What returns a tuple on Python 2, whose filter() then returned a tuple, not a list (filter-keeps-str-or-tuple:
# `"%s.%s" % filter(None, m.groups())[:2]`, tryout29 #8): builtins and functions by qualified name, and methods by a
# name no list-returning method of the standard library has (re's match.groups(), str.partition); not time's
# struct_time (no tuple on Python 2: filter() made a list of it).
TUPLE_RESULT_FUNCTIONS = frozenset({
    "tuple", "divmod", "os.path.split", "os.path.splitext", "os.path.splitdrive", "sys.exc_info", "struct.unpack",
    "struct.unpack_from", "mimetypes.guess_type", "email.utils.parseaddr", "locale.getdefaultlocale"})
TUPLE_RESULT_METHODS = frozenset({"groups", "partition", "rpartition"})
# Classes whose `/` joins paths (pathlib2: the Python 2 backport), and their methods returning a path.
PATH_CLASSES = frozenset(f"{module}.{name}" for module in ("pathlib", "pathlib2") for name in (
    "Path", "PurePath", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"))
PATH_METHODS = frozenset({"absolute", "resolve", "expanduser", "with_name", "with_suffix", "with_stem",
                          "relative_to", "joinpath", "cwd", "home"})

# python2.7's standard top-level modules (python2_modules.json, made by python2.7 with bench/python2_modules.py):
# future_builtins, __main__, formatter, parser... whatever Python 3 runs diracmod (tryout29b #2).
PY2_STDLIB_MODULES = frozenset(json.loads(resources.files(__package__).joinpath("python2_modules.json").read_text(
    "utf-8"))["modules"])
# The standard library: Python 2's, and the running Python 3's (3.10+ lists it; on 3.9 these are the modules whose
# classes matter here).
STDLIB_MODULES = PY2_STDLIB_MODULES | frozenset(getattr(sys, "stdlib_module_names", ())) | {
    "builtins", "exceptions", "socket", "os", "io", "subprocess", "json", "ssl", "urllib", "http", "xml",
    "email", "smtplib", "ftplib", "select", "shutil", "zipfile", "tarfile", "sqlite3", "struct", "pickle"}
