"""`diracmod fix`: rewrite Python 2 code into hybrid 2/3 code. Stage 1 runs fissix fixers on files Python 3
cannot parse; stage 2 runs every selected libcst rule (diracmod.rules.codemod) in one pass, each rewriting
only where `check` reported its symbol; the result is written only if it verifies."""
