""" MonitoringClient: used by the job wrapper to send heartbeats and parameters to the JobMon service

    Heartbeats are buffered in a queue and sent in batches, so that a slow service never
    blocks the payload.
"""
import json
import socket
import threading
import urllib2
import Queue
from StringIO import StringIO

import six

from JobMon.Utilities import S_OK, S_ERROR, toJobID, generateToken

if six.PY2:
  from urllib import urlencode
else:
  from urllib.parse import urlencode

__RCSID__ = "$Id$"


class MonitoringClient(object):
  """ Client of the JobMon REST interface
  """

  def __init__(self, url, timeout=30, maxQueueSize=1000):
    self.url = url.rstrip('/')
    self.timeout = timeout
    self.token = generateToken()
    self.queue = Queue.Queue(maxsize=maxQueueSize)
    self.dropped = 0
    self.sender = None

  def addHeartbeat(self, jobID, cpuTime, memory):
    try:
      self.queue.put_nowait({'JobID': toJobID(jobID), 'CPU': cpuTime, 'Memory': memory})
    except Queue.Full:
      self.dropped += 1

  def _call(self, method, body=None, **query):
    url = "%s/%s" % (self.url, method)
    if query:
      url += '?' + urlencode(query)
    headers = {'Content-Type': 'application/json', 'X-JobMon-Token': self.token}
    request = urllib2.Request(url, body, headers)
    try:
      reply = urllib2.urlopen(request, timeout=self.timeout)
      return S_OK(json.loads(reply.read()))
    except urllib2.HTTPError, e:
      return S_ERROR("%s returned %s: %s" % (url, e.code, e.msg))
    except (urllib2.URLError, socket.timeout), e:
      return S_ERROR("Cannot reach %s: %s" % (url, e))

  def flush(self):
    """ Send everything queued so far in one request
    """
    batch = []
    while True:
      try:
        batch.append(self.queue.get_nowait())
      except Queue.Empty:
        break
    if not batch:
      return S_OK(0)
    body = StringIO()
    json.dump({'Heartbeats': batch, 'Dropped': self.dropped}, body)
    result = self._call('heartbeats', body.getvalue())
    if result['OK']:
      self.dropped = 0
      return S_OK(len(batch))
    return result

  def startSending(self, period=60):
    """ Flush the queue every period seconds, in a daemon thread
    """
    stop = threading.Event()

    def loop():
      while not stop.isSet():
        self.flush()
        stop.wait(period)

    self.sender = threading.Thread(target=loop, name='JobMonSender')
    self.sender.setDaemon(True)
    self.sender.start()
    return stop

  def getJobStatus(self, jobIDs):
    return self._call('status', jobID=','.join([str(jobID) for jobID in jobIDs]))

  def killJobs(self, jobIDs):
    return self._call('kill', json.dumps({'JobIDs': jobIDs}))
