"""The py3k rule sets (pylint's python3 checker and what it missed), each a class of visit_* handlers."""
from diracmod.rules.py3k.bytesapi import BytesApiRules
from diracmod.rules.py3k.calls import CallRules
from diracmod.rules.py3k.class_comprehensions import ClassComprehensionRules
from diracmod.rules.py3k.classes import ClassRules
from diracmod.rules.py3k.doctest_examples import DoctestExampleRules
from diracmod.rules.py3k.escapes import EscapeRules
from diracmod.rules.py3k.function_attributes import FunctionAttributeRules
from diracmod.rules.py3k.generator_stop import GeneratorStopRules
from diracmod.rules.py3k.imports import ImportRules
from diracmod.rules.py3k.later_removals import LaterRemovalRules
from diracmod.rules.py3k.names import NameRules
from diracmod.rules.py3k.py2compile import Py2CompileRules
from diracmod.rules.py3k.py3only import Py3OnlySyntaxRules
from diracmod.rules.py3k.runtime import RuntimeRules
from diracmod.rules.py3k.unicode_escapes import UnicodeEscapeRules
from diracmod.rules.py3k.unittest_aliases import UnittestAliasRules

RULE_SETS = (NameRules, ImportRules, CallRules, ClassRules, EscapeRules, Py3OnlySyntaxRules)
RULE_SETS += (BytesApiRules, RuntimeRules)  # runtime semantics (issue 8)
RULE_SETS += (DoctestExampleRules,)
RULE_SETS += (UnicodeEscapeRules,)  # what Python 2's byte strings keep as text
RULE_SETS += (LaterRemovalRules,)  # what Pythons 3 after 3.0 removed  # the code of doctest examples, compiled when doctest runs them
RULE_SETS += (UnittestAliasRules, FunctionAttributeRules)  # methods and attributes pylint --py3k misses
RULE_SETS += (Py2CompileRules,)  # what python2.7's compiler refuses after parsing (tryout11 #14)
RULE_SETS += (ClassComprehensionRules,)  # Python 2's list comprehension runs in the class body (tryout8 #9)
RULE_SETS += (GeneratorStopRules,)  # PEP 479: a StopIteration leaving a generator (tryout11 #12)
