"""Text for the terminal: what the commands print never carries a raw control character.

Values are cleaned as they come in (:mod:`jobtracker.domain.limits`), but a database written
by an older version, or a file being imported, may still hold an escape sequence or a
carriage return that would rewrite the person's terminal. :func:`say` prints like ``print``
with every control character but line feed and tab shown as ``\\u001b``; :func:`one_line`
shows those two as well, for values printed on one line.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def one_line(text: str) -> str:
    """``text`` for one line of output: every control character shown, none acted on."""
    return _LINE_CONTROLS.sub(_shown, text)


def say(*values: object, sep: str = " ", end: str = "\n", file: TextIO | None = None) -> None:
    """``print`` for the commands: control characters other than line feed and tab are
    shown escaped rather than sent to the terminal."""
    text = _CONTROLS.sub(_shown, sep.join(str(value) for value in values))
    print(text, end=end, file=file or sys.stdout)
