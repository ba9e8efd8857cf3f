"""The rule catalogue: data files (*.toml), one rule defined once, read by checker, docs and tests."""
