""" JobRecord: what the service knows about one job
"""
import time

from JobMon.Utilities import toUnicode, secondsToHuman

__RCSID__ = "$Id$"

FINAL_STATES = ('Done', 'Failed', 'Killed')
JOB_STATES = ('Received', 'Waiting', 'Matched', 'Running', 'Stalled') + FINAL_STATES


class JobRecord:
  """ One job, as kept in memory by the JobDB cache
  """

  def __init__(self, jobID, owner, name='', priority=1, status='Received'):
    if status not in JOB_STATES:
      raise ValueError, "Unknown job status %s" % status
    self.jobID = jobID
    self.owner = toUnicode(owner)
    self.name = toUnicode(name)
    self.priority = priority
    self.status = status
    self.minorStatus = ''
    self.lastHeartbeat = None
    self.submissionTime = time.time()
    self.parameters = {}

  def __cmp__(self, other):
    """ Higher priority first, then older jobs first
    """
    return cmp((-self.priority, self.jobID), (-other.priority, other.jobID))

  def __nonzero__(self):
    """ A record is "true" while the job is still alive
    """
    return self.status not in FINAL_STATES

  def __unicode__(self):
    return u"%s (%s, %s)" % (self.jobID, self.owner, self.status)

  def __repr__(self):
    return "<JobRecord %s %s>" % (self.jobID, self.status)

  def setStatus(self, status, minorStatus=''):
    if status not in JOB_STATES:
      raise ValueError, "Unknown job status %s" % status
    if self.status in FINAL_STATES and status <> self.status:
      return False
    self.status = status
    self.minorStatus = minorStatus
    return True

  def setParameters(self, parameters):
    for name, value in parameters.iteritems():
      self.parameters[name] = value

  def age(self):
    return secondsToHuman(int(time.time() - self.submissionTime))

  def toDict(self):
    result = {'JobID': self.jobID, 'Owner': self.owner, 'JobName': self.name,
              'Status': self.status, 'MinorStatus': self.minorStatus, 'Priority': self.priority}
    result.update(self.parameters)
    return result


class HeartbeatReader(object):
  """ Iterates over the heartbeat lines ("<epoch> <cpu> <memory>") the job wrapper writes
  """

  def __init__(self, stream):
    self.stream = stream
    self.lineNumber = 0

  def __iter__(self):
    return self

  def next(self):
    while True:
      line = self.stream.readline()
      if not line:
        raise StopIteration
      self.lineNumber += 1
      line = line.strip()
      if line and not line.startswith('#'):
        break
    fields = line.split()
    if len(fields) <> 3:
      raise ValueError, "Bad heartbeat line %d: %r" % (self.lineNumber, line)
    return float(fields[0]), float(fields[1]), long(fields[2])
