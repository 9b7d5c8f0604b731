"""The extractive labeller: no model, no network. The default provider and the fallback of every LLM.

- Title: the subject line customers use most for this cluster's tickets when it agrees with the
  cluster's keywords, completed by the top keyword phrases, each written as customers write it
  ("prélèvement en double", not the stop-word-stripped "prélèvement double").
- Summary: the most central sentences (closest to the cluster's centre in the embedding space, else
  sharing most keywords) of the most representative tickets, quoted: the customers' own words.
- Expected instead: the most central sentence that asks for something ("merci de", "je souhaite",
  "could you", ...), quoted; empty when no ticket asks for anything.
- Journey stage: the pipeline's stage guess when there is one, else "unclear". No confidence: it
  is not a judgement.
All inputs are redacted; sentences holding <PLACEHOLDER>s are used only when nothing else is left.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from analyser.stages.label.prompt import UNCLEAR, ClusterInput, LabelAnswer, Ticket, truncate

Embed = Callable[[Sequence[str]], np.ndarray]

# sentence ends: punctuation, line breaks, and (tickets often lack full stops) a lower-case word followed by a
# capitalised word that usually starts a sentence
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])\s+|\n+|(?<=[a-zà-ÿ0-9])\s+(?=(?:J'|J’|Je|Mon|Ma|Mes|Pouvez|Pourriez|Merci|Nous|Le|La|Les|Il|Elle|On|Depuis|"
    r"Suite|Cela|Ça|Quand|Comment|Pourquoi|Est-ce|My|We|Please|Could|Can|The|It)\b)"
)
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
_GAP_WORDS = r"de|du|des|la|le|les|l|d|en|à|au|aux|et|sur|par|pour|mon|ma|mes|votre|vos|son|sa|ses|of|the|for|to|on|in|and|my|your"
_TITLE_WORD = re.compile(r"[^\W_][^\s]*", re.UNICODE)
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*", re.UNICODE)
_FORMULA = re.compile(
    r"^\s*(bonjour|bonsoir|bjr|hello|hi|dear|madame|monsieur|cordialement|bien (à|a) vous|salutations|merci (d'avance|par avance|"
    r"pour votre retour|de votre retour)|je vous remercie|dans l'attente|best regards|kind regards|regards|thanks|thank you|"
    r"sent from|envoyé de|le .{0,60} a écrit|on .{0,60} wrote|objet de la demande|référence de mon dossier|mon numéro client|"
    r"je vous contacte au sujet|je vous écris au sujet|i am writing about|my customer number|my contract)",
    re.IGNORECASE,
)
_REQUEST = {
    "fr": re.compile(
        r"\b(je souhaite|je souhaiterais|j'aimerais|j’aimerais|je voudrais|je demande|je veux|nous souhaitons|merci de|"
        r"pourriez-vous|pouvez-vous|pouvez vous|il faudrait|je vous demande|je réclame|je reclame|remboursement|rembourser)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(r"\b(i would like|i'd like|i want|please|could you|can you|i expect|i need|i ask|refund)\b", re.IGNORECASE),
}
_GENERIC_SUBJECT = re.compile(
    r"^(urgent|\(sans objet\)|sans objet|re|tr|fwd?|demande|question|réclamation|reclamation|mon contrat|mon dossier|"
    r"contrat|dossier|information|infos?|relance|problème|probleme|help|request|complaint|my contract|autres?|divers|"
    r"autre demande|demande client|réclamation client|reclamation client|appel entrant|appel sortant|mon véhicule|"
    r"mon vehicule|suite|urgent svp|important|rappel client|appel client|appel|appel téléphonique|\?+|\.+)\W*$",
    re.IGNORECASE,
)
# words that say how a ticket was written (agents' call notes, placeholders of redacted data), not what it is about
_TITLE_NOISE = frozenset({
    "appelle", "appel", "client appelle", "cliente appelle", "appel client", "ticket créé", "ticket cree", "transmis", "dde",
    "back-office", "back office", "rappel demandé", "called", "customer called", "email", "phone", "name", "contract",
    "customer_id", "iban", "card", "plate", "vin", "address",
})
_TEXTS = {
    "fr": {"summary": "Ce que disent les clients ({size} tickets) : {quotes}", "expected": "Les clients demandent : {quote}",
           "open": "« ", "close": " »", "sep": " ; "},
    "en": {"summary": "What customers say ({size} tickets): {quotes}", "expected": "Customers ask: {quote}",
           "open": "“", "close": "”", "sep": "; "},
}
SUMMARY_SENTENCES = 3
TITLE_KEYWORDS = 5  # lower-ranked keywords are too often noise for a title
_MAX_SENTENCE_CHARS = 240


def extractive_label(cluster: ClusterInput, language: str, embed: Embed | None = None) -> LabelAnswer:
    """A readable label from the cluster's own words (centrality by embedding when `embed` and a centroid are given)."""
    texts = _TEXTS[language]
    sentences = candidate_sentences(cluster.tickets, language)
    scores = _centrality(sentences, cluster.keywords, cluster.centroid, embed)
    chosen = _pick_diverse(sentences, scores, SUMMARY_SENTENCES)
    quotes = texts["sep"].join(f"{texts['open']}{sentence}{texts['close']}" for sentence in chosen)
    summary = texts["summary"].format(size=cluster.size, quotes=quotes or "-")
    requests = [i for i, sentence in enumerate(sentences) if _REQUEST[language].search(sentence) or _REQUEST["fr"].search(sentence)]
    expected = None
    if requests:
        best = max(requests, key=lambda i: scores[i])
        expected = texts["expected"].format(quote=f"{texts['open']}{sentences[best]}{texts['close']}")
    return LabelAnswer(
        title=extractive_title(cluster.keywords, cluster.tickets, cluster.subject_counts, language, cluster.size),
        summary=truncate(summary, 1500),
        journey_stage=cluster.stage_guess or UNCLEAR,
        expected_instead=truncate(expected, 500) if expected else None,
        confidence=None,
    )


# ---------------------------------------------------------------- title


def extractive_title(
    keywords: Sequence[str], tickets: Sequence[Ticket], subjects: Sequence[tuple[str, int]] = (), language: str = "fr",
    size: int | None = None,
) -> str:
    """3 to 8 words: a subject customers use that shares a keyword, completed by keyword phrases as customers write them."""
    same_language = [t for t in tickets if (t.language or language) == language] or list(tickets)
    corpus = [f"{t.subject or ''}\n{t.text}" for t in same_language]
    head = _best_subject(subjects or Counter(t.subject.strip() for t in tickets if t.subject).most_common(), keywords)
    phrases = [(k, p) for k, p in _keyword_phrases(keywords, corpus) if p.lower() not in _TITLE_NOISE and k.lower() not in _TITLE_NOISE]
    parts = [head] if head else []
    covered = _stems(head or "")
    for rank, (keyword, phrase) in enumerate(phrases):
        count = sum(map(title_words, parts))
        enough = count >= 3 and (head is not None or len(parts) >= 2 or count >= 4)
        if enough and (rank >= TITLE_KEYWORDS or (head and len(parts) > 1) or len(parts) >= 3):
            break
        stems = _stems(phrase)
        if stems and not stems <= covered and not _stems(keyword) <= covered and count + title_words(phrase) <= 8:
            parts.append(phrase)
            covered |= stems
    if not parts:
        parts = list(keywords[:3]) or ["Tickets"]
    title = parts[0][:1].upper() + parts[0][1:]
    if len(parts) > 1:
        title += (" : " if head else ", ") + ", ".join(parts[1:])
    if title_words(title) < 3:  # too few distinctive words: say how many tickets rather than invent words
        title += f" ({size} tickets)" if size else (" (tickets divers)" if language == "fr" else " (various tickets)")
    return title


def _keyword_phrases(keywords: Sequence[str], corpus: Sequence[str]) -> list[tuple[str, str]]:
    """Each keyword as customers write it; a single word takes the form of a phrase keyword containing it when one is written."""
    forms = {keyword: surface_form(keyword, corpus) for keyword in keywords}
    phrases: list[tuple[str, str]] = []
    for keyword in keywords:
        phrase = forms[keyword]
        if " " not in keyword:
            longer = [forms[k] for k in keywords if " " in k and keyword in k.split() and forms[k]]
            phrase = longer[0] if longer else phrase  # None: a word of the other language's tickets only
        if phrase and phrase.lower() not in (p.lower() for _, p in phrases):
            phrases.append((keyword, phrase))
    return phrases


def title_words(text: str) -> int:
    """Words of a title, punctuation such as ':' not counted."""
    return len(_TITLE_WORD.findall(text))


def _best_subject(subjects: Sequence[tuple[str, int]], keywords: Sequence[str]) -> str | None:
    """The most used subject line that is not generic ("URGENT", "Mon contrat") and shares a keyword stem."""
    keyword_stems = set().union(*(_stems(k) for k in keywords[:6])) if keywords else set()
    grouped: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for subject, count in subjects:
        subject = re.sub(r"^(re|tr|fwd?)\s*:\s*", "", (subject or "").strip(), flags=re.IGNORECASE).strip()
        if subject.isupper():
            subject = subject.capitalize()
        if not subject or title_words(subject) > 6 or _GENERIC_SUBJECT.match(subject) or _PLACEHOLDER.search(subject):
            continue
        key = _strip_accents(subject.lower())
        grouped[key] += count
        spellings.setdefault(key, Counter())[subject] += count
    best, best_score = None, 0.0
    for key, count in grouped.items():
        overlap = len(_stems(key) & keyword_stems)
        if count < 2 or overlap == 0:
            continue
        score = count * (1 + overlap)
        if score > best_score:
            best, best_score = key, score
    if best is None:
        return None
    return max(spellings[best].items(), key=lambda item: (item[1], item[0] != _strip_accents(item[0])))[0]


def surface_form(keyword: str, texts: Sequence[str]) -> str | None:
    """How customers write a keyword: 'prélèvement double' -> 'prélèvement en double' (most common form, case kept).

    Only little function words may sit between the keyword's words; None when the phrase never occurs.
    """
    tokens = keyword.split()
    if not tokens:
        return None
    gap = rf"(?:[\s'’-]+(?:{_GAP_WORDS}))?[\s'’-]+"
    pattern = re.compile(r"(?<!\w)" + gap.join(re.escape(t) for t in tokens) + r"(?!\w)", re.IGNORECASE)
    forms = Counter(match.group(0) for text in texts for match in pattern.finditer(text))
    if not forms:
        return None
    by_lower: Counter[str] = Counter()
    for form, count in forms.items():
        by_lower[form.lower()] += count
    top = by_lower.most_common(1)[0][0]
    # the spelling people used most; ties go to the one with capitals (acronyms such as RIB, SMS)
    return max((form for form in forms if form.lower() == top), key=lambda form: (forms[form], form != form.lower()))


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _stem(word: str) -> str:
    word = _strip_accents(word.lower())
    return word[:6] if len(word) > 6 else word.rstrip("sx")


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if len(w) > 2}


# ---------------------------------------------------------------- summary


def candidate_sentences(tickets: Sequence[Ticket], language: str) -> list[str]:
    """Sentences worth quoting, from the tickets in the output language first (others only if too few)."""
    preferred = [t for t in tickets if (t.language or language) == language]
    sentences = _sentences(preferred)
    if len(sentences) < SUMMARY_SENTENCES:
        sentences += [s for s in _sentences([t for t in tickets if t not in preferred]) if s not in sentences]
    if not sentences:  # clusters of very short messages ("Hello? Anyone?") are quoted as they are
        sentences = _sentences(tickets, min_words=1)
    clean = [s for s in sentences if not _PLACEHOLDER.search(s)]
    return clean if len(clean) >= SUMMARY_SENTENCES else sentences


def _sentences(tickets: Sequence[Ticket], min_words: int = 5) -> list[str]:
    seen: set[str] = set()
    result = []
    for ticket in tickets:
        body = "\n".join(line for line in ticket.text.splitlines() if not line.lstrip().startswith(">"))
        for raw in _SENTENCE_END.split(body):
            sentence = re.sub(r"\s+", " ", raw).strip(" -*•")
            words = len(sentence.split())
            key = sentence.lower()
            if words < min_words or words > 45 or _FORMULA.match(sentence) or key in seen:
                continue
            if sentence[-1] not in ".!?…":
                sentence += "."
            seen.add(key)
            result.append(truncate(sentence[:1].upper() + sentence[1:], _MAX_SENTENCE_CHARS))
    return result


def _centrality(sentences: list[str], keywords: Sequence[str], centroid: np.ndarray | None, embed: Embed | None) -> np.ndarray:
    """Closeness to the cluster: cosine to the centroid when an embedder is given, plus shared keyword stems."""
    if not sentences:
        return np.zeros(0)
    keyword_stems = set().union(*(_stems(k) for k in keywords)) if keywords else set()
    overlap = np.array([len(_stems(s) & keyword_stems) for s in sentences], dtype=float)
    score = overlap / max(overlap.max(), 1.0) * 0.3
    if embed is not None and centroid is not None:
        vectors = np.asarray(embed(sentences), dtype=np.float32)
        centre = np.asarray(centroid, dtype=np.float32)
        centre = centre / max(float(np.linalg.norm(centre)), 1e-12)
        score = score + vectors @ centre
    return score


def _pick_diverse(sentences: list[str], scores: np.ndarray, count: int) -> list[str]:
    """The best sentences, skipping one that repeats the words of a sentence already chosen."""
    chosen: list[str] = []
    for index in np.argsort(-scores, kind="stable"):
        sentence = sentences[int(index)]
        words = _stems(sentence)
        if any(len(words & _stems(other)) > 0.6 * max(len(words), 1) for other in chosen):
            continue
        chosen.append(sentence)
        if len(chosen) == count:
            break
    return chosen
