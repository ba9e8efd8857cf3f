""" Small helpers shared by the JobMon service, its agents and the command line
"""
import re
import sys
import time
import types
import string
import random

__RCSID__ = "$Id$"

# Job IDs come from an auto-increment column: they do not fit in an int on 32 bit hosts
MAX_JOB_ID = sys.maxint
# Largest job log kept in the DB, in bytes
MAX_LOG_SIZE = 10L * 1024 * 1024

JOB_ID_RE = re.compile('^\d+$')


def S_OK(value=None):
  """ DIRAC-style successful return value
  """
  return {'OK': True, 'Value': value}


def S_ERROR(message=''):
  """ DIRAC-style error return value
  """
  return {'OK': False, 'Message': message}


def generateToken(length=16):
  """ Random token the job wrapper uses to sign its heartbeats
  """
  chars = string.letters + string.digits
  return ''.join([random.choice(chars) for _ in xrange(length)])


def hexChecksum(data):
  """ Checksums are stored as hex strings in the DB
  """
  return data.encode('hex')


def toList(value):
  """ Accept "a, b, c", a list, a tuple or a single value
  """
  if isinstance(value, types.StringTypes):
    return [item.strip() for item in value.split(',') if item.strip()]
  if type(value) in (types.ListType, types.TupleType):
    return list(value)
  return [value]


def toJobID(value):
  """ Convert a job ID given on the command line or over the wire
  """
  if isinstance(value, (int, long)):
    jobID = value
  elif isinstance(value, basestring) and JOB_ID_RE.match(value.strip()):
    jobID = long(value.strip())
  else:
    raise ValueError, "Not a job ID: " + `value`
  if jobID <= 0 or jobID > MAX_JOB_ID:
    raise ValueError, "Job ID out of range: %s" % jobID
  return jobID


def toUnicode(value, encoding='utf-8'):
  """ Job names and owners are stored as unicode
  """
  if isinstance(value, unicode):
    return value
  if isinstance(value, str):
    return value.decode(encoding, 'replace')
  return unicode(value)  # pylint: disable=unicode-builtin


def secondsToHuman(seconds):
  """ 3725 -> '1:02:05'
  """
  hours = seconds / 3600
  minutes = (seconds % 3600) / 60
  return "%d:%02d:%02d" % (hours, minutes, seconds % 60)


def cpuEfficiency(cpuTime, wallClockTime):
  """ Percentage of the wall clock time the job spent on the CPU
  """
  if not wallClockTime:
    return 0.
  return 100. * cpuTime / wallClockTime


def timeStamp(epoch=None):
  """ UTC time stamp as stored in the DB
  """
  return time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(epoch))
