"""A cheap French/English guess for tickets whose export has no language column."""

from __future__ import annotations

import re

_FRENCH = frozenset(
    "le la les un une des du de et est pas je vous nous mon ma mes votre vos ce cette pour avec sur dans "
    "qui que quoi mais ou donc car merci bonjour cordialement toujours depuis aucun aucune rien très "
    "mois contrat voiture véhicule prélèvement réponse été avoir suis ai".split()
)
_ENGLISH = frozenset(
    "the a an and is are not i you we my your this that for with on in who what but or so because thanks "
    "thank hello regards still since no nothing very month contract car vehicle payment answer been have am "
    "was were it please".split()
)
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœæ']+")


def guess_language(text: str) -> str | None:
    """'fr', 'en', or None when the text gives too little evidence."""
    words = _WORD.findall(text.lower())
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    if french + english < 2:
        return None
    if french == english:
        return None
    return "fr" if french > english else "en"
