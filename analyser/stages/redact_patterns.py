"""Text pieces shared by the address and name finders of the redaction stage: letter classes, word shapes, accent folding."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

Spans = Iterator[tuple[int, int]]

UPPER = "A-ZÀ-ÖØ-Þ"
WORD_REST = r"[^\W\d_]+(?:[\-’'][^\W\d_]+)*"
CAPITALISED = rf"(?:[{UPPER}][’'])?[{UPPER}]{WORD_REST}"


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase without accents, so 'Hélène', 'HELENE' and 'helene' compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("’", "'")
