"""JUnit XML, the one format every runner writes (our junit_runner.py, pytest --junitxml, nose --with-xunit):
read into per-test results, completed when a kill cut it short, merged for `--format junit`."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from diracmod.testrun.causes import first_error_line, raised_at
from diracmod.testrun.junit_runner import IMPORT, bounded

KILLED_TYPES = ("diracmod.TestTimeout", "diracmod.Killed")  # junit_runner.TIMEOUT_TYPE, and ours after a kill


@dataclass
class TestResult:
    classname: str
    name: str
    outcome: str  # passed, failed, error, skipped or killed
    error: str = ""  # the first error line of a failure ("ImportError: No module named StringIO")
    output: str = ""  # what the test printed (<system-out>), for --compare

    @property
    def id(self) -> str:
        return f"{self.classname}::{self.name}"


def from_nodeid(nodeid: str, outcome: str = "passed", error: str = "") -> TestResult:
    """pytest's node id (tests/test_x.py::Class::test) as its JUnit names it (tests.test_x.Class, test)."""
    path, *inner = nodeid.split("::")
    return TestResult(".".join([path.removesuffix(".py").replace("/", "."), *inner[:-1]]), inner[-1] if inner else "",
                      outcome, error)


def _outcome(case) -> tuple:
    for tag, outcome in (("error", "error"), ("failure", "failed"), ("skipped", "skipped")):
        problem = case.find(tag)
        if problem is not None:
            if problem.get("type") in KILLED_TYPES:
                outcome = "killed"
            return outcome, problem.get("message") or "", problem.text or ""
    return "passed", "", ""


def _cases(path):
    """Each <testcase> of the file, parsed one at a time and dropped after use: pytest's JUnit of a chatty
    suite can hold hundreds of MB of output."""
    for _event, element in ET.iterparse(path):
        if element.tag == "testcase":
            yield element
            element.clear()


def read(path, root: str) -> list:
    """The tests of one JUnit file, in order, each output and error text at most 2 * KEPT characters. pytest's
    collection errors (no classname, the module as name: dotted, or its path) become the module's "(import)"
    test, as junit_runner names them; its error says where in the tree (`root`) the import failed, since the
    tests it kept from running inherit it."""
    results = []
    for case in _cases(path):
        classname, name = case.get("classname") or "", case.get("name") or ""
        if not classname:
            classname, name = name.removesuffix(".py").replace("/", "."), IMPORT
        outcome, message, text = _outcome(case)
        error = first_error_line(message, bounded(text)) if outcome in ("failed", "error", "killed") else ""
        where = raised_at(bounded(text), root) if name == IMPORT and error else None
        error += f" (raised at {where})" if where else ""
        results.append(TestResult(classname, name, outcome, error, bounded(case.findtext("system-out") or "")))
    return results


def complete(path, killed_id: str | None, reason: str) -> None:
    """Close the document junit_runner was writing when the run was killed, with the killed test in it."""
    with open(path, "a", encoding="utf-8") as handle:
        if killed_id:
            classname, _, name = killed_id.partition("::")
            handle.write(f"<testcase classname={quoteattr(classname)} name={quoteattr(name)}>"
                         f"<error type=\"diracmod.Killed\" message={quoteattr(reason)}/></testcase>\n")
        handle.write("</testsuite></testsuites>\n")


def is_complete(path) -> bool:
    try:
        for _case in _cases(path):
            pass
    except (ET.ParseError, OSError):
        return False
    return True


def merge(files_by_interpreter: dict) -> str:
    """One <testsuites> document: every interpreter's suites, each renamed `<interpreter>: <name>`."""
    root = ET.Element("testsuites")
    for interpreter, files in files_by_interpreter.items():
        for path in files:
            document = ET.parse(path).getroot()
            for suite in ([document] if document.tag == "testsuite" else document.iter("testsuite")):
                suite.set("name", f"{interpreter}: {suite.get('name', '')}")
                cases = suite.findall("testcase")  # junit_runner streams its cases: the counts come last
                for attribute, tag in (("tests", None), ("failures", "failure"), ("errors", "error"),
                                       ("skipped", "skipped")):
                    suite.set(attribute, str(sum(tag is None or case.find(tag) is not None for case in cases)))
                root.append(suite)
    return ET.tostring(root, encoding="unicode")
