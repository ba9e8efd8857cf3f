"""Every dependency a project declares: requirements files (inputs.py), conda environment files (conda.py)
and setup.py/setup.cfg/pyproject.toml (manifests.py), from the paths given on the command line. Those readers
share inputs.py's helpers; this module is the one that knows them all."""
from __future__ import annotations

import os
from pathlib import Path

from diracmod.deps import conda, manifests
from diracmod.deps import inputs as requirement_files
from diracmod.deps.model import Inputs


def read(paths, allow_include=()) -> Inputs:
    """Every requirement source under/at the given paths; includes may reach the `allow_include` directories."""
    inputs = Inputs()
    allowed = tuple(Path(os.path.realpath(d)) for d in allow_include)
    for given in paths:
        path = Path(given)
        entry = requirement_files.named(path)
        if entry is None:
            inputs.warnings.append(f"{given}: no such file or directory")
            continue
        root, files, code = entry
        inputs.code_paths += code
        inputs.roots = (Path(os.path.realpath(root)),) + allowed
        for kind, file in files:
            if file != path and not requirement_files.inside(file, inputs):
                inputs.warnings.append(f"{file}: a symlink to a file outside the project, not read")
            elif kind == "requirements":
                requirement_files.read_requirements(file, inputs)
            elif kind == "conda":
                conda.read_environment(file, inputs)
            else:
                manifests.read(kind, file, inputs)
    return inputs
