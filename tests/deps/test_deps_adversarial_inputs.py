"""`diracmod deps` on hostile project files: includes pointing out of the project, files that are not
regular or not requirements files, odd encodings and wrong TOML types. For each: no traceback, no hang
(every run under a hard timeout), nothing of a file outside the project read, echoed or sent to the index,
a warning for that one file and the rest of the run going on."""
import json
import os
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager

import pytest

from diracmod.deps import declarations, inputs

SECRET = "s3cr3t-t0ken-value"
# A name that would be a valid requirement: if it is read, it shows up as a dependency and is looked up.
LEAKED = "leakedpkg-zz9"
TIMEOUT = 60


@contextmanager
def hard_timeout(seconds=20):
    """In-process runs: SIGALRM ends a hang as a test failure."""
    def expired(signum, frame):
        raise TimeoutError(f"no answer after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _read(*paths, allow=()):
    with hard_timeout():
        return declarations.read([str(p) for p in paths], allow)


def _write(path, text="", data=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    if data is not None:
        path.write_bytes(data)
    else:
        path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def outside(tmp_path):
    """A file outside the project holding a secret and a valid requirement name."""
    return _write(tmp_path / "outside" / "secret.txt", f"{LEAKED}\nTOKEN={SECRET}\n")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    return root


def _deps(cwd, *args, index_url=None, env=None):
    """The CLI in a subprocess (JSON report), under a hard timeout: (exit code, stdout + stderr, document)."""
    command = [sys.executable, "-m", "diracmod", "deps", "--no-imports", "--format", "json", "--cache-dir",
               str(cwd.parent / "cache")]
    command += ["--index-url", index_url] if index_url else ["--offline"]
    proc = subprocess.run(command + list(args), cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, **(env or {})})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr, json.loads(proc.stdout) if proc.stdout else None


def _names(found):
    return [r.name for r in found.requirements + found.constraints]


# ---------------------------------------------------------------- includes stay inside the project

def test_proc_self_environ_is_never_read_nor_echoed(project):
    _write(project / "requirements.txt", "-r /proc/self/environ\n-c /proc/self/environ\nsix\n")
    code, output, document = _deps(project, env={"DIRACMOD_TEST_SECRET": SECRET})
    assert SECRET not in output and "DIRACMOD_TEST_SECRET" not in output
    assert [e["name"] for e in document["dependencies"]] == ["six"]
    assert any("-r /proc/self/environ: outside the project" in w for w in document["warnings"])
    assert code == 0


@pytest.mark.parametrize("line", ["-r ../outside/secret.txt", "-c ../outside/secret.txt",
                                  "--requirement=../outside/secret.txt", "-r{outside}",
                                  "-r ../../../../../../..{outside}"])
def test_includes_out_of_the_project_are_warned_and_not_read(project, outside, fixture_index, line):
    requirements = _write(project / "requirements.txt", f"{line.format(outside=outside)}\nsix\n")
    code, output, document = _deps(project, str(requirements), index_url=fixture_index.url)
    assert LEAKED not in output and SECRET not in output
    assert [e["name"] for e in document["dependencies"]] == ["six"]
    assert any("outside the project" in w and "--allow-include" in w for w in document["warnings"])
    assert not [path for _, path, _ in fixture_index.requests if LEAKED in path]  # nothing sent to the index


def test_allow_include_reads_that_directory(project, outside):
    _write(project / "requirements.txt", "-r ../outside/secret.txt\n")
    found = _read(project / "requirements.txt", allow=[outside.parent])
    assert _names(found) == [LEAKED]
    # the secret line is not a requirement: its warning names at most what looks like a name
    assert any(w.endswith("TOKEN: not a valid requirement, ignored (Expected semicolon (after name with no "
                          "version specifier) or end)") for w in found.warnings)
    assert not any(SECRET in w for w in found.warnings)
    code, output, _ = _deps(project, "--allow-include", str(outside.parent))
    assert LEAKED in output and SECRET not in output


def test_a_requirement_file_in_a_subdirectory_may_include_from_its_project_root(project):
    _write(project / "setup.py", "from setuptools import setup\nsetup()\n")
    _write(project / "requirements-base.txt", "six\n")
    dev = _write(project / "requirements" / "dev.txt", "-r ../requirements-base.txt\npytest\n")
    assert _names(_read(dev)) == ["six", "pytest"]


def test_symlinks_out_of_the_project_are_not_followed(project, outside):
    (project / "requirements.txt").symlink_to(outside)
    (project / "requirements-dev.txt").symlink_to("/proc/self/environ")
    (project / "requirements-zero.txt").symlink_to("/dev/zero")
    _write(project / "requirements-ok.txt", "-r inner/link.txt\nsix\n")
    (project / "inner").mkdir()
    (project / "inner" / "link.txt").symlink_to(outside)  # an include through a symlink is resolved first
    found = _read(project)
    assert _names(found) == ["six"]
    assert sum("a symlink to a file outside the project, not read" in w for w in found.warnings) == 3
    assert any("-r inner/link.txt: outside the project" in w for w in found.warnings)


def test_setup_cfg_file_directive_and_pyproject_dynamic_stay_inside(project, outside):
    _write(project / "setup.cfg", """\
        [options]
        install_requires = file: ../outside/secret.txt, requirements-inside.txt
        """)
    _write(project / "requirements-inside.txt", "six\n")
    _write(project / "pyproject.toml", f"""\
        [project]
        name = "demo"
        dynamic = ["dependencies"]
        [tool.setuptools.dynamic]
        dependencies = {{file = ["{outside}", "requirements-inside.txt"]}}
        """)
    found = _read(project)
    assert _names(found) == ["six"]  # read once, through the first directive that reaches it
    assert sum("outside the project" in w for w in found.warnings) == 2
    assert any("file: ../outside/secret.txt: outside the project" in w for w in found.warnings)


def test_conda_pip_section_includes_stay_inside(project, outside):
    _write(project / "environment.yml", """\
        dependencies:
          - pip:
            - -r ../outside/secret.txt
            - six
        """)
    found = _read(project / "environment.yml")
    assert _names(found) == ["six"] and any("outside the project" in w for w in found.warnings)


def test_include_cycles_and_deep_chains_end(project):
    _write(project / "requirements.txt", "-r requirements.txt\n-r a0.txt\nsix\n")
    for number in range(200):  # deeper than the stack would allow
        _write(project / f"a{number}.txt", f"-r a{number + 1}.txt\npkg{number}\n")
    found = _read(project / "requirements.txt")
    assert _names(found) == [f"pkg{n}" for n in reversed(range(inputs.MAX_NESTING))] + ["six"]
    assert any(f"nested more than {inputs.MAX_NESTING} deep" in w for w in found.warnings)


# ---------------------------------------------------------------- files that are not regular or not requirements

def test_fifo_device_directory_and_huge_file_are_warnings_and_the_run_goes_on(project):
    os.mkfifo(project / "requirements-fifo.txt")
    (project / "requirements-dir.txt").mkdir()
    _write(project / "requirements-huge.txt", data=b"six\n" * (inputs.MAX_BYTES // 4 + 1))
    _write(project / "requirements.txt", "tornado\n")
    os.mkfifo(project / "environment.yml")
    found = _read(project)
    assert _names(found) == ["tornado"]
    warnings = "\n".join(found.warnings)
    assert "requirements-fifo.txt: a FIFO (named pipe), not a regular file: not read" in warnings
    assert "requirements-dir.txt: a directory, not a regular file: not read" in warnings
    assert "requirements-huge.txt: larger than 2 MB, not a requirements file: not read" in warnings
    assert "environment.yml: a FIFO" in warnings


@pytest.mark.parametrize("given", ["/dev/zero", "fifo.txt"])
def test_a_special_file_named_on_the_command_line(project, given):
    os.mkfifo(project / "fifo.txt")
    code, output, document = _deps(project, given)
    assert code == 0 and document["dependencies"] == []
    assert any("not a regular file" in w for w in document["warnings"])


def test_a_binary_file_is_not_a_requirements_file(project):
    _write(project / "requirements.txt", data=f"HOME=/root\0TOKEN={SECRET}\0".encode())
    found = _read(project / "requirements.txt")
    assert not found.requirements and found.warnings == [
        f"{project / 'requirements.txt'}: not read: binary content, not a requirements file"]


def test_parse_errors_quote_at_most_a_name(project):
    _write(project / "requirements.txt", f"TOKEN={SECRET}\n!!{SECRET}\nrequests>=>{SECRET}\n")
    found = _read(project / "requirements.txt")
    assert not found.requirements and len(found.warnings) == 3
    assert not any(SECRET in w for w in found.warnings)
    reason = "not a valid requirement, ignored (Expected semicolon (after name with no version specifier) or end)"
    assert found.warnings[0].split(": ")[1:3] == ["TOKEN", reason]


def test_setup_cfg_parse_errors_do_not_quote_the_file(project):
    _write(project / "setup.cfg", f"password = {SECRET}\n")
    found = _read(project / "setup.cfg")
    assert found.warnings == [f"{project / 'setup.cfg'}:1: cannot parse (MissingSectionHeaderError), "
                              "dependencies not read"]


def test_credentials_in_requirement_urls_are_masked(project):
    _write(project / "requirements.txt", f"git+https://deploy:{SECRET}@git.example.org/x.git#egg=xpkg\n"
                                         f"ypkg @ https://{SECRET}@files.example.org/ypkg-1.0-py3-none-any.whl\n")
    code, output, document = _deps(project)
    assert SECRET not in output
    assert [e["specifier"] for e in document["dependencies"]] == [
        "git+https://deploy:****@git.example.org/x.git#egg=xpkg",
        "https://****@files.example.org/ypkg-1.0-py3-none-any.whl"]


def test_deeply_nested_toml_is_a_warning(project):
    _write(project / "pyproject.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    found = _read(project / "pyproject.toml")
    assert not found.requirements and len(found.warnings) == 1


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf"), ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_requirements_with_a_byte_order_mark(project, encoding, bom):
    # PowerShell's `pip freeze > requirements.txt` writes UTF-16 LE with a mark, CRLF line endings
    text = "requests==2.27.1\r\n# comment\r\nnumpy==1.16.6\r\n"
    path = _write(project / "requirements.txt", data=bom + text.encode(encoding))
    found = _read(path)
    assert [(r.name, r.specifier) for r in found.requirements] == [("requests", "==2.27.1"), ("numpy", "==1.16.6")]
    assert found.requirements[1].source.endswith("requirements.txt:3") and not found.warnings


def test_undecodable_and_declared_encodings(project):
    latin = _write(project / "requirements.txt", data="six  # f\xfcr Python 2\n".encode("latin-1"))
    found = _read(latin)
    assert not found.requirements and "not utf-8 text" in found.warnings[0]
    _write(latin, data="# -*- coding: latin-1 -*-\nsix  # f\xfcr Python 2\n".encode("latin-1"))
    assert _names(_read(latin)) == ["six"]  # pip honours a coding line too
    _write(latin, data=b"# -*- coding: rot13 -*-\nfvk\n")
    found = _read(latin)
    assert not found.requirements and "not rot13 text" in found.warnings[0]


def test_form_feed_does_not_shift_line_numbers(project):
    path = _write(project / "requirements.txt", data=b"six\x0c\ntornado\n")
    assert [r.source.rsplit(":", 1)[1] for r in _read(path).requirements] == ["1", "2"]


# ---------------------------------------------------------------- wrong types in manifests

@pytest.mark.parametrize("toml, warning", [
    ('[project]\ndependencies = "six"\n', "[project] dependencies should be a list, not a string"),
    ('project = "six"\n', "[project] should be a table, not a string"),
    ('[project]\ndependencies = [1, "six"]\n', "[project] dependencies should hold strings only"),
    ('[project]\noptional-dependencies = ["six"]\n', "[project.optional-dependencies] should be a table, not a list"),
    ('[project.optional-dependencies]\nx = "six"\n', "[project.optional-dependencies] x should be a list"),
    ('dependency-groups = "six"\n', "[dependency-groups] should be a table"),
    ('[dependency-groups]\ndev = "six"\n', "[dependency-groups] dev should be a list"),
    ('[tool]\npoetry = "six"\n', "[tool.poetry] should be a table"),
    ('[tool.poetry]\ndependencies = "six"\n', "[tool.poetry.dependencies] should be a table"),
    ('[tool.poetry.dependencies]\nsix = 1\n', "six: a Poetry constraint is a string or a table"),
    ('[tool.poetry.dependencies]\nsix = {version = "*", extras = "six"}\n', "six extras should be a list"),
    ('[tool.poetry.group]\ndev = "six"\n', "[tool.poetry.group.dev] should be a table"),
    ('[tool.setuptools.dynamic]\ndependencies = "six"\n', "dynamic dependencies should be a table"),
])
def test_wrong_types_in_pyproject_are_a_warning_never_letters(project, toml, warning):
    found = _read(_write(project / "pyproject.toml", toml))
    assert not {"s", "i", "x"} & set(_names(found)), _names(found)
    assert any(warning in w for w in found.warnings), found.warnings


def test_wrong_types_in_environment_yml(project):
    found = _read(_write(project / "environment.yml", "dependencies: six\n"))
    assert not found.requirements and "`dependencies` should be a list" in found.warnings[0]


# ---------------------------------------------------------------- PEP 508 and pip forms

def test_pep508_and_pip_forms(project):
    path = _write(project / "requirements.txt", """\
        pkg @ https://files.example.org/pkg-1.0-py3-none-any.whl
        other[extra] @ git+https://github.com/x/other.git@v1 ; python_version < "3"
        local @ file:///opt/wheels/local-1.0-py3-none-any.whl
        ./vendor/thing-1.0-py3-none-any.whl
        six==1.16.0 \\
            --hash=sha256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926 \\
            --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254
        req\\
        uests>=2.0
        mock # a comment ending in a backslash does not continue \\
        tornado
        -e git+https://github.com/x/tool.git#egg=tool-1.2&subdirectory=src
        --editable=./local-checkout
        -egit+https://github.com/x/edit.git#egg=edit
        pytz[tz] >= 2019.1 ; sys_platform == "linux" and python_version >= "3"
        https://files.example.org/archive-2.0.tar.gz#sha256=abc
        """)
    found = _read(path)
    by_name = {r.name: r for r in found.requirements}
    assert list(by_name) == ["pkg", "other", "six", "requests", "mock", "tornado", "tool", "edit", "pytz", "archive"]
    assert by_name["pkg"].url == "https://files.example.org/pkg-1.0-py3-none-any.whl"
    assert by_name["pkg"].url_kind == "a URL" and by_name["other"].url_kind == "a VCS checkout"
    assert by_name["other"].extras == {"extra"} and str(by_name["other"].marker) == 'python_version < "3"'
    assert by_name["six"].specifier == "==1.16.0" and by_name["requests"].specifier == ">=2.0"
    assert by_name["pytz"].extras == {"tz"} and by_name["pytz"].specifier == ">=2019.1"
    assert [s.name for s in found.skipped] == ["local", "./vendor/thing-1.0-py3-none-any.whl", "./local-checkout"]
    assert not found.warnings


def test_non_utf8_file_names(project):
    name = os.fsdecode(b"requirements-\xff.txt")
    (project / name).write_text("six\n")
    code, output, document = _deps(project, ".")
    assert [e["name"] for e in document["dependencies"]] == ["six"]
    proc = subprocess.run([sys.executable, "-m", "diracmod", "deps", "--no-imports", "--offline", "--cache-dir",
                           str(project.parent / "cache"), "."], cwd=project, capture_output=True, timeout=TIMEOUT)
    assert b"Traceback" not in proc.stderr and proc.returncode in (0, 1)


def test_a_file_full_of_invalid_lines_gives_a_bounded_number_of_warnings(project):
    path = _write(project / "requirements.txt", "six\n" + "".join(f"line {n} is prose\n" for n in range(50_000)))
    found = _read(path)
    assert _names(found) == ["six"] and len(found.warnings) == inputs.MAX_INVALID_SHOWN + 1
    assert found.warnings[-1].endswith(f"{50_000 - inputs.MAX_INVALID_SHOWN} more lines that are not requirements "
                                       "(not shown)")
