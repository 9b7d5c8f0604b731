"""Text cleaning: ticket bodies as a human would read them (no HTML, quoted replies or signatures)."""

from __future__ import annotations

import html
import re

_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:]*(?:\s[^<>]*)?/?>")
# Only these prove the text is HTML; "<jean@x.fr>" or "prix < 300" must not.
_KNOWN_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|li|ul|ol|table|tbody|thead|tr|td|th|b|i|u|em|strong|a|font|html|body|head|"
    r"img|hr|h[1-6]|blockquote|style|script|meta|title|center|o:p|pre|sup|sub)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_DROPPED_ELEMENT = re.compile(r"<(script|style|head|title)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"<(?:br|/?p|/?div|li|/li|/?tr|/?h[1-6]|/?ul|/?ol|/?table|hr)\b[^>]*>", re.IGNORECASE)
_BLOCKQUOTE_TAG = re.compile(r"<(/?)blockquote\b[^>]*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")

_INLINE_SPACE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_BLANK_LINES = re.compile(r"\n{3,}")
_HTML_BLANK_LINES = re.compile(r"\n\s*\n")

_WROTE_FR = re.compile(r"^Le\b.{0,240}\ba\s+[ée]crit\s*:?$", re.IGNORECASE)
_WROTE_EN = re.compile(r"^On\b.{0,240}\bwrote\s*:?$", re.IGNORECASE)
_ORIGINAL_MESSAGE = re.compile(
    r"^-{2,}\s*(?:message d['’]origine|original message|message transf[ée]r[ée]|forwarded message"
    r"|mail transf[ée]r[ée])\s*-{2,}|^_{10,}$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^\**(?:De|From)\s?\**\s?:\s?\**\s*\S", re.IGNORECASE)
_HEADER_NEXT = re.compile(r"^\**(?:Envoy[ée]|Sent|Date|[ÀA]|To|Cc|Objet|Subject)\s?\**\s?:", re.IGNORECASE)

_SENT_FROM_DEVICE = re.compile(
    r"^(?:envoy[ée] (?:de|depuis|[àa] partir de) (?:mon|ma|outlook|yahoo|gmail|mail)\b.{0,40}"
    r"|sent from (?:my|outlook|yahoo|mail)\b.{0,40}|get outlook for .{1,30}"
    r"|obtenir outlook pour .{1,30}|t[ée]l[ée]charger outlook pour .{1,30})$",
    re.IGNORECASE,
)
# Shared with redact.py, which looks for a signature name right after such a line.
CLOSING_FORMULA = (
    r"(?:(?:bien |tr[èe]s |tr[èe]s bien )?cordialement|cdl?t|bien [àa] (?:vous|toi)|salutations(?: distingu[ée]es)?"
    r"|sinc[èe]res salutations|merci (?:d['’]avance|par avance)|bonne (?:journ[ée]e|soir[ée]e)"
    r"|(?:best |kind |warm )?regards|thanks?(?: you)?(?: in advance)?|many thanks|sincerely|--)"
)
_CLOSING = re.compile(CLOSING_FORMULA, re.IGNORECASE)
_CLOSING_TAIL = re.compile(r"[\s,.!;:]*")
_SENTENCE_START = re.compile(
    r"(?:je|j['’]|nous|vous|il|elle|on|merci de|pouvez|pourriez|i|we|you|please|can|could|p\.? ?s)\b", re.IGNORECASE
)
# Contact-form fields that identify the sender but say nothing about the problem; kept out of the
# text so clustering groups tickets by what they say, not by the form they came through.
_FORM_FIELD = re.compile(
    r"^(?:civilit[ée]|titre|nom(?: de famille)?|pr[ée]nom|e-?mail|courriel|adresse(?: e-?mail| postale)?|code postal|ville"
    r"|t[ée]l[ée]phone|t[ée]l\.?|portable|mobile|n°\s*(?:de\s*)?(?:contrat|client|dossier)|num[ée]ro (?:de )?(?:contrat|client|dossier)"
    r"|r[ée]f[ée]rence (?:contrat|client)|date de naissance|immatriculation|(?:first |last |full )?name|phone(?: number)?"
    r"|contract (?:number|no\.?)|customer (?:number|id))\s*:",
    re.IGNORECASE,
)
_FORM_MESSAGE_LABEL = re.compile(r"^(?:message|votre message|your message|description)\s*:\s*$", re.IGNORECASE)
_MAX_SIGNATURE_LINES = 4
_MAX_SIGNATURE_LINE_CHARS = 80
_MAX_SIGNATURE_LINE_WORDS = 10


def clean_ticket_text(raw: str) -> str:
    """Plain text a human would read: HTML stripped, entities unescaped, quoted previous replies and
    signature blocks removed where detectable, whitespace normalised."""
    text = html_to_text(raw) if _KNOWN_HTML_TAG.search(raw) else _ENTITY.sub(lambda m: html.unescape(m.group()), raw)
    lines = normalised_lines(text)
    lines = without_form_fields(lines)
    lines = without_quoted_replies(lines)
    lines = without_signature(lines)
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment: block tags become line breaks, blockquote lines get a '> ' prefix."""
    markup = _DROPPED_ELEMENT.sub("", markup)
    parts, depth, position = [], 0, 0
    for tag in _BLOCKQUOTE_TAG.finditer(markup):
        parts.append((depth, markup[position : tag.start()]))
        depth = max(0, depth + (-1 if tag.group(1) else 1))
        position = tag.end()
    parts.append((depth, markup[position:]))
    return "\n".join(_quoted(_fragment_text(fragment)) if level else _fragment_text(fragment) for level, fragment in parts)


def _fragment_text(fragment: str) -> str:
    fragment = _BLOCK_TAG.sub("\n", fragment)
    # "</p><p>" and "</li><li>" would otherwise leave blank lines between every paragraph or item.
    return _HTML_BLANK_LINES.sub("\n", html.unescape(_HTML_TAG.sub("", fragment)))


def _quoted(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n") if line.strip())


def normalised_lines(text: str) -> list[str]:
    """Lines with unified line breaks, invisible characters removed and inner whitespace collapsed."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]


def without_form_fields(lines: list[str]) -> list[str]:
    """Drop a web form's identity fields (two or more 'Nom : ...' lines) and its bare 'Message :' label."""
    if sum(1 for line in lines if _FORM_FIELD.match(line)) < 2:
        return lines
    return [line for line in lines if not _FORM_FIELD.match(line) and not _FORM_MESSAGE_LABEL.match(line)]


def without_quoted_replies(lines: list[str]) -> list[str]:
    """Lines before the first quoted previous message, minus '>' lines; unchanged if nothing would remain."""
    kept = lines[: _quote_start(lines)]
    kept = [line for line in kept if not line.startswith(">")]
    return kept if _has_words(kept) else lines


def _quote_start(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        two_lines = f"{line} {lines[index + 1]}" if index + 1 < len(lines) else line
        if line.startswith(("Le ", "le ")) and (_WROTE_FR.match(line) or _WROTE_FR.match(two_lines)):
            return index
        if line.startswith(("On ", "on ")) and (_WROTE_EN.match(line) or _WROTE_EN.match(two_lines)):
            return index
        if _ORIGINAL_MESSAGE.match(line) or (_HEADER_FROM.match(line) and _has_header_next(lines, index)):
            return index
    return len(lines)


def _has_header_next(lines: list[str], index: int) -> bool:
    return any(_HEADER_NEXT.match(line) for line in lines[index + 1 : index + 5])


def without_signature(lines: list[str]) -> list[str]:
    """Lines without 'sent from my phone' lines and without a closing formula followed by a short signature."""
    lines = [line for line in lines if not _SENT_FROM_DEVICE.match(line)]
    closing = _signature_start(lines)
    if closing is None:
        return lines
    kept = lines[:closing]
    return kept if _has_words(kept) else lines


def _signature_start(lines: list[str]) -> int | None:
    """Index of the earliest closing line followed only by a few short lines, or None."""
    filled = [index for index, line in enumerate(lines) if line]
    start = None
    for position in range(len(filled) - 1, max(-1, len(filled) - 2 - _MAX_SIGNATURE_LINES), -1):
        index = filled[position]
        if _is_closing_line(lines[index]):
            start = index
        elif not _looks_like_signature_line(lines[index]):
            break
    return start


def _looks_like_signature_line(line: str) -> bool:
    # Names, phones and addresses are short and say nothing; a question or a sentence with a subject is body text.
    return (
        len(line) <= _MAX_SIGNATURE_LINE_CHARS
        and len(line.split()) <= _MAX_SIGNATURE_LINE_WORDS
        and not line.endswith(("?", "!"))
        and not _SENTENCE_START.match(line)
    )


def _is_closing_line(line: str) -> bool:
    match = _CLOSING.match(line)
    return bool(match) and _CLOSING_TAIL.fullmatch(line, match.end()) is not None


def _has_words(lines: list[str]) -> bool:
    return any(any(char.isalnum() for char in line) for line in lines)
