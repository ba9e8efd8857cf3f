""" JobMon: a small job monitoring service (example of legacy DIRAC-style Python 2 code)
"""
from setuptools import setup

__RCSID__ = "$Id$"

setup(name='JobMon',
      version='1.3',
      description='Job monitoring service for the grid',
      packages=['JobMon'],
      scripts=['scripts/dirac-jobmon-status.py'],
      install_requires=['six'],
      classifiers=['Programming Language :: Python :: 2.7'])
