"""`diracmod deps`: does each dependency run on Python 2.7 and Python 3, for the versions allowed?

declarations (inputs / conda / manifests) requirement sources   imports / mapping  the code's imports
index / wheelmeta           the package index + cache    evidence / verdict the logic
analysis                    one run, the transitive walk report             output (the CLI: commands/deps.py)
knowledge                   rules/distributions.toml (curated facts)
"""
