""" Unit tests of JobMon.Utilities
"""
# pylint: disable=missing-docstring,invalid-name
import unittest

from JobMon import Utilities
from JobMon.Utilities import toList, toJobID, toUnicode, secondsToHuman, generateToken

__RCSID__ = "$Id$"


class UtilitiesTestCase(unittest.TestCase):

  def test_toList(self):
    self.assertEqual(toList('a, b,,c'), ['a', 'b', 'c'])
    self.assertEqual(toList(u'a'), [u'a'])
    self.assertEqual(toList(('a', 'b')), ['a', 'b'])
    self.assertEqual(toList(3), [3])

  def test_toJobID(self):
    self.assertEqual(toJobID('42'), 42L)
    self.assertEqual(toJobID(42), 42)
    for bad in ('', '4x2', -1, None, Utilities.MAX_JOB_ID + 1):
      self.assertRaises(ValueError, toJobID, bad)

  def test_toUnicode(self):
    self.assertTrue(isinstance(toUnicode('caf\xc3\xa9'), unicode))
    self.assertEqual(toUnicode('caf\xc3\xa9'), u'caf\xe9')
    self.assertEqual(toUnicode(12), u'12')

  def test_secondsToHuman(self):
    self.assertEqual(secondsToHuman(3725), '1:02:05')
    self.assertEqual(secondsToHuman(59), '0:00:59')

  def test_generateToken(self):
    tokens = set()
    for _ in xrange(100):
      token = generateToken(8)
      self.assertEqual(len(token), 8)
      tokens.add(token)
    self.assertTrue(len(tokens) > 90)

  def test_hexChecksum(self):
    self.assertEqual(Utilities.hexChecksum('\x01\xff'), '01ff')


if __name__ == '__main__':
  unittest.main()
