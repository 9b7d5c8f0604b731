"""Intensity lexicon: frustration and escalation phrases (French and English) found in ticket texts.

Pure: a lexicon is parsed from text (the bundled editable file or the user's own), then each ticket
gets the sum of the weights of the phrases it contains. Matching ignores case and accents and
respects word boundaries; a trailing `*` matches any word ending.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from analyser.errors import ConfigError

BUNDLED = "intensity_lexicon.txt"


@dataclass(frozen=True)
class Lexicon:
    phrases: tuple[str, ...]
    weights: tuple[float, ...]
    literals: tuple[str, ...]  # each phrase without its wildcard: a fast substring pre-check
    patterns: tuple[re.Pattern[str], ...]


# The combining diacritical marks blocks: what NFKD splits off Latin letters (é -> e + U+0301).
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD_JOINERS = re.compile(r"['’`\-]")


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens as spaces: 'Déjà relancé' -> 'deja relance'."""
    lowered = text.lower()
    if not lowered.isascii():  # one regex pass instead of a Python loop over characters (100k tickets a night)
        lowered = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", lowered))
    return " ".join(_WORD_JOINERS.sub(" ", lowered).split())


def parse_lexicon(text: str, source: str) -> Lexicon:
    """Lines `WEIGHT PHRASE`; a bad line is one clear error naming the file and line."""
    phrases: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        weight_text, _, phrase = line.partition(" ")
        try:
            weight = float(weight_text)
        except ValueError:
            raise ConfigError(
                f"{source}, line {number}: {line!r} does not start with a weight. Fix: write 'WEIGHT PHRASE', e.g. '0.7 scandaleux'."
            ) from None
        phrase = " ".join(fold(phrase).split())
        if not phrase:
            raise ConfigError(f"{source}, line {number}: a weight without a phrase. Fix: write 'WEIGHT PHRASE'.")
        phrases[phrase] = max(weight, phrases.get(phrase, weight))  # a repeated phrase counts once
    if not phrases:
        raise ConfigError(f"{source}: the intensity lexicon has no phrase. Fix: add lines 'WEIGHT PHRASE'.")
    ordered = sorted(phrases)
    return Lexicon(
        tuple(ordered), tuple(phrases[phrase] for phrase in ordered),
        tuple(phrase.rstrip("*") for phrase in ordered), tuple(re.compile(_regex(phrase)) for phrase in ordered),
    )


def _regex(phrase: str) -> str:
    prefix = phrase.endswith("*")
    body = re.escape(phrase.rstrip("*"))
    start = r"\b" if phrase[0].isalnum() else ""
    end = r"\w*" if prefix else (r"\b" if phrase.rstrip("*")[-1].isalnum() else "")
    return start + body + end


def load_lexicon(path: Path | None) -> Lexicon:
    """The user's lexicon file, or the bundled one."""
    if path is None:
        text = resources.files("analyser.resources").joinpath(BUNDLED).read_text(encoding="utf-8")
        return parse_lexicon(text, f"analyser/resources/{BUNDLED}")
    if not path.is_file():
        raise ConfigError(f"intensity lexicon {path} not found. Fix: set signals.intensity_lexicon to an existing file, or remove it.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"intensity lexicon {path} is not UTF-8 text. Fix: save it as UTF-8.") from None
    return parse_lexicon(text, str(path))


@dataclass(frozen=True)
class TicketIntensity:
    score: float  # sum of the weights of the distinct phrases found
    phrases: tuple[str, ...]


def score_text(lexicon: Lexicon, text: str) -> TicketIntensity:
    folded = fold(text)
    found = [
        index for index, (literal, pattern) in enumerate(zip(lexicon.literals, lexicon.patterns))
        if literal in folded and pattern.search(folded)
    ]
    return TicketIntensity(sum(lexicon.weights[i] for i in found), tuple(lexicon.phrases[i] for i in found))


def score_texts(lexicon: Lexicon, texts: Sequence[str]) -> list[TicketIntensity]:
    return [score_text(lexicon, text) for text in texts]
