"""`diracmod check`: the engine running every selected rule family over each file in one pass."""
