""" JobMon: keeps track of the jobs running on the grid and of their heartbeats.

    The service side is JobMon.JobDB, the agents and the job wrapper talk to it
    through JobMon.MonitoringClient.
"""
__RCSID__ = "$Id$"

version = "v1r3"
majorVersion = 1
minorVersion = 3
