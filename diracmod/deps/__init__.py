"""`diracmod deps`: does each dependency run on Python 2.7 and Python 3, for the versions allowed?

inputs / conda / manifests  requirement sources          imports / mapping  the code's imports
index / wheelmeta           the package index + cache    evidence / verdict the logic
analysis                    one run, the transitive walk report / command   output and CLI
knowledge                   rules/distributions.toml (curated facts)
"""

# Here, not in index.py: `diracmod --help` and every other command show it without importing the HTTP stack.
DEFAULT_INDEX = "https://pypi.org/simple/"


def blockers_by_module(paths, options=None, warnings=None) -> dict:
    """{module path: [(line, distribution, verdict)]}: imports of dependencies that block the migration."""
    from diracmod.deps.analysis import blockers_by_module as run

    return run(paths, options, warnings)
