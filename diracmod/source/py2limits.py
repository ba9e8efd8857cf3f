"""Python 2.7's parser limits, which fissix's grammar (and Python 3) do not share.

CPython 2.7 parses with a pgen LL(1) parser whose stack holds 1500 entries (Parser/parser.h MAXSTACK):
one entry per grammar rule entered and not yet finished, so `((((1))))` costs about 15 entries per
parenthesis and `- - - 1` one per sign. Past it, python2.7 prints "s_push: parser stack overflow" and
raises MemoryError: the module cannot be imported. Its tokenizer stops at 100 indentation levels.

`overflow` replays python2.7's parser on python2.7's own grammar (below, in pgen's notation) with
fissix's pgen and tokenizer, counting stack entries. It costs a full pure-Python parse, so callers
first bound the depth cheaply (tokens.py) and call it only for files that could come near the limit.
"""
from __future__ import annotations

import functools
import io

from fissix.pgen2 import grammar as f_grammar, parse, pgen, token, tokenize as f_tokenize

from diracmod.source import py2syntax

MAXSTACK = 1500  # CPython 2.7 Parser/parser.h
MAXINDENT = 100  # CPython 2.7 Parser/tokenizer.h

# Python 2.7's Grammar/Grammar (start symbol first).
_GRAMMAR = r"""
file_input: (NEWLINE | stmt)* ENDMARKER
decorator: '@' dotted_name [ '(' [arglist] ')' ] NEWLINE
decorators: decorator+
decorated: decorators (classdef | funcdef)
funcdef: 'def' NAME parameters ':' suite
parameters: '(' [varargslist] ')'
varargslist: ((fpdef ['=' test] ',')* ('*' NAME [',' '**' NAME] | '**' NAME) |
              fpdef ['=' test] (',' fpdef ['=' test])* [','])
fpdef: NAME | '(' fplist ')'
fplist: fpdef (',' fpdef)* [',']
stmt: simple_stmt | compound_stmt
simple_stmt: small_stmt (';' small_stmt)* [';'] NEWLINE
small_stmt: (expr_stmt | print_stmt  | del_stmt | pass_stmt | flow_stmt |
             import_stmt | global_stmt | exec_stmt | assert_stmt)
expr_stmt: testlist (augassign (yield_expr|testlist) | ('=' (yield_expr|testlist))*)
augassign: ('+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '**=' | '//=')
print_stmt: 'print' ( [ test (',' test)* [','] ] | '>>' test [ (',' test)+ [','] ] )
del_stmt: 'del' exprlist
pass_stmt: 'pass'
flow_stmt: break_stmt | continue_stmt | return_stmt | raise_stmt | yield_stmt
break_stmt: 'break'
continue_stmt: 'continue'
return_stmt: 'return' [testlist]
yield_stmt: yield_expr
raise_stmt: 'raise' [test [',' test [',' test]]]
import_stmt: import_name | import_from
import_name: 'import' dotted_as_names
import_from: ('from' ('.'* dotted_name | '.'+) 'import' ('*' | '(' import_as_names ')' | import_as_names))
import_as_name: NAME ['as' NAME]
dotted_as_name: dotted_name ['as' NAME]
import_as_names: import_as_name (',' import_as_name)* [',']
dotted_as_names: dotted_as_name (',' dotted_as_name)*
dotted_name: NAME ('.' NAME)*
global_stmt: 'global' NAME (',' NAME)*
exec_stmt: 'exec' expr ['in' test [',' test]]
assert_stmt: 'assert' test [',' test]
compound_stmt: if_stmt | while_stmt | for_stmt | try_stmt | with_stmt | funcdef | classdef | decorated
if_stmt: 'if' test ':' suite ('elif' test ':' suite)* ['else' ':' suite]
while_stmt: 'while' test ':' suite ['else' ':' suite]
for_stmt: 'for' exprlist 'in' testlist ':' suite ['else' ':' suite]
try_stmt: ('try' ':' suite ((except_clause ':' suite)+ ['else' ':' suite] ['finally' ':' suite] |
           'finally' ':' suite))
with_stmt: 'with' with_item (',' with_item)*  ':' suite
with_item: test ['as' expr]
except_clause: 'except' [test [('as' | ',') test]]
suite: simple_stmt | NEWLINE INDENT stmt+ DEDENT
testlist_safe: old_test [(',' old_test)+ [',']]
old_test: or_test | old_lambdef
old_lambdef: 'lambda' [varargslist] ':' old_test
test: or_test ['if' or_test 'else' test] | lambdef
or_test: and_test ('or' and_test)*
and_test: not_test ('and' not_test)*
not_test: 'not' not_test | comparison
comparison: expr (comp_op expr)*
comp_op: '<'|'>'|'=='|'>='|'<='|'<>'|'!='|'in'|'not' 'in'|'is'|'is' 'not'
expr: xor_expr ('|' xor_expr)*
xor_expr: and_expr ('^' and_expr)*
and_expr: shift_expr ('&' shift_expr)*
shift_expr: arith_expr (('<<'|'>>') arith_expr)*
arith_expr: term (('+'|'-') term)*
term: factor (('*'|'/'|'%'|'//') factor)*
factor: ('+'|'-'|'~') factor | power
power: atom trailer* ['**' factor]
atom: ('(' [yield_expr|testlist_comp] ')' | '[' [listmaker] ']' | '{' [dictorsetmaker] '}' |
       '`' testlist1 '`' | NAME | NUMBER | STRING+)
listmaker: test ( list_for | (',' test)* [','] )
testlist_comp: test ( comp_for | (',' test)* [','] )
lambdef: 'lambda' [varargslist] ':' test
trailer: '(' [arglist] ')' | '[' subscriptlist ']' | '.' NAME
subscriptlist: subscript (',' subscript)* [',']
subscript: '.' '.' '.' | test | [test] ':' [test] [sliceop]
sliceop: ':' [test]
exprlist: expr (',' expr)* [',']
testlist: test (',' test)* [',']
dictorsetmaker: ( (test ':' test (comp_for | (',' test ':' test)* [','])) |
                  (test (comp_for | (',' test)* [','])) )
classdef: 'class' NAME ['(' [testlist] ')'] ':' suite
arglist: (argument ',')* (argument [','] | '*' test (',' argument)* [',' '**' test] | '**' test)
argument: test [comp_for] | test '=' test
list_iter: list_for | list_if
list_for: 'for' exprlist 'in' testlist_safe [list_iter]
list_if: 'if' old_test [list_iter]
comp_iter: comp_for | comp_if
comp_for: 'for' exprlist 'in' or_test [comp_iter]
comp_if: 'if' old_test [comp_iter]
testlist1: test (',' test)*
yield_expr: 'yield' [testlist]
"""


@functools.lru_cache(maxsize=2)
def _grammar(print_function: bool):
    built = pgen.ParserGenerator("python2.7 Grammar", io.StringIO(_GRAMMAR)).make_grammar()
    if print_function:  # as python2.7's parser does after `from __future__ import print_function`
        del built.keywords["print"]
    return built


class _Overflow(Exception):
    pass


class _StackOnly(parse.Parser):
    """pgen's parser, keeping the stack and nothing else (no tree)."""

    def shift(self, type, value, newstate, context):
        dfa, _, node = self.stack[-1]
        self.stack[-1] = (dfa, newstate, node)

    def push(self, type, newdfa, newstate, context):
        if len(self.stack) >= MAXSTACK:
            raise _Overflow(context[1][0])
        dfa, _, node = self.stack[-1]
        self.stack[-1] = (dfa, newstate, node)
        self.stack.append((newdfa, 0, None))

    def pop(self):
        self.stack.pop()


def overflow(text: str):
    """(line, message) where python2.7's parser or tokenizer gives up for lack of room, or None.
    Other syntax errors are left to the parsers that name them."""
    table = _grammar(py2syntax.print_function(text))
    parser = _StackOnly(table)
    parser.setup()
    indent = 0
    try:
        for kind, value, start, _, _ in f_tokenize.generate_tokens(io.StringIO(text).readline):
            if kind in (f_tokenize.COMMENT, f_tokenize.NL):
                continue
            indent += (kind == token.INDENT) - (kind == token.DEDENT)
            if indent >= MAXINDENT:
                return start[0], "too many levels of indentation"
            if kind == token.OP:
                kind = f_grammar.opmap[value]
            if parser.addtoken(kind, value, ("", start)):
                return None
    except _Overflow as exc:
        return exc.args[0], "parser stack overflow: too deeply nested"
    except (parse.ParseError, f_tokenize.TokenError, IndentationError, KeyError):
        return None  # not a limit: a syntax error, reported with its own words elsewhere
    return None
