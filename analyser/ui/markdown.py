"""Data shown through Streamlit's Markdown renderer (headings, captions, alerts) is escaped first: it must read literally."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def escape_markdown(text: str) -> str:
    """Backslash every Markdown/HTML-significant character, for text built from data (titles, ids, names, headers)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
