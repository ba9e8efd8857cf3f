"""The DIRAC-like project the deps tests, the recorder and the benchmark use, written from facts
(what DIRAC required in mid-2019, and the Python 2 idioms of its code). Materialised into a temporary
directory, so that no Python 2 only file sits in the repository tree itself."""
from __future__ import annotations

from pathlib import Path

TREE = {
    'DIRAC/Core/DB.py': '''\
"""Python 2 only: the except clause below is Python 2 syntax."""
import MySQLdb

from DIRAC.Core import Security


def query(sql):
  try:
    return MySQLdb.connect().cursor().execute(sql)
  except MySQLdb.Error, error:
    print "query failed", error
''',
    'DIRAC/Core/Security.py': '''\
import GSI
import M2Crypto
from concurrent.futures import ThreadPoolExecutor
''',
    'DIRAC/Core/__init__.py': "",
    'DIRAC/Utils.py': '''\
import six

try:
  import cPickle as pickle
except ImportError:
  import pickle

if six.PY2:
  import commands
else:
  import subprocess

import Queue
''',
    'DIRAC/Web/Server.py': '''\
import urllib2
import tornado.web

try:
  import json
except ImportError:
  import simplejson as json

try:
  from cStringIO import StringIO
except ImportError:
  from StringIO import StringIO
''',
    'DIRAC/Web/__init__.py': "",
    'DIRAC/__init__.py': '''\
"""A DIRAC-like package (test fixture for `diracmod deps`)."""
__RCSID__ = "$Id$"
''',
    'requirements.txt': '''\
# A DIRAC-like requirements file, written for diracmod's tests from what DIRAC required in mid-2019
# (pins, ranges, py2-only packages, pyGSI from git).

# from the repository
git+https://github.com/DIRACGrid/pyGSI.git#egg=GSI

# from the index
M2Crypto==0.32
ipython==5.3.0
matplotlib>=2.1.0
numpy>=1.10.1
tornado>=5.0.0
MySQL-python>=1.2.5
suds-jurko>=0.6
futures
funcsigs
typing==3.6.6
elasticsearch-dsl~=6.3.1
''',
    'scripts/dirac-plot.py': '''\
#!/usr/bin/env python
import numpy
import matplotlib
matplotlib.use("Agg")
''',
}


def write(root: Path, tree: dict = None) -> Path:
    for relative, text in (tree or TREE).items():
        path = Path(root, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return Path(root)
