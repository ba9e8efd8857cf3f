"""diracmod/source/classic_classes.json is what python2.7 says of its standard library's classes: which are
classic (types.ClassType: HTMLParser, SocketServer's...), which new-style (tryout23 #3: the bases
old-style-class-before-classic, DM435, takes as new-style)."""
import json
import subprocess
from pathlib import Path

from diracmod.source.project_index import classes
from tests.fix.helpers import python27

ROOT = Path(__file__).parent.parent
GENERATOR = ROOT / "bench" / "classic_classes.py"
STORED = ROOT / "diracmod" / "source" / "classic_classes.json"


def test_the_table_is_python27s():
    made = subprocess.run([python27(), "-B", str(GENERATOR)], capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(made.stdout) == json.loads(STORED.read_text()), \
        f"regenerate it: PYTHON2.7 -B {GENERATOR} > {STORED}"


def test_what_counts_as_new_style():
    known = classes._stdlib_new_style()
    assert {"object", "Thread", "TestCase", "Exception", "dict"} <= known
    # classic in python2.7's standard library, or bound to both kinds (StringIO.StringIO, cStringIO's)
    assert not known & {"HTMLParser", "BaseRequestHandler", "TCPServer", "RawConfigParser", "dispatcher",
                        "async_chat", "Cmd", "InteractiveInterpreter", "ContentHandler", "StringIO", "UserDict",
                        "DictMixin", "Queue"}
