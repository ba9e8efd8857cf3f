"""-j 1 and -j 2 give byte-identical JSON."""
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpora

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"


def _json(root, jobs):
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--format", "json",
                           "-j", str(jobs), "."],
                          cwd=root, capture_output=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def test_example_project_same_output_for_any_jobs():
    assert _json(EXAMPLE, 1) == _json(EXAMPLE, 2)


@pytest.mark.corpus
def test_real_tree_same_output_for_any_jobs():
    # Paste: 137 files, a third of them Python-2-only, ~10,000 findings of every checker, dealt to the
    # pool in 18 chunks (Twisted proved no more, at 8 times the cost)
    root = corpora.fetch("Paste")
    one = _json(root, 1)
    assert len(one) > 1_000_000 and one == _json(root, 2)
