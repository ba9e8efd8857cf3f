"""diracmod: Python 2 -> 3 migration and quality toolkit."""

__version__ = "0.1.0"
