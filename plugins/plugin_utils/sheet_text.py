# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cell text before it means anything: placeholders, numbers Excel mangled, and cell text shown in messages.

Nothing here knows about fields, rows or files. Every function costs time linear in the cell, and the
cells reaching them are cut to MAX_CELL_CHARS first, so no cell can cost more than a bounded amount.
"""

from __future__ import annotations

import math
import re
import unicodedata

MAX_CELL_CHARS = 10000     # a longer cell is cut there, and its row reports it
SHOWN_CHARS = 80           # a cell is quoted in a message up to this many characters
DEFAULT_PLACEHOLDERS = ('N/A', 'TBD', '-', '?', 'unknown', 'none')
EXCEL_SHORTENED = ("Excel shortened this number; its digits are lost: format the column as Text and "
                   "type it again")

_CONTROL = re.compile('[\x00-\x1f\x7f-\x9f]')
_ESCAPES = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}
_INT_FLOAT = re.compile(r'^-?\d+\.0+$')
# the form Excel shows a long number in: one digit, a point, up to 5 digits, E+, two digits (4.00002E+11)
_SHORTENED = re.compile(r'^\d\.\d{1,5}E\+\d{2}$', re.I)


def fold(text):
    """Lower case without accents: 'Numéro de Série' -> 'numero de serie'."""
    decomposed = unicodedata.normalize('NFKD', str(text).strip().lower())
    return ''.join(c for c in decomposed if not unicodedata.combining(c))


def escape(text):
    """TEXT with control characters written as \\n, \\t, \\x1b: a message stays one readable line."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), '\\x%02x' % ord(m.group())), text)


def shown(text, limit=SHOWN_CHARS):
    """A cell as a message quotes it: at most LIMIT characters (then '…'), control characters escaped."""
    text = str(text)
    cut = text[:limit] + '…' if len(text) > limit else text
    return escape(cut)


def quote(text):
    """'shown text' in single quotes."""
    return "'%s'" % shown(text)


def placeholder_set(words=None):
    """The placeholder words, compared ignoring case and spaces around them."""
    return frozenset(str(word).strip().casefold() for word in (DEFAULT_PLACEHOLDERS if words is None else words))


def is_placeholder(text, words):
    """A placeholder means blank: one of WORDS, or one character typed 4 or more times (nnnnnnnnnnnn, 0000)."""
    return text.casefold() in words or (len(text) >= 4 and text.count(text[0]) == len(text))


def number_text(text):
    """Cell text as it was meant: '100234.0' -> '100234'; Excel's shortened '4.00002E+11' raises ValueError.

    Every other text is kept exactly as typed: '11E20427' is an asset tag, never 10 to the 20427th.
    """
    if '.' not in text:  # both forms below have one
        return text
    if _INT_FLOAT.match(text):
        return text.split('.', 1)[0]
    if _SHORTENED.match(text):
        raise ValueError(EXCEL_SHORTENED)
    return text


def significant_digits(number):
    """How many significant digits a workbook number holds (Excel keeps 15).

    100234.0 -> 6; 0.1 + 0.2 -> 17; a whole number of 16 digits or more counts them all, since Excel
    turned the digits after the 15th into zeros.
    """
    if not math.isfinite(number):
        return 99
    if number == int(number):
        whole = str(abs(int(number)))
        return len(whole) if len(whole) > 15 else len(whole.rstrip('0')) or 1
    return len(repr(abs(number)).lower().split('e')[0].replace('.', '').lstrip('0'))
