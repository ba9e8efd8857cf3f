"""Requirement sources: requirements files, setup.py (AST), setup.cfg, pyproject.toml, environment.yml."""
import textwrap

import pytest
from packaging.specifiers import SpecifierSet

from diracmod.deps import declarations
from diracmod.deps.conda import conda_specifier
from diracmod.deps.manifests import _poetry_specifier
from diracmod.deps.verdict import needs


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def _by_name(found):
    return {r.name: r for r in found.requirements}


def test_requirements_file(tmp_path):
    _write(tmp_path, "requirements.txt", """\
        # comment
        --index-url https://pypi.org/simple/
        -r base.txt
        --constraint pins.txt
        git+https://github.com/DIRACGrid/pyGSI.git#egg=GSI
        -e git+https://github.com/example/tool.git@v1.2#egg=tool-1.2
        https://example.org/dist/archive-2.0.tar.gz
        requests[security]>=2.9.1 ; python_version < "3"  # a trailing comment
        numpy>=1.10.1,\\
            <1.16
        six==1.16.0 --hash=sha256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926
        -e .
        ./vendor/localpkg
        this is not a requirement
        """)
    _write(tmp_path, "base.txt", "tornado>=5.0.0\n-r requirements.txt\n")  # a cycle: read once
    _write(tmp_path, "pins.txt", "tornado<6\n")
    found = declarations.read([str(tmp_path / "requirements.txt")])
    by_name = _by_name(found)
    assert list(by_name) == ["tornado", "GSI", "tool", "archive", "requests", "numpy", "six"]
    assert by_name["GSI"].url == "git+https://github.com/DIRACGrid/pyGSI.git#egg=GSI"
    assert by_name["GSI"].url_kind == "a VCS checkout" and by_name["archive"].url_kind == "a URL"
    assert by_name["requests"].extras == {"security"} and needs(by_name["requests"].marker) == (True, False)
    assert SpecifierSet(by_name["numpy"].specifier) == SpecifierSet(">=1.10.1,<1.16")
    assert by_name["numpy"].source.endswith("requirements.txt:9")
    assert by_name["six"].specifier == "==1.16.0"
    assert [c.name for c in found.constraints] == ["tornado"]
    assert [s.name for s in found.skipped] == [".", "./vendor/localpkg"]
    assert any("this: not a valid requirement" in w for w in found.warnings)
    assert not any("this is not a requirement" in w for w in found.warnings)  # only the name is quoted


def test_missing_nested_file_is_a_warning(tmp_path):
    _write(tmp_path, "requirements.txt", "-r nowhere.txt\nsix\n")
    found = declarations.read([str(tmp_path / "requirements.txt")])
    assert [r.name for r in found.requirements] == ["six"]
    assert any("nowhere.txt: no such file" in w for w in found.warnings)


def test_setup_py_is_read_from_its_ast_never_executed(tmp_path):
    _write(tmp_path, "setup.py", """\
        import os
        from setuptools import setup
        os.remove("should never run")
        print "Python 2 syntax is fine too"
        base = ["six>=1.10", "requests"]
        setup(
            name="demo",
            install_requires=base + ["tornado>=5.0.0,<6"],
            extras_require={
                "mysql": ["MySQL-python>=1.2.5"],
                ":python_version < '3'": ["futures"],
                "yaml:sys_platform == 'linux'": ["PyYAML"],
            },
            tests_require=["pytest", "mock"],
        )
        """)
    found = declarations.read([str(tmp_path / "setup.py")])
    by_name = _by_name(found)
    assert list(by_name) == ["six", "requests", "tornado", "MySQL-python", "futures", "PyYAML", "pytest", "mock"]
    assert by_name["six"].source.endswith("setup.py:5")
    assert by_name["MySQL-python"].source.endswith("[mysql]")
    assert needs(by_name["futures"].marker) == (True, False)
    assert by_name["pytest"].source.endswith("[tests]")
    assert not found.warnings


def test_setup_py_computed_values_are_a_warning(tmp_path):
    _write(tmp_path, "setup.py", """\
        from setuptools import setup
        setup(install_requires=open("requirements.txt").read().splitlines())
        """)
    found = declarations.read([str(tmp_path / "setup.py")])
    assert not found.requirements and "computed at run time" in found.warnings[0]


def test_setup_cfg(tmp_path):
    _write(tmp_path, "setup.cfg", """\
        [metadata]
        name = demo

        [options]
        install_requires =
            six>=1.10
            futures; python_version < "3"  # backport

        [options.extras_require]
        docs = sphinx
        """)
    found = declarations.read([str(tmp_path / "setup.cfg")])
    by_name = _by_name(found)
    assert list(by_name) == ["six", "futures", "sphinx"]
    assert by_name["futures"].source.endswith("setup.cfg:7") and needs(by_name["futures"].marker) == (True, False)
    assert by_name["sphinx"].source.endswith("setup.cfg:10 [docs]")


def test_pyproject_pep621_and_poetry(tmp_path):
    _write(tmp_path, "pyproject.toml", """\
        [project]
        name = "demo"
        dependencies = ["six>=1.10", "tornado>=5,<6"]

        [project.optional-dependencies]
        db = ["mysqlclient"]

        [tool.poetry.dependencies]
        python = "^2.7 || ^3.6"
        numpy = "^1.16"
        pytz = { version = "~2019.1", python = "<3" }
        GSI = { git = "https://github.com/DIRACGrid/pyGSI.git" }
        local = { path = "../local" }

        [tool.poetry.group.dev.dependencies]
        pytest = "*"
        """)
    found = declarations.read([str(tmp_path / "pyproject.toml")])
    by_name = _by_name(found)
    assert list(by_name) == ["six", "tornado", "mysqlclient", "numpy", "pytz", "GSI", "pytest"]
    assert SpecifierSet(by_name["numpy"].specifier) == SpecifierSet(">=1.16,<2")
    assert SpecifierSet(by_name["pytz"].specifier) == SpecifierSet(">=2019.1,<2019.2")
    assert needs(by_name["pytz"].marker) == (True, False)
    assert by_name["GSI"].url and by_name["pytest"].specifier == ""
    assert [s.name for s in found.skipped] == ["local"]


@pytest.mark.parametrize("poetry, pep440", [
    ("^1.2.3", ">=1.2.3,<2"), ("^0.2.3", ">=0.2.3,<0.3"), ("^0.0.3", ">=0.0.3,<0.0.4"), ("~1.2.3", ">=1.2.3,<1.3"),
    ("~1", ">=1,<2"), ("1.2", "==1.2"), (">=1.2 <2", ">=1.2,<2"), ("*", ""), ("^1 || ^2", None),
])
def test_poetry_constraints(poetry, pep440):
    assert _poetry_specifier(poetry) == pep440


def test_conda_environment(tmp_path):
    _write(tmp_path, "requirements-pip.txt", "stomp.py>=3.1.5\n")
    _write(tmp_path, "environment.yml", """\
        name: dirac-like
        channels:
          - conda-forge
        dependencies:
          # runtime
          - python =2.7
          - pip
          - m2crypto # ==0.32
          - matplotlib >=2.1.0,<3.0
          - mysql-connector-c  # a C library
          - numpy >=1.10.1,<1.16
          - pygsi
          - conda-forge::tornado >=5.0.0,<6.0.0
          - conda-forge/label/main::pytz[version='>=2015.7,<2020', build=py27*]
          - six=1.16
          - typing >=3.6.6
          - pip:
            - MySQL-python
            - -r requirements-pip.txt
        """)
    found = declarations.read([str(tmp_path / "environment.yml")])
    by_name = _by_name(found)
    assert list(by_name) == ["m2crypto", "matplotlib", "numpy", "GSI", "tornado", "pytz", "six", "typing",
                             "MySQL-python", "stomp.py"]
    assert SpecifierSet(by_name["pytz"].specifier) == SpecifierSet(">=2015.7,<2020")
    assert by_name["GSI"].source.endswith("environment.yml:12 (conda package pygsi)")
    assert SpecifierSet(by_name["tornado"].specifier) == SpecifierSet(">=5.0.0,<6.0.0")
    assert by_name["six"].specifier == "==1.16.*"
    assert by_name["MySQL-python"].source.endswith("environment.yml:18 (pip)")
    assert not by_name["MySQL-python"].conda and by_name["numpy"].conda
    assert {s.name for s in found.skipped} == {"python", "pip", "mysql-connector-c"}


@pytest.mark.parametrize("conda, pep440", [
    ("", ""), ("=2.7", "==2.7.*"), ("==0.32", "==0.32"), (">=1.10.1,<1.16", ">=1.10.1,<1.16"), ("1.2", "==1.2.*"),
    (">1.0.0b4", ">1.0.0b4"), ("1.2.3 py27_0", "==1.2.3.*"), ("=1.2=py27_0", "==1.2.*"), ("1.0|2.0", None),
    ("*", ""),
])
def test_conda_specifiers(conda, pep440):
    assert conda_specifier(conda) == pep440


def test_directory_discovery(tmp_path):
    _write(tmp_path, "requirements.txt", "six\n")
    _write(tmp_path, "requirements/dev.txt", "pytest\n")
    _write(tmp_path, "setup.py", "from setuptools import setup\nsetup(install_requires=['tornado'])\n")
    _write(tmp_path, "environment.yml", "dependencies:\n  - numpy\n")
    found = declarations.read([str(tmp_path)])
    assert [r.name for r in found.requirements] == ["six", "pytest", "tornado", "numpy"]
    assert found.code_paths == [str(tmp_path)]


def test_requirements_files_named_by_setup_cfg_and_pyproject(tmp_path):
    _write(tmp_path, "requirements.in", "six\n")
    _write(tmp_path, "requirements-test.in", "pytest\n")
    _write(tmp_path, "setup.cfg", "[options]\ninstall_requires = file: requirements.in\n")
    found = declarations.read([str(tmp_path / "setup.cfg")])
    assert [r.name for r in found.requirements] == ["six"] and not found.warnings
    _write(tmp_path, "pyproject.toml", """\
        [project]
        name = "demo"
        dynamic = ["dependencies", "optional-dependencies"]
        [tool.setuptools.dynamic]
        dependencies = {file = "requirements.in"}
        optional-dependencies.test = {file = ["requirements-test.in"]}
        """)
    found = declarations.read([str(tmp_path / "pyproject.toml")])
    assert [r.name for r in found.requirements] == ["six", "pytest"] and not found.warnings
