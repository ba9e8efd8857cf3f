""" JobDB: the in-memory job table of the JobMon service, with a pickle checkpoint on disk
"""
import os
import time
import threading

try:
  import cPickle as pickle
except ImportError:
  import pickle

from JobMon.JobRecord import JobRecord, FINAL_STATES
from JobMon.Utilities import S_OK, S_ERROR, toJobID, cpuEfficiency

__RCSID__ = "$Id$"

DEFAULT_CONFIG = {'CheckpointDir': '/opt/dirac/work/JobMon',
                  'StalledTime': 3600,
                  'MaxJobsPerOwner': 10000}


def loadLocalConfig(path):
  """ Site admins may override DEFAULT_CONFIG in a small python file, e.g. StalledTime = 7200
  """
  config = dict(DEFAULT_CONFIG)
  if not os.path.exists(path):
    return config
  namespace = {}
  source = open(path).read()
  exec source in namespace
  for key in DEFAULT_CONFIG:
    if namespace.has_key(key):
      config[key] = namespace[key]
  return config


class DIRACSingleton(type):
  """ One JobDB per process, whoever asks for it
  """

  def __init__(cls, name, bases, dic):
    super(DIRACSingleton, cls).__init__(name, bases, dic)
    cls.instance = None

  def __call__(cls, *args, **kwargs):
    if cls.instance is None:
      cls.instance = super(DIRACSingleton, cls).__call__(*args, **kwargs)
    return cls.instance


class JobDB(object):
  """ Job table: submission, status updates, heartbeats, stalled job detection
  """
  __metaclass__ = DIRACSingleton

  def __init__(self, config=None):
    self.config = config or dict(DEFAULT_CONFIG)
    self.jobs = {}
    self.heartbeats = {}
    self.lastJobID = 0
    self.lock = threading.Lock()

  def insertJob(self, owner, name='', priority=1):
    self.lock.acquire()
    try:
      owned = len([job for job in self.jobs.itervalues() if job.owner == owner])
      if owned >= self.config['MaxJobsPerOwner']:
        return S_ERROR("Too many jobs for %s" % owner)
      self.lastJobID += 1
      job = JobRecord(self.lastJobID, owner, name, priority)
      self.jobs[job.jobID] = job
      return S_OK(job.jobID)
    finally:
      self.lock.release()

  def getJob(self, jobID):
    try:
      jobID = toJobID(jobID)
    except ValueError, e:
      return S_ERROR(e.message)
    if not self.jobs.has_key(jobID):
      return S_ERROR("No such job %s" % jobID)
    return S_OK(self.jobs[jobID])

  def setJobStatus(self, jobID, status, minorStatus=''):
    result = self.getJob(jobID)
    if not result['OK']:
      return result
    try:
      changed = result['Value'].setStatus(status, minorStatus)
    except ValueError, e:
      return S_ERROR(str(e))
    return S_OK(changed)

  def addHeartbeat(self, jobID, cpuTime, memory, epoch=None):
    result = self.getJob(jobID)
    if not result['OK']:
      return result
    job = result['Value']
    job.lastHeartbeat = epoch or time.time()
    self.heartbeats.setdefault(job.jobID, []).append((job.lastHeartbeat, cpuTime, memory))
    if job.status == 'Stalled':
      job.setStatus('Running', 'Heartbeat received')
    return S_OK()

  def getJobEfficiency(self, jobID):
    beats = self.heartbeats.get(jobID)
    if not beats or len(beats) < 2:
      return S_ERROR("Not enough heartbeats for job %s" % jobID)
    wallClock = beats[-1][0] - beats[0][0]
    return S_OK(cpuEfficiency(beats[-1][1] - beats[0][1], wallClock))

  def getAverageMemory(self, jobID):
    beats = self.heartbeats.get(jobID, [])
    if not beats:
      return S_OK(0)
    # memory is reported in kB, as integers
    return S_OK(sum([beat[2] for beat in beats]) / len(beats))

  def findStalledJobs(self, now=None):
    now = now or time.time()
    stalled = []
    for jobID, job in self.jobs.iteritems():
      if job.status != 'Running' or job.lastHeartbeat is None:
        continue
      if now - job.lastHeartbeat > self.config['StalledTime']:
        stalled.append(jobID)
    return stalled

  def markStalledJobs(self):
    stalled = self.findStalledJobs()
    for jobID in stalled:
      self.jobs[jobID].setStatus('Stalled', 'No heartbeat for %d minutes' % (self.config['StalledTime'] / 60))
    return S_OK(len(stalled))

  def getJobsByStatus(self):
    summary = {}
    for job in self.jobs.values():
      summary[job.status] = summary.get(job.status, 0) + 1
    return S_OK(summary)

  def getSortedJobIDs(self, owner=None):
    jobs = [job for job in self.jobs.values() if owner is None or job.owner == owner]
    jobs.sort()
    return map(lambda job: job.jobID, jobs)

  def removeFinishedJobs(self):
    removed = 0
    for jobID in self.jobs.keys():
      if self.jobs[jobID].status in FINAL_STATES:
        del self.jobs[jobID]
        self.heartbeats.pop(jobID, None)
        removed += 1
    return S_OK(removed)

  def checkpoint(self):
    directory = self.config['CheckpointDir']
    if not os.path.isdir(directory):
      os.makedirs(directory, 0777)
    path = os.path.join(directory, 'jobs.pkl')
    try:
      handle = open(path + '.tmp', 'wb')
      pickle.dump((self.lastJobID, self.jobs, self.heartbeats), handle, pickle.HIGHEST_PROTOCOL)
      handle.close()
      os.rename(path + '.tmp', path)
    except (IOError, OSError), e:
      print "Checkpoint to %s failed: %s" % (path, e)
      return S_ERROR(str(e))
    return S_OK(path)

  def restore(self):
    path = os.path.join(self.config['CheckpointDir'], 'jobs.pkl')
    if not os.path.exists(path):
      return S_OK(0)
    handle = open(path, 'rb')
    try:
      self.lastJobID, self.jobs, self.heartbeats = pickle.load(handle)
    finally:
      handle.close()
    return S_OK(len(self.jobs))
