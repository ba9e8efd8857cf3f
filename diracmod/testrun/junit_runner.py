"""unittest discovery that writes JUnit XML, for `diracmod tests` (shipped in diracmod, run by the project's own
interpreter: Python 2.7 or 3, standard library only, imports nothing of diracmod).

    python junit_runner.py --junit FILE [--events-fd N] [--timeout S] [--exclude-from FILE] PATH...

PATH: a directory (discovery of [Tt]est*.py), a *.py file or a dotted module name. Each test gets at most
--timeout seconds (an alarm raises inside it: the test errors and the run goes on). Each finished test is
appended to FILE at once, so a run killed from outside (a test the alarm cannot interrupt) leaves every
result before it; the parent closes the document. --events-fd gets `import MODULE`, `imported MODULE`,
`total N`, `start ID`, `end ID` lines (progress, and the name of the test module being imported or the test
running when the process ended or a kill came); --exclude-from skips the ids it lists (the parent's restart
after such a kill), and does not import a test module listed as `MODULE::(import)`."""
from __future__ import absolute_import, division, print_function

import argparse
import contextlib
import os
import signal
import sys
import time
import traceback
import types
import unittest
from xml.sax.saxutils import escape, quoteattr

try:
    from importlib.util import module_from_spec, spec_from_file_location
except ImportError:  # Python 2.7
    from imp import load_source
else:
    def load_source(name, path):
        module = module_from_spec(spec_from_file_location(name, path))
        sys.modules[name] = module
        module.__spec__.loader.exec_module(module)
        return module

TIMEOUT_TYPE = "diracmod.TestTimeout"
IMPORT = "(import)"  # the name of a test module's import failure
KEPT = 8192  # characters kept of each end of a test's output or traceback: a chatty suite's JUnit stays small
# unittest's stand-ins for a test module that failed to import (Python 3, then 2.7): reported as the module's
# "(import)" test, so that the failure is named after the module and not after unittest.
_IMPORT_FAILURES = ("_FailedTest", "ModuleImportFailure")


class TestTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise TestTimeout("killed after the per-test timeout (diracmod tests --test-timeout)")


def test_id(test):
    """(classname, name) as JUnit has them: module.Class and method."""
    cls = type(test)
    if cls.__name__ in _IMPORT_FAILURES:  # its method is named after the module (dotted from the top level)
        return test._testMethodName, IMPORT
    if isinstance(test, unittest.FunctionTestCase) or not hasattr(test, "_testMethodName"):
        return cls.__module__, test.id()
    return cls.__module__ + "." + cls.__name__, test._testMethodName


def _text(value):
    if isinstance(value, bytes) and not isinstance(value, str):  # Python 3 bytes
        return value.decode("utf-8", "replace")
    if not isinstance(value, type(u"")):
        value = value.decode("utf-8", "replace")  # Python 2 str
    # XML 1.0 has no control characters but tab and newlines
    return u"".join(c if c >= u" " or c in u"\t\n\r" else u"\\x%02x" % ord(c) for c in value)


def bounded(text):
    """The text, or its first and last KEPT characters and how much was cut between them."""
    if len(text) <= 2 * KEPT:
        return text
    return u"%s\n[... %d characters cut by diracmod ...]\n%s" % (text[:KEPT], len(text) - 2 * KEPT, text[-KEPT:])


def say(events, line):
    """One event line for the parent (nothing when it asked for none)."""
    if events is not None:
        events.write(line + "\n")
        events.flush()


class Loader(unittest.TestLoader):
    """A TestLoader that tells the parent which test module it imports (one that ends the process there, by
    os._exit() or a crash, is named by the parent, which runs the suite again without it) and imports none that
    is excluded: that module's import was reported by an earlier run."""

    def __init__(self, events, excluded):
        super(Loader, self).__init__()
        self.events, self.excluded = events, excluded

    def left_out(self, name):
        return "%s::%s" % (name, IMPORT) in self.excluded

    @contextlib.contextmanager
    def importing(self, name):
        say(self.events, "import " + name)
        try:
            yield
        finally:
            say(self.events, "imported " + name)

    def _get_module_from_name(self, name):  # discovery's import of each test module (Python 2.7 and 3)
        if self.left_out(name):
            return types.ModuleType(name)  # no test: its import's result is the earlier run's
        with self.importing(name):
            return super(Loader, self)._get_module_from_name(name)


class JUnitResult(unittest.TestResult):
    def __init__(self, out, events, timeout):
        super(JUnitResult, self).__init__()
        self.out, self.events, self.timeout = out, events, timeout
        self.buffer = True  # a test's output goes into its <system-out>, not into the parent's terminal
        self.outcome = None
        self.started = 0.0

    def startTest(self, test):
        self.outcome, self.started = ("passed", None), time.time()
        say(self.events, "start %s::%s" % test_id(test))
        if self.timeout:
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
        super(JUnitResult, self).startTest(test)

    def stopTest(self, test):
        if self.timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
        output = self._stdout_buffer.getvalue() if getattr(self, "_stdout_buffer", None) else ""
        output += self._stderr_buffer.getvalue() if getattr(self, "_stderr_buffer", None) else ""
        super(JUnitResult, self).stopTest(test)
        classname, name = test_id(test)
        kind, detail = self.outcome
        xml = u'<testcase classname=%s name=%s time="%.3f">' % (
            quoteattr(_text(classname)), quoteattr(_text(name)), time.time() - self.started)
        if kind != "passed":
            tag, kind_type, message, text = detail
            xml += u"<%s type=%s message=%s>%s</%s>" % (
                tag, quoteattr(_text(kind_type)), quoteattr(bounded(_text(message))), escape(bounded(_text(text))), tag)
        if output:
            xml += u"<system-out>%s</system-out>" % escape(bounded(_text(output)))
        self.out.write((xml + u"</testcase>\n").encode("utf-8"))
        self.out.flush()
        say(self.events, "end %s::%s" % (classname, name))

    def _problem(self, tag, test, err):
        exc_type, exc, _tb = err
        kind = TIMEOUT_TYPE if exc_type is TestTimeout else exc_type.__name__
        lines = traceback.format_exception_only(exc_type, exc)
        message = lines[-1].strip() if lines else kind
        self.outcome = ("problem", (tag, kind, message, self._exc_info_to_string(err, test)))

    def addError(self, test, err):
        super(JUnitResult, self).addError(test, err)
        self._problem("error", test, err)

    def addFailure(self, test, err):
        super(JUnitResult, self).addFailure(test, err)
        self._problem("failure", test, err)

    def addSkip(self, test, reason):
        super(JUnitResult, self).addSkip(test, reason)
        self.outcome = ("skipped", ("skipped", "skip", reason, ""))

    def addExpectedFailure(self, test, err):
        super(JUnitResult, self).addExpectedFailure(test, err)
        self.outcome = ("skipped", ("skipped", "xfail", "expected failure", ""))

    def addUnexpectedSuccess(self, test):
        super(JUnitResult, self).addUnexpectedSuccess(test)
        self.outcome = ("problem", ("failure", "UnexpectedSuccess", "unexpected success", ""))


def load(loader, path, root):
    if os.path.isdir(path):
        top = root if os.path.isfile(os.path.join(path, "__init__.py")) else path
        return loader.discover(path, pattern="[Tt]est*.py", top_level_dir=top)
    if path.endswith(".py"):
        directory = os.path.dirname(os.path.abspath(path))
        sys.path.insert(0, directory)
        name = os.path.basename(path)[:-3]
        if loader.left_out(name):
            return unittest.TestSuite()
        try:
            with loader.importing(name):
                module = load_source(name, path)
        except Exception:  # noqa: BLE001  reported as the module's failed import, like discovery does
            message = traceback.format_exc()
            return unittest.TestSuite([_import_failure(name, message)])
        return loader.loadTestsFromModule(module)
    if loader.left_out(path):
        return unittest.TestSuite()
    with loader.importing(path):
        return loader.loadTestsFromName(path)


def _import_failure(name, message):
    def test(self):
        raise ImportError(message)
    return type("_FailedTest", (unittest.TestCase,), {name: test})(name)


def without(suite, excluded):
    """The suite minus the tests whose ids are excluded, keeping its nesting (class and module fixtures)."""
    kept = unittest.TestSuite()
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            kept.addTest(without(test, excluded))
        elif "%s::%s" % test_id(test) not in excluded:
            kept.addTest(test)
    return kept


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--junit", required=True)
    parser.add_argument("--events-fd", type=int)
    parser.add_argument("--timeout", type=float, default=0)
    parser.add_argument("--exclude-from")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    root = os.getcwd()
    sys.path.insert(0, root)
    events = os.fdopen(args.events_fd, "w") if args.events_fd is not None else None
    if args.timeout:
        signal.signal(signal.SIGALRM, _alarm)
    excluded = set()
    if args.exclude_from:
        with open(args.exclude_from) as handle:
            excluded = set(line.rstrip("\n") for line in handle)
    loader = Loader(events, excluded)
    suite = unittest.TestSuite([load(loader, path, root) for path in args.paths])
    if excluded:
        suite = without(suite, excluded)
    out = open(args.junit, "wb")
    out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="unittest">\n')
    result = JUnitResult(out, events, args.timeout)
    say(events, "total %d" % suite.countTestCases())
    suite.run(result)
    out.write(b"</testsuite></testsuites>\n")
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
