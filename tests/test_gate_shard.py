"""`check --shard i/n` + `merge` give what one run gives: same bytes, same exit code, baseline included."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpora

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "legacy_project"
TIMEOUT = 900


def _run(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _sharded(cwd, count, out, *check_args, merge_args=("--format", "json")):
    paths = []
    for index in range(1, count + 1):
        path = out / f"shard-{index}-of-{count}.json"
        done = _run(cwd, "check", "--shard", f"{index}/{count}", "-o", str(path), *check_args)
        assert done.returncode == 0, done.stderr
        paths.append(path)
    return _run(cwd, "merge", *map(str, paths), *merge_args), paths


def _shard_bytes(cwd, paths):
    return [sum(os.path.getsize(Path(cwd, name)) for name in json.loads(p.read_text())["files"]) for p in paths]


def _partial_baseline(cwd, path):
    """A baseline missing every third finding (new ones) and holding one that is not there (fixed)."""
    assert _run(cwd, "baseline", "create", "--baseline", str(path)).returncode == 0
    data = json.loads(path.read_text())
    entries = [e for i, e in enumerate(data["findings"]) if i % 3]
    entries.append({**entries[0], "fingerprint": "0" * 20, "code": "gone"})
    path.write_text(json.dumps({**data, "findings": entries}))


@pytest.fixture
def example(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "project")
    return tmp_path / "project"


def test_merged_shards_equal_one_run_on_the_example(example, tmp_path):
    single = _run(example, "check", "--no-cache", "--format", "json")
    assert single.returncode == 1
    for count in (1, 2, 3):
        merged, paths = _sharded(example, count, tmp_path, "--no-cache")
        assert (merged.returncode, merged.stdout) == (single.returncode, single.stdout)
    for fmt in ("text", "sarif", "gitlab", "junit", "github"):  # every format, from the last set of shards
        single = _run(example, "check", "--format", fmt)
        merged = _run(example, "merge", *map(str, paths), "--format", fmt)
        assert (merged.returncode, merged.stdout, merged.stderr) == (single.returncode, single.stdout, single.stderr)


def test_merged_shards_equal_one_run_with_a_baseline(example, tmp_path):
    _partial_baseline(example, tmp_path / "baseline.json")
    single = _run(example, "check", "--no-cache", "--format", "json", "--baseline", str(tmp_path / "baseline.json"))
    assert single.returncode == 1 and "1 finding(s) fixed since the baseline" in single.stderr
    assert 0 < len(json.loads(single.stdout)) < 84
    merged, _ = _sharded(example, 3, tmp_path, "--no-cache",
                         merge_args=("--format", "json", "--baseline", str(tmp_path / "baseline.json")))
    assert (merged.returncode, merged.stdout, merged.stderr) == (single.returncode, single.stdout, single.stderr)


def test_merge_refuses_an_incomplete_or_foreign_set(example, tmp_path):
    _, paths = _sharded(example, 3, tmp_path, "--no-cache")
    missing = _run(example, "merge", str(paths[0]), str(paths[2]))
    assert missing.returncode == 2 and "shard(s) 2 of 3 missing" in missing.stderr
    twice = _run(example, "merge", str(paths[0]), str(paths[0]))
    assert twice.returncode == 2 and "given twice" in twice.stderr
    bogus = tmp_path / "bogus.json"
    for text in ("{", "[]", '{"diracmod-shard": 1, "shard": ["a", 2]}', '{"diracmod-shard": 1, "shard": [3, 2]}'):
        bogus.write_text(text)
        done = _run(example, "merge", str(bogus))
        assert done.returncode == 2 and "shard" in done.stderr
    for spec in ("0/3", "4/3", "x", "1/0"):
        assert _run(example, "check", "--shard", spec).returncode == 2
    assert _run(example, "check", "--shard", "1/2", "--format", "sarif").returncode == 2


def test_several_formats_at_once(example, tmp_path):
    done = _run(example, "check", "--no-cache", "--format", f"sarif:{tmp_path / 'out.sarif'}", "--format", "text",
                "--format", f"junit:{tmp_path / 'out.xml'}")
    assert done.returncode == 1 and "[W1618(no-absolute-import)" in done.stdout
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"
    assert (tmp_path / "out.xml").read_text().startswith("<?xml")
    both = _run(example, "check", "--format", "json", "--format", "text")
    assert both.returncode == 2 and "standard output" in both.stderr
    assert _run(example, "check", "--format", "yaml").returncode == 2
    source = example / "setup.py"
    before = source.read_bytes()
    clobber = _run(example, "check", "--format", f"sarif:{source}")
    assert clobber.returncode == 2 and "would replace it" in clobber.stderr and source.read_bytes() == before


@pytest.mark.corpus
@pytest.mark.parametrize("with_baseline", [False, True])
def test_real_tree_sharded_runs_are_byte_identical_and_balanced(tmp_path, with_baseline):
    root = corpora.fetch("Paste")  # 137 files: 7 shards of ~20 (Django's 1,875 proved no more, at 10 times the cost)
    extra = ("--baseline", str(tmp_path / "baseline.json")) if with_baseline else ()
    if with_baseline:
        _partial_baseline(root, tmp_path / "baseline.json")
    single = _run(root, "check", "--format", "json", "-o", str(tmp_path / "single.json"), *extra)
    assert single.returncode == 1
    for count in (1, 3, 7):
        merged, paths = _sharded(root, count, tmp_path, merge_args=(
            "--format", "json", "-o", str(tmp_path / f"merged-{count}.json"), *extra))
        assert merged.returncode == single.returncode
        assert (tmp_path / f"merged-{count}.json").read_bytes() == (tmp_path / "single.json").read_bytes()
        sizes = _shard_bytes(root, paths)
        print(f"Paste, {count} shard(s): bytes {sizes}, max/min {max(sizes) / min(sizes):.4f}")
        assert max(sizes) <= 1.2 * min(sizes)
