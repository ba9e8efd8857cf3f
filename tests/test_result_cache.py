"""The result cache's layout (check/cache.py): sharded by content hash, so a warm run reads only the shards of
the files it checks and rewrites only those that changed; the single-file caches of earlier versions are
removed from its own directory. Its guarantees under hostile input are in test_adversarial_io.py."""
import os
import stat

from diracmod.check.cache import _FORMAT, ResultCache, claim, from_rows, to_row
from diracmod.core import config
from diracmod.core.finding import Finding

PY3K = frozenset({"py3k"})
ONE, OTHER = "a1" + "0" * 62, "b2" + "0" * 62  # two content digests in two shards


def _finding(line):
    return Finding("m.py", line, 0, "W1612", "unicode-builtin", "unicode built-in referenced", "py3k", "warning",
                   "", False, line, 7)


def _shards(directory):
    """{name: (inode, content)}: a shard written again (atomically: a new file renamed over it) has a new inode."""
    [folder] = directory.glob(f"results-{_FORMAT}-*")
    return {path.name: (path.stat().st_ino, path.read_text()) for path in folder.iterdir()}


def test_a_warm_run_reads_and_rewrites_only_the_shards_it_needs(tmp_path):
    cache = ResultCache(tmp_path / "cache", "fp")
    cache.put(ONE, PY3K, [to_row(_finding(1))])
    cache.put(OTHER, PY3K, [to_row(_finding(2))])
    cache.save({ONE, OTHER})
    before = _shards(tmp_path / "cache")
    assert sorted(before) == ["a1.json", "b2.json"]

    warm = ResultCache(tmp_path / "cache", "fp")
    assert from_rows("m.py", warm.get(ONE, PY3K)) == [_finding(1)]
    assert list(warm.shards) == ["a1"]  # the other shard was not read
    warm.put(ONE, PY3K, [to_row(_finding(3))])
    warm.save({ONE, OTHER})
    after = _shards(tmp_path / "cache")
    assert after["b2.json"] == before["b2.json"] and after["a1.json"][1] != before["a1.json"][1]
    assert from_rows("m.py", ResultCache(tmp_path / "cache", "fp").get(ONE, PY3K)) == [_finding(3)]


def test_a_key_that_is_not_a_hex_digest_is_never_stored(tmp_path):
    cache = ResultCache(tmp_path / "cache", "fp")
    for key in ("", "x", "../../etc", "ZZ" + "0" * 62):
        cache.put(key, PY3K, [])
        assert cache.get(key, PY3K) is None and cache.lines(key) == {}
    cache.save(set())
    assert not (tmp_path / "cache").exists()  # nothing to write


def test_the_caches_of_earlier_versions_are_removed_from_our_directory_only(tmp_path):
    directory, elsewhere = tmp_path / "cache", tmp_path / "elsewhere.json"
    assert claim(directory)
    elsewhere.write_text("keep me")
    (directory / "results-2-0123.json").write_text("{}")
    (directory / "lines.json").write_text("{}")
    (directory / "results-2-link.json").symlink_to(elsewhere)
    (directory / "report-0123.json").write_text("{}")  # report's own cache: not ours to remove
    cache = ResultCache(directory, "fp")
    cache.put(ONE, PY3K, [])
    cache.save({ONE})
    assert sorted(os.listdir(directory)) == [".gitignore", "CACHEDIR.TAG", "README", "report-0123.json",
                                             f"results-{_FORMAT}-fp"]
    assert elsewhere.read_text() == "keep me"


def test_the_readme_first_line_is_the_one_earlier_versions_compare(tmp_path):
    """Earlier versions take a cache directory as theirs when the README's whole first line is theirs: a
    directory made here stays usable after a downgrade (else `--diff-base` exits 2 there)."""
    assert claim(tmp_path / "cache")
    readme = (tmp_path / "cache" / "README").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == "This directory is diracmod's result cache (one file per configuration)."


def test_a_directory_in_a_shard_place_costs_that_shard_only(tmp_path):
    cache = ResultCache(tmp_path / "cache", "fp")
    cache.put(ONE, PY3K, [])
    cache.save({ONE})
    [folder] = (tmp_path / "cache").glob(f"results-{_FORMAT}-*")
    (folder / "a1.json").unlink()
    (folder / "a1.json").mkdir()
    cache = ResultCache(tmp_path / "cache", "fp")
    cache.put(ONE, PY3K, [to_row(_finding(1))])
    cache.put(OTHER, PY3K, [to_row(_finding(2))])
    cache.save({ONE, OTHER})
    assert sorted(os.listdir(folder)) == ["a1.json", "b2.json"] and (folder / "a1.json").is_dir()
    assert from_rows("m.py", ResultCache(tmp_path / "cache", "fp").get(OTHER, PY3K)) == [_finding(2)]


def test_earlier_caches_written_again_after_the_shards_exist_are_removed_too(tmp_path):
    """A downgrade writes results-2-*.json and lines.json beside the shard directory; the next upgrade's run
    removes them although its shard directory is already there."""
    directory = tmp_path / "cache"
    cache = ResultCache(directory, "fp")
    cache.put(ONE, PY3K, [])
    cache.save({ONE})
    (directory / "results-2-0123.json").write_text("{}")
    (directory / "lines.json").write_text("{}")
    cache = ResultCache(directory, "fp")
    cache.put(OTHER, PY3K, [])
    cache.save({OTHER})
    assert sorted(os.listdir(directory)) == [".gitignore", "CACHEDIR.TAG", "README", f"results-{_FORMAT}-fp"]


def test_shards_have_the_mode_the_umask_gives_a_new_file(tmp_path):
    """Not mkstemp's 0600: a cache shared by a group is readable by the users the umask lets read it."""
    previous = os.umask(0o027)
    try:
        cache = ResultCache(tmp_path / "cache", "fp")
        cache.put(ONE, PY3K, [])
        cache.save({ONE})
    finally:
        os.umask(previous)
    [shard] = (tmp_path / "cache").glob(f"results-{_FORMAT}-*/a1.json")
    assert stat.S_IMODE(shard.stat().st_mode) == 0o640


def test_the_cache_key_changes_with_diracmods_own_code_not_its_file_times(tmp_path, monkeypatch):
    """An editable install after a git pull keeps its version number: its code, read from disk, keys the
    cache; a reinstall of the same code (new modification times) keeps it."""
    module = tmp_path / "package" / "core" / "config.py"
    module.parent.mkdir(parents=True)
    module.write_text("# stand-in\n")
    rule = tmp_path / "package" / "rule.py"
    rule.write_text("ANSWER = 1\n")
    monkeypatch.setattr(config, "__file__", str(module))

    def stamp():
        config.code_stamp.cache_clear()
        return config.code_stamp()

    try:
        before = stamp()
        os.utime(rule, (0, 0))
        assert stamp() == before
        rule.write_text("ANSWER = 2\n")
        assert stamp() != before
        changed = stamp()
        (tmp_path / "package" / "moves.toml").write_text("[zzmod]\n")  # a table the rules read
        assert stamp() != changed
    finally:
        config.code_stamp.cache_clear()
