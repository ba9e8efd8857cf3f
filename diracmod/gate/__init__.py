"""The CI gate: fingerprints, the baseline (ratchet), CI report formats, sharding. Imports only diracmod.core."""
