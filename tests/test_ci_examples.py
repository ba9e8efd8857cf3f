"""docs/ci/: each example pipeline's commands, run locally on a git clone of the bundled example as its CI
would run them (the matrix expanded, CI variables set, a pull request simulated): clean with the committed
baseline, failing on a new finding; the artifacts the pipeline publishes are written."""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "docs" / "ci"
EXAMPLE = ROOT / "examples" / "legacy_project"
# pinned, from the repository (diracmod is not on PyPI); the test runs the diracmod under test instead
INSTALL = re.compile(r'pip install "diracmod @ git\+https://github\.com/YOUR-ORG/diracmod@v[0-9.]+"')
TIMEOUT = 300
pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="the pipelines' diff mode needs git")


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=cwd, check=True,
                   capture_output=True, timeout=TIMEOUT)


def _github(values):
    """(commands, artifacts) of the workflow: jobs in order, each matrix value in turn, ${{ }} filled in."""
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text())
    commands, artifacts = [], []
    for job in workflow["jobs"].values():
        for shard in job.get("strategy", {}).get("matrix", {}).get("shard", [None]):
            known = {**values, "matrix.shard": str(shard)}
            for step in job["steps"]:
                if "run" in step:
                    commands.append((re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: known[m.group(1)], step["run"]), {}))
                elif step["uses"].startswith("github/codeql-action/upload-sarif"):
                    artifacts.append(step["with"]["sarif_file"])
    return commands, artifacts


def _gitlab(values):
    pipeline = yaml.safe_load((CI / "gitlab-ci.yml").read_text())
    jobs = [job for job in pipeline.values() if isinstance(job, dict) and "script" in job]
    commands, artifacts = [], []
    for job in sorted(jobs, key=lambda job: pipeline["stages"].index(job["stage"])):
        total = job.get("parallel", 1)
        for index in range(1, total + 1):
            env = {**values, "CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total),
                   **{k: str(v) for k, v in job.get("variables", {}).items()}}
            commands += [(line, env) for line in pipeline["default"]["before_script"] + job["script"]]
        artifacts += job.get("artifacts", {}).get("reports", {}).values()
    return commands, artifacts


def _jenkins(values):
    text = (CI / "Jenkinsfile").read_text()
    return [(command, values) for command in re.findall(r"\bsh '([^']*)'", text)], re.findall(r"junit '([^']*)'", text)


def _travis(values):
    travis = yaml.safe_load((CI / "travis.yml").read_text())
    return [(line, values) for line in travis["install"] + travis["script"]], ["diracmod-junit.xml"]


PIPELINES = {
    "github-actions": (_github, {"github.base_ref": "main"}),
    "gitlab-ci": (_gitlab, {"CI_PIPELINE_SOURCE": "merge_request_event",
                            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}),
    "jenkins": (_jenkins, {"CHANGE_TARGET": "main"}),
    "travis": (_travis, {"TRAVIS_PULL_REQUEST": "7", "TRAVIS_BRANCH": "main"}),
}


@pytest.fixture
def checkout(tmp_path):
    """A clone (origin/main) of the example with its baseline committed, on a pull request's branch."""
    origin = tmp_path / "origin"
    shutil.copytree(EXAMPLE, origin)
    subprocess.run([sys.executable, "-m", "diracmod", "baseline", "create", "-q"], cwd=origin, check=True,
                   timeout=TIMEOUT)
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "the example, its baseline")
    _git(tmp_path, "clone", "-q", str(origin), "checkout")
    _git(tmp_path / "checkout", "checkout", "-qb", "pull-request")
    return tmp_path / "checkout"


def _run(checkout, commands):
    """{command: exit code}, each run by the shell as the CI runner would, diracmod under test on PATH."""
    codes = {}
    for command, env in commands:
        if INSTALL.fullmatch(command):
            continue
        done = subprocess.run(["bash", "-c", command], cwd=checkout, capture_output=True, text=True, timeout=TIMEOUT,
                              env={**os.environ, **env, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"})
        assert "Traceback" not in done.stderr, (command, done.stderr)
        codes[command] = max(codes.get(command, 0), done.returncode)
    return codes


def _valid(path: Path):
    if path.suffix == ".xml":
        assert ElementTree.parse(path).getroot().tag in ("testsuites", "testsuite")
    else:
        assert isinstance(json.loads(path.read_text()), (list, dict))


@pytest.mark.parametrize("name", PIPELINES)
def test_the_pipeline_passes_clean_and_fails_on_a_new_finding(checkout, name):
    parse, values = PIPELINES[name]
    commands, artifacts = parse(values)
    assert any(INSTALL.fullmatch(command) for command, _ in commands)  # it installs diracmod first
    codes = _run(checkout, commands)
    assert set(codes.values()) == {0}, codes
    for artifact in artifacts:
        _valid(checkout / artifact)
    # a pull request that adds a porting problem and a style problem on its own lines
    with open(checkout / "JobMon" / "Utilities.py", "a") as module:
        module.write("\n\ndef newCode(value):\n    return unicode(value)+1\n")
    codes = _run(checkout, commands)
    failing = {command for command, code in codes.items() if code}
    assert failing == {command for command in codes if "--shard" not in command and "git fetch" not in command
                       and command.startswith(("diracmod", "if"))}, codes
    assert any("--changed-lines" in command for command in failing)  # every pipeline has the style gate
