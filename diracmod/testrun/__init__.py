"""`diracmod tests`: the project's own test suite under Python 2 and Python 3 (settings, execution with
timeouts, JUnit results, tests mapped to the modules they exercise, failure causes, ratchet, behaviour diff).
Sits between the commands and report: it reuses report's import graph."""
