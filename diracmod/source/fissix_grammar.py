"""fissix's grammars, loaded without writing anything.

At its import, fissix.pygram builds its grammars and pickles them into ~/.cache/fissix, creating that
directory: with a read-only, missing or unset $HOME the import fails (even `diracmod --version`), and
otherwise it writes outside the project. So fissix.pygram is imported here, first, with fissix's own
`load_grammar` called through its `save=False` knob: an existing pickle is read, else the grammar is built
in memory (about 0.1 s).

fissix's tokenizer reads Python 2's long suffix after a hexadecimal, octal or decimal literal, not after a binary
one, which python2.7 reads too (`0b1010L`, tryout28 #12): its generate_tokens is given the pattern that does.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import fissix
from fissix.pgen2 import driver, tokenize as f_tokenize

PYTHON2_NUMBER = f_tokenize.Number.replace(f_tokenize.Binnumber, f_tokenize.Binnumber + "[lL]?")
f_tokenize.pseudoprog = re.compile(f_tokenize.PseudoToken.replace(f_tokenize.Number, PYTHON2_NUMBER))

_fissix_load_grammar = driver.load_grammar


def _load_without_saving(gt="Grammar.txt", gp=None, save=True, force=False, logger=None):
    # fissix's own pickle name, computed without the mkdir that fissix's _generate_pickle_name does
    pickled = os.path.join(fissix.CACHE_DIR, f"{Path(gt).stem}{fissix.__base_version__}.pickle")
    try:
        return _fissix_load_grammar(gt, pickled, save=False, force=force, logger=logger)
    except Exception:  # noqa: BLE001  an unreadable or foreign pickle: build the grammar instead
        return _fissix_load_grammar(gt, pickled, save=False, force=True, logger=logger)


driver.load_grammar = _load_without_saving
try:
    from fissix import pygram  # noqa: E402,F401  builds the grammars, through the loader above
finally:
    driver.load_grammar = _fissix_load_grammar
