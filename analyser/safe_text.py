"""Characters that a terminal or a spreadsheet acts on instead of showing: control characters, ANSI escape
sequences, bidi overrides. Ticket text can hold them (a legacy CRM, a copy-paste from a terminal, a
hostile customer); ingest and the exports remove them here, with the same rules.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

# ECMA-48 sequences, whole, so no "[31m" is left behind: CSI (7-bit and 8-bit), the string commands
# (OSC, as in terminal hyperlinks, DCS, SOS, PM, APC) up to their terminator, then two-character escapes.
# A string command is looked for over 4,096 characters only, so a field full of unterminated ones stays linear.
ANSI_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
# Tools write these for a line break inside a field (vertical tab: FileMaker, Excel for Mac); keep the break.
_LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x85]")
_C0_AND_DEL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, line feed and carriage return stay
_NOT_PRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # tab and line feed stay


def without_controls(text: str) -> str:
    """Ticket text without ANSI escape sequences nor C0 control characters other than tab, line feed, carriage return.

    Vertical tab and form feed become a line feed.
    """
    if text.isprintable():  # the common case costs one scan
        return text
    text = ANSI_ESCAPE.sub("", text)
    return _C0_AND_DEL.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def printable_text(text: str) -> str:
    """Text to show in an export: no ANSI escape, C0/C1 control (tab and line feed stay) or bidi override; lines end in \\n."""
    if text.isprintable():
        return text
    text = _LINE_BREAK.sub("\n", ANSI_ESCAPE.sub("", text))
    return _NOT_PRINTABLE.sub("", text)


def printable_copy(value: Any) -> Any:
    """`value` with `printable_text` applied to every string in it: dataclasses, tuples, lists and dicts are rebuilt."""
    if isinstance(value, str):
        return printable_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: printable_copy(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(printable_copy(item) for item in value))
    if isinstance(value, (list, tuple)):
        return type(value)(printable_copy(item) for item in value)
    if isinstance(value, dict):
        return {printable_copy(key): printable_copy(item) for key, item in value.items()}
    return value
