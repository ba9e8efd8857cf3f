""" Unit tests of JobMon.JobDB and JobMon.JobRecord
"""
# pylint: disable=missing-docstring,invalid-name,protected-access
import shutil
import tempfile
import unittest
from StringIO import StringIO

from JobMon.JobDB import JobDB, loadLocalConfig
from JobMon.JobRecord import JobRecord, HeartbeatReader

__RCSID__ = "$Id$"


class JobDBTestCase(unittest.TestCase):

  def setUp(self):
    JobDB.instance = None
    self.tmpDir = tempfile.mkdtemp()
    self.db = JobDB({'CheckpointDir': self.tmpDir, 'StalledTime': 100, 'MaxJobsPerOwner': 3})

  def tearDown(self):
    shutil.rmtree(self.tmpDir)

  def test_singleton(self):
    self.assertTrue(JobDB() is self.db)

  def test_insertAndStatus(self):
    jobID = self.db.insertJob('alice', 'hello')['Value']
    self.assertTrue(self.db.setJobStatus(jobID, 'Running')['OK'])
    self.assertEqual(self.db.getJob(str(jobID))['Value'].status, 'Running')
    self.assertFalse(self.db.setJobStatus(jobID, 'Nonsense')['OK'])
    self.assertFalse(self.db.getJob('x')['OK'])

  def test_ownerLimit(self):
    for _ in range(3):
      self.assertTrue(self.db.insertJob('bob')['OK'])
    self.assertFalse(self.db.insertJob('bob')['OK'])

  def test_stalled(self):
    jobID = self.db.insertJob('alice')['Value']
    self.db.setJobStatus(jobID, 'Running')
    self.db.addHeartbeat(jobID, 10., 2048, epoch=1000.)
    self.assertEqual(self.db.findStalledJobs(now=1050.), [])
    self.assertEqual(self.db.findStalledJobs(now=1200.), [jobID])

  def test_efficiencyAndMemory(self):
    jobID = self.db.insertJob('alice')['Value']
    self.db.addHeartbeat(jobID, 0., 1000, epoch=1000.)
    self.db.addHeartbeat(jobID, 50., 2001, epoch=1100.)
    self.assertEqual(self.db.getJobEfficiency(jobID)['Value'], 50.)
    self.assertEqual(self.db.getAverageMemory(jobID)['Value'], 1500)

  def test_sortedAndFinished(self):
    low = self.db.insertJob('carol', priority=1)['Value']
    high = self.db.insertJob('carol', priority=5)['Value']
    self.assertEqual(self.db.getSortedJobIDs(), [high, low])
    self.db.setJobStatus(low, 'Done')
    self.assertFalse(self.db.getJob(low)['Value'])
    self.assertEqual(self.db.removeFinishedJobs()['Value'], 1)

  def test_checkpoint(self):
    self.db.insertJob('dave')
    self.assertTrue(self.db.checkpoint()['OK'])
    self.db.jobs = {}
    self.assertEqual(self.db.restore()['Value'], 1)

  def test_localConfig(self):
    path = self.tmpDir + '/jobmon.cfg.py'
    open(path, 'w').write('StalledTime = 2 * 3600\nUnrelated = 1\n')
    config = loadLocalConfig(path)
    self.assertEqual(config['StalledTime'], 7200)
    self.assertFalse(config.has_key('Unrelated'))


class HeartbeatReaderTestCase(unittest.TestCase):

  def test_read(self):
    reader = HeartbeatReader(StringIO("# epoch cpu memory\n100 1.5 2048\n\n160 30 4096\n"))
    self.assertEqual(list(reader), [(100., 1.5, 2048), (160., 30., 4096)])

  def test_bad(self):
    reader = HeartbeatReader(StringIO("100 1.5\n"))
    self.assertRaises(ValueError, reader.next)

  def test_record(self):
    record = JobRecord(7, 'erin')
    self.assertEqual(unicode(record), u'7 (erin, Received)')
    self.assertTrue(record)
    self.assertTrue(record.setStatus('Killed'))
    self.assertFalse(record.setStatus('Running'))
    self.assertFalse(record)


if __name__ == '__main__':
  unittest.main()
