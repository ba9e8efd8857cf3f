"""diracmod/source/classic_classes.json is what python2.7 says of its standard library's classes: which are
classic (types.ClassType: HTMLParser, SocketServer's...), which new-style (tryout23 #3: the bases
old-style-class-before-classic, DM435, takes as new-style)."""

from diracmod.source.project_index import classes
from tests.fix.helpers import assert_table_is_python27s


def test_the_table_is_python27s():
    assert_table_is_python27s("classic_classes")


def test_what_counts_as_new_style():
    known = classes._stdlib_new_style()
    assert {"object", "Thread", "TestCase", "Exception", "dict"} <= known
    # classic in python2.7's standard library, or bound to both kinds (StringIO.StringIO, cStringIO's)
    assert not known & {"HTMLParser", "BaseRequestHandler", "TCPServer", "RawConfigParser", "dispatcher",
                        "async_chat", "Cmd", "InteractiveInterpreter", "ContentHandler", "StringIO", "UserDict",
                        "DictMixin", "Queue"}
