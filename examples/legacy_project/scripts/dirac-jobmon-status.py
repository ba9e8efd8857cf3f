#!/usr/bin/env python
""" Show the status of jobs known to the JobMon service, optionally kill the stalled ones

    dirac-jobmon-status.py [options] [JobID ...]
"""
import sys
import optparse

from JobMon.MonitoringClient import MonitoringClient
from JobMon.JobRecord import HeartbeatReader
from JobMon.Utilities import toJobID, cpuEfficiency

__RCSID__ = "$Id$"

DEFAULT_URL = 'https://jobmon.example.org:9171/JobMon'


def parseArgs(argv):
  parser = optparse.OptionParser(usage='%prog [options] [JobID ...]', description=__doc__.split('\n')[0])
  parser.add_option('-u', '--url', default=DEFAULT_URL, help='JobMon service URL')
  parser.add_option('-k', '--kill-stalled', action='store_true', default=False, help='kill stalled jobs')
  parser.add_option('-H', '--heartbeats', metavar='FILE', help='summarise a heartbeat file instead')
  parser.add_option('-y', '--yes', action='store_true', default=False, help='do not ask for confirmation')
  return parser.parse_args(argv)


def summariseHeartbeats(path):
  reader = HeartbeatReader(open(path))
  try:
    first = reader.next()
  except StopIteration:
    print "No heartbeat in", path
    return 1
  last = first
  count = 1
  for beat in reader:
    last = beat
    count += 1
  print "%d heartbeats over %d s, CPU efficiency %.1f%%" % (count, last[0] - first[0], cpuEfficiency(last[1] - first[1], last[0] - first[0]))  # noqa: E501
  print "Peak memory: %d MB" % (max(first[2], last[2]) / 1024)
  return 0


def main(argv):
  options, args = parseArgs(argv)
  if options.heartbeats:
    return summariseHeartbeats(options.heartbeats)

  try:
    jobIDs = map(toJobID, args)
  except ValueError, e:
    print >> sys.stderr, "ERROR:", e.message
    return 2

  client = MonitoringClient(options.url)
  result = client.getJobStatus(jobIDs)
  if not result['OK']:
    print >> sys.stderr, "ERROR:", result['Message']
    return 1

  statuses = result['Value']
  stalled = []
  print "%-12s %-10s %s" % ('JobID', 'Status', 'MinorStatus')
  for jobID in sorted(statuses.keys(), key=long):
    info = statuses[jobID]
    print "%-12s %-10s %s" % (jobID, info['Status'], info.get('MinorStatus', ''))
    if info['Status'] == 'Stalled':
      stalled.append(long(jobID))

  if options.kill_stalled and stalled:
    if not options.yes:
      answer = raw_input("Kill %d stalled job(s)? [y/N] " % len(stalled))
      if answer.lower() not in ('y', 'yes'):
        return 0
    result = client.killJobs(stalled)
    if not result['OK']:
      print >> sys.stderr, "ERROR:", result['Message']
      return 1
    print "Killed", len(stalled), "job(s)"
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
