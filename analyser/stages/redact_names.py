"""Person-name detection for the redaction stage: names after titles and cue phrases, known first names, form fields
and signature lines. Kept apart from redact.py because its word lists and line heuristics are about half the stage
and are tuned on their own (the NAME row of bench/redaction_quality.py), while redact.py keeps the pattern-based kinds.
"""

from __future__ import annotations

import re

from analyser.stages.clean import CLOSING_FORMULA
from analyser.stages.redact_patterns import CAPITALISED, UPPER, Spans, fold

_TITLE = (
    r"(?:[Mm]\.|[Mm](?:r|me|lle|rs|s)\b\.?|[Dd]r\b\.?|Me|M(?=[ \t][A-Z])"
    r"|(?i:ma(?:[îi]|&icirc;)tre|monsieur|madame|mademoiselle|docteur|miss|mister))"
)
_PARTICLES = frozenset("de du des da das do dos van von der den ben bin el al le la di del della".split())
_NAME_UNIT = rf"(?:(?:{'|'.join(sorted(_PARTICLES))})[ \t]+){{0,2}}(?:[dD][’'])?{CAPITALISED}"
_NAME_PAIR = rf"{_NAME_UNIT}(?:[ \t]+{_NAME_UNIT})?"
# The words after a cue sit in a lookahead so that a cue inside them ("M. Dupont et Mme Durand") is still seen.
_WORDS = r"(?=(?P<name>[^\W\d_][^\s,;:!?()<>\[\]\"]*(?:[ \t]+[^\s,;:!?()<>\[\]\"]+){0,4}))"
_SHORT_WORDS = r"(?P<name>[^\W\d_][^\s,;:!?()<>\[\]\"]*(?:[ \t]+[^\s,;:!?()<>\[\]\"]+){0,2})"
# How sure a cue is that a person follows: ANY takes capitalised words, and lowercase ones only from a known first
# name on; KNOWN needs a known first name; NAMED also takes unlisted lowercase words that do not read as ordinary ones.
ANY, KNOWN, NAMED = "any", "known", "named"
_PLAIN_LOWER = r"[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’\-][^\W\d_]+)*"
_NAME_CUES = tuple(
    (re.compile(pattern, re.MULTILINE), how_sure)
    for pattern, how_sure in (
        # Not "p. m." or "i. b. m.": spoken abbreviations in voice-assistant text.
        (rf"(?=[MmDd])(?<![\w\d])(?<!\d )(?<![a-z]\.)(?<![a-z]\.[ \t])(?P<title>{_TITLE})[ \t]+{_WORDS}", ANY),  # Mme Martin, m. benali
        (
            r"(?=[jJmMiItTdDaAsS])(?<![\w’'])(?i:j(?:e[ \t]+|['’][ \t]?|)suis|i[ \t]+am|i[’']m|this[ \t]+is|moi[ \t]*,?[ \t]+c[’']est"
            r"|de[ \t]+la[ \t]+part[ \t]+de|au[ \t]+nom[ \t]+de|in[ \t]+the[ \t]+name[ \t]+of|s[’']appelle|spoke[ \t]+(?:to|with))"
            rf"[ \t]+{_WORDS}",
            ANY,
        ),
        # Only a name follows these, whatever its case: "je m'appelle arjun traoré", "my name is tobiah wendt".
        (
            r"(?=[jJmMiI])(?<![\w’'])(?i:je[ \t]+m[’']appelle|mon[ \t]+nom[ \t]+est|my[ \t]+name[ \t]+is|my[ \t]+name[’']s"
            rf"|i[ \t]+am[ \t]+called|i[’']m[ \t]+called)[ \t]+{_WORDS}",
            NAMED,
        ),
        # "hi, this is tobiah from the fleet team": opening a message or a sentence, one or two words before "from"
        # introduce the writer; mid-sentence they rarely do ("I think this is money from my salary").
        (
            r"(?=[.!?hHgGiItT])(?:^|[.!?][ \t]+|(?<![\w])(?i:hi|hello|hey|good[ \t]+(?:morning|afternoon|evening))[ \t]*[,!.]?[ \t]*)"
            rf"(?i:i[ \t]+am|i[’']m|this[ \t]+is)[ \t]+(?P<name>{_PLAIN_LOWER}(?:[ \t]+{_PLAIN_LOWER})?)(?=[ \t]+from\b)",
            NAMED,
        ),
        (
            r"(?=[bBsShHdDcCmM])(?<![\w])(?i:bonjour|bonsoir|salut|hello|hi|hey|dear|cher|ch[èe]re|coucou|merci)[ \t]+"
            rf"{_SHORT_WORDS}(?=[ \t]*(?:[,!.:;]|$|<br))",  # Bonjour Karim,
            ANY,
        ),
        (
            r"(?=[cCaAiItTgGoOvVeEdDnN])(?<![\w])(?i:coll[èe]gue|conseill[eè]re?|agent|interlocut(?:eur|rice)|technicien(?:ne)?"
            r"|gestionnaire|commerciale?|op[ée]rat(?:eur|rice)|charg[ée]e?[ \t]+de[ \t]+(?:client[èe]le|dossier|recouvrement"
            r"|compte)|vendeu(?:r|se)|convoyeur|expert|d[ée]panneur|garagiste|advisor|adviser|colleague|representative)"
            rf"(?:,[ \t]+(?P<aside>[^\W\d_][^\s,;:!?()<>]*)(?=[ \t]*,)|,?[ \t]+{_WORDS})",  # le vendeur, wei, / votre conseillère Julie
            ANY,
        ),
        (rf"(?=[aAwW])(?<![\w])(?i:avec|with)[ \t]+{_SHORT_WORDS}", KNOWN),  # suite à mon échange avec anthony
        (
            r"(?=[jJ])(?<![\w])(?i:j['’]ai[ \t]+eu(?:[ \t]+au[ \t]+t[ée]l(?:[ée]phone)?\.?)?)[ \t]+"
            rf"{_SHORT_WORDS}",
            KNOWN,
        ),  # le conseiller que j'ai eu au tel guillaume
        (rf",[ \t]+{_SHORT_WORDS}(?=[ \t]*,)", KNOWN),  # le conseiller que j'ai eu, manon, a été aimable
    )
)
_NAME_TOKEN = re.compile(rf"(?=[{UPPER}])(?<![\w’'\-]){CAPITALISED}(?![\w’'])")
_FOLLOWING_NAME = re.compile(rf"[ \t]+(?P<name>{_NAME_PAIR})")
_WORD_BEFORE = re.compile(r"(\S+)[ \t]+$")
_LOWER_OR_COMMA = frozenset("abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ0123456789,;")
# First names that are also everyday words ("depuis Noël", "bleu Marine"): alone, they are not taken for a name.
_ALSO_COMMON_NOUNS = frozenset("noel marine constant aurore".split())
_BEFORE_PLACE = frozenset("a à en de sur vers pres près in at from to".split())  # "à Nancy" is a town
# Line-based cues work on raw text too, where <br> or <p> end lines and "> " marks quoted lines.
_LINE_BREAK = re.compile(r"\n|<br\s*/?>|</?(?:p|div|li|tr|td)\b[^>]*>", re.IGNORECASE)
_LINE_INDENT = re.compile(r"(?:[ \t\u00a0>]|&nbsp;|&gt;)*")
_LINE_WORD = re.compile(r"(?:(?!&nbsp;)[^\s,;:!?()<>\[\]\"])+")
_FIELD_LABEL = re.compile(
    r"(?i:pr(?:[ée]|&eacute;)nom|nom(?: de famille| du titulaire)?|(?:first |last |full |sur)?name|titulaire|conducteur)"
    r"(?:[ \t]|&nbsp;)*:(?:[ \t]|&nbsp;)*"
)  # Nom : DUPONT / Prénom : Jean
_CHAT_SPEAKER = re.compile(r"(?P<name>[^\W\d_][^():<>\n]{0,40}?)[ \t]*\([^()\n]{1,30}\)[ \t]*:")  # Julie (FinAuto) :
_CLOSING_AT_END = re.compile(
    rf"(?i:{CLOSING_FORMULA}|merci|je vous remercie|dans l['’]attente de votre (?:r[ée]ponse|retour)|distingu[ée]e?s"
    r"|many thanks|thank you|best|cheers|bien [àa] vous)[ \t]*[,.!]*[ \t]*$"
)
_LAST_WORD = re.compile(r"[\w-]+(?=[ \t,.!]*$)")  # "avance" in "merci d'avance"
_CLOSING_LAST_WORDS = frozenset(
    "cordialement cdlt cdt vous toi salutations distinguees distingues avance journee soiree regards thanks thank you "
    "sincerely merci remercie reponse retour best cheers --".split()
)
_SIGNATURE_DASH = re.compile(r"[—–][ \t]*")  # "— arjun patel", or a dash alone above the name
_CLOSING_THEN_NAME = re.compile(rf"(?i:{CLOSING_FORMULA})[ \t]*[,.]?[ \t]+")  # Cordialement, Karim
# What follows a signature name: contact details, a job title, or the start of a quoted previous message.
_AFTER_SIGNATURE = re.compile(
    r"(?i:\+?\d[\d .\-()]{7,}|\d{1,4},? |\S*@|t(?:[ée]|&eacute;)l|tel|mob|port|gsm|phone|e-?mail|le .{0,80}(?:[ée]crit|\d{4})|on .{0,80}"
    r"(?:wrote|\d{4})|-{2,}|_{5,}|de ?:|from ?:|envoy[ée]|sent |responsable|directeur|directrice|g[ée]rant|dirigeant"
    r"|manager|conseill|fleet|head of|sarl|sas|eurl|soci[ée]t[ée])"
)
_TITLE_WORD = re.compile(_TITLE)
_INITIAL = re.compile(rf"[{UPPER}]\.")
_CAPITALISED_WORD = re.compile(CAPITALISED)
_PLAIN_WORD = re.compile(r"(?:o['’])?[^\W\d_]+(?:-[^\W\d_]+)*")  # not "j'ai", "l'agent"; but "o'brien"
_NAME_LINE = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'’\-])*[,.!]*")
_SURNAME_FIRST_NAME = re.compile(rf"[{UPPER}]{{3,}}[ \t]+[{UPPER}][^\W\d_{UPPER}]{{2,}}|[{UPPER}][^\W\d_{UPPER}]{{2,}}[ \t]+[{UPPER}]{{3,}}")
# Capitalised words that are not person names: sentence starters, greetings, titles, calendar words, brands,
# models and company words common in leasing tickets. Compared lowercase without accents.
_NOT_NAMES = frozenset(
    fold(word)
    for word in """
    le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur
    leurs je j tu il elle on nous vous ils elles me moi toi lui eux y en et ou mais donc or ni car si que qu qui quoi
    quand comme pour par avec sans dans sur sous chez vers depuis pendant apres avant lors suite selon malgre entre
    concernant ci-joint voici voila aussi alors puis enfin encore toujours jamais pas plus tres tout tous toute toutes
    bien bon bonne oui non ok merci bonjour bonsoir salut hello hi hey dear cher chere cordialement cdlt cdt
    salutations regards thanks thank best kind sincerely the a an i we you he she they my our your his her their this
    that it is are was please sorry yes no and or but if when then from to for with of on in at by as help svp stp cheers
    monsieur madame mademoiselle messieurs mesdames m mr mme mlle mrs ms dr me maitre docteur miss mister sir
    client cliente clients service services support equipe team direction directeur directrice responsable agent
    conseiller conseillere gestionnaire technicien entreprise agence garage concession concessionnaire
    contrat dossier objet ref reference numero facture facturation echeance paiement prelevement loyer loyers
    vehicule voiture assurance sinistre restitution reclamation demande urgent important rappel relance attestation
    mandat message visiteur moi-meme customer care dirigeant gerant
    a ai as est etait avait sera ont sont fait dit peut doit va veut voudrait souhaite appelle indique signale
    explique confirme precise rappelle conteste attend informe affirme declare ajoute reclame refuse accepte
    pense estime trouve recontacte envoie transmet passe vient ne se
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre
    octobre novembre decembre monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    finauto peugeot renault citroen ds tesla toyota volkswagen vw bmw audi mercedes mercedes-benz kia hyundai dacia
    fiat ford opel nissan skoda seat cupra volvo mini jeep alfa romeo lancia mazda honda suzuki mitsubishi lexus
    porsche jaguar land rover mg byd polestar smart alpine stellantis mobilize leasys arval ald ayvens leaseplan
    europ assistance allianz axa macif maif maaf matmut groupama generali mma gmf covea banque credit agricole
    mutuel societe generale bnp paribas lcl cic boursorama caisse epargne postale poste orange sfr bouygues free
    clio megane captur zoe twingo kangoo scenic austral arkana espace laguna kadjar koleos leon ibiza arona ateca
    golf polo tiguan passat touran id yaris corolla aygo chr rav4 juke qashqai micra model jazz ami
    sav loa lld rib iban bic tva ttc ht pv rdv sms pdf gps cb rgpd cnil ants siv ct km kms eur euros n no nr
    france europe cedex nord sud ouest centre sas sasu sarl eurl sa sci snc ltd gmbh inc
    demain hier aujourd'hui semaine mois jour jours an ans annee matin soir midi minuit heure heures
    deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente cent mille
    """.split()
)
# Lowercase words that follow "my name is", "I am ... from" or a signature dash without being names; with the
# verb and adverb endings below, they keep "my name is misspelled" and "I am back from holiday" readable.
_NOT_NAMES_AFTER_CUE = frozenset(
    fold(word)
    for word in """
    not still also just now here there back away far home sent misspelled misspelt spelled spelt wrong correct
    right different missing listed shown written printed same already currently really very so too beyond being been
    on in at under over only actually definitely originally new money cash salary income fraud spam
    mal ecrit orthographie incorrect errone faux inscrit indique mentionne pareil rien meme idem deja bientot
    """.split()
)
_VERB_OR_ADVERB = re.compile(r"...ing$|....ed$|...ly$|....ment$")  # calling, spelled, wrongly, vraiment


def name_spans(text: str, first_names: frozenset[str]) -> Spans:
    """Spans of person names: after titles and cue phrases, around known first names, in form fields and signatures."""
    for cue, how_sure in _NAME_CUES:
        for match in cue.finditer(text):
            found = match.groupdict()
            if found.get("aside"):  # a single word set off by commas after a role is a name, whatever its case
                span = _person_name(text, *match.span("aside"), first_names, whole=True, lenient=True)
            else:
                # "mme roux" written all lowercase: the surname may be too; "Monsieur pourrait" is no name.
                lenient = (found.get("title") or "M")[0].islower()
                span = _person_name(
                    text, *match.span("name"), first_names, known=how_sure == KNOWN, named=how_sure == NAMED, lenient=lenient
                )
            if span:
                yield span
    yield from _first_name_spans(text, first_names)
    yield from _line_name_spans(text, first_names)


def _name_end(text: str, start: int, end: int) -> int | None:
    """End of the leading capitalised name words of text[start:end] (up to the first word that is no name), or None."""
    last = None
    for token in _NAME_TOKEN.finditer(text, start, end):
        folded = fold(token.group())
        if folded in _PARTICLES:
            continue  # "Le" in "M. Le Goff" belongs to the name
        if folded in _NOT_NAMES:
            break
        last = token.end()
    return last


def _first_name_spans(text: str, first_names: frozenset[str]) -> Spans:
    """Known first names followed by a surname, preceded by an all-caps surname, or alone mid-sentence."""
    previous = None
    for token in _NAME_TOKEN.finditer(text):
        folded = fold(token.group())
        if folded in first_names or folded.split("-")[0] in first_names:
            following = _FOLLOWING_NAME.match(text, token.end())
            end = following and _name_end(text, following.start("name"), following.end("name"))
            if end:
                yield token.start(), end
            elif previous and _is_caps_surname_before(text, previous, token):
                yield previous.start(), token.end()  # DUPONT Jean
            elif folded not in _NOT_NAMES and folded not in _ALSO_COMMON_NOUNS and _is_mid_sentence(text, token.start()):
                yield token.span()  # "j'ai eu Karim au téléphone"
        previous = token


def _is_caps_surname_before(text: str, previous: re.Match[str], token: re.Match[str]) -> bool:
    word = previous.group()
    return len(word) > 1 and word.isupper() and text[previous.end() : token.start()].isspace() and fold(word) not in _NOT_NAMES


def _is_mid_sentence(text: str, start: int) -> bool:
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    word = before.group(1) if before else ""
    # After a capitalised word the first name is part of a proper noun ("concession Toyota Nancy Nord").
    return bool(word) and word[-1] in _LOWER_OR_COMMA and not word[0].isupper() and word not in _BEFORE_PLACE


def _line_name_spans(text: str, first_names: frozenset[str]) -> Spans:
    """Names in form fields, chat speaker labels and signature lines (after a closing, or before contact details)."""
    lines = _content_lines(text)
    for index, (start, end) in enumerate(lines):
        labelled = text.find(":", start, end) >= 0  # cheap test first: most lines have no label
        if labelled and (label := _FIELD_LABEL.match(text, start, end)):
            span = _person_name(text, label.end(), end, first_names, lenient=True)
        elif labelled and (speaker := _CHAT_SPEAKER.match(text, start, end)):
            span = _person_name(text, start, speaker.end("name"), first_names, whole=True)
        elif closing := _CLOSING_THEN_NAME.match(text, start, end):
            span = _person_name(text, closing.end(), end, first_names, whole=True, lenient=True)
        elif _SURNAME_FIRST_NAME.fullmatch(text, start, end):
            span = _person_name(text, start, end, first_names, whole=True)  # a line that is just "MARTINEZ Agnès"
        elif index and (dash := _SIGNATURE_DASH.match(text, start, end)) and dash.end() < end:
            # "— arjun patel" at the end or above contact details; not an item of a dash list.
            at_end = index == len(lines) - 1 or _AFTER_SIGNATURE.match(text, *lines[index + 1])
            in_list = _SIGNATURE_DASH.match(text, *lines[index - 1])
            span = _person_name(text, dash.end(), end, first_names, whole=True, named=True) if at_end and not in_list else None
        elif index and _NAME_LINE.fullmatch(text, start, end):
            # A lone line that is the whole text is a subject ("Révision"), not a signature.
            signed = _ends_with_closing(text, *lines[index - 1]) or bool(_SIGNATURE_DASH.fullmatch(text, *lines[index - 1]))
            last = index == len(lines) - 1
            span = _person_name(text, start, end, first_names, whole=True, lenient=signed)
            if not (signed or last or _AFTER_SIGNATURE.match(text, *lines[index + 1])):
                span = None
        else:
            span = None
        if span:
            yield span


def _ends_with_closing(text: str, start: int, end: int) -> bool:
    last_word = _LAST_WORD.search(text, max(start, end - 30), end)
    # The regex is slow to slide along a line, so it only runs when the last word can end a closing formula.
    return bool(last_word) and fold(last_word.group()) in _CLOSING_LAST_WORDS and bool(
        _CLOSING_AT_END.search(text, max(start, end - 50), end)
    )


def _content_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its indent, quote marks or trailing spaces."""
    breaks = _LINE_BREAK.finditer(text) if "<" in text else re.finditer("\n", text)  # plain text: cheaper scan
    lines = []
    position = 0
    for line_break in [*breaks, None]:
        end = line_break.start() if line_break else len(text)
        start = _LINE_INDENT.match(text, position, end).end()
        content = text[start:end].rstrip()
        if content:
            lines.append((start, start + len(content)))
        position = line_break.end() if line_break else end
    return lines


def _person_name(
    text: str, start: int, end: int, first_names: frozenset[str], *, whole: bool = False, known: bool = False,
    named: bool = False, lenient: bool = False,
) -> tuple[int, int] | None:
    """Span of the person name that opens text[start:end] (that fills it, when whole), or None.

    Lowercase words count only as a known first name and the word after it, or when lenient (after a title, or in
    a signature line) as the first word, or as every word of a whole line; when named (after "my name is"), as any
    word that does not read as an ordinary one.
    """
    words = list(_LINE_WORD.finditer(text, start, end))
    while words and _TITLE_WORD.fullmatch(words[0].group()):
        title = words.pop(0).group()
        lenient = lenient or title[0].islower()
    if whole and len(words) == 2 and words[0].group().islower() and fold(words[1].group()) in first_names:
        lenient = True  # "dupont jean": surname first
    first = last = None
    lowercase_first_name = False
    for count, word in enumerate(words):
        token = word.group().rstrip(".") if len(word.group()) > 2 else word.group()
        folded = fold(token)
        known_first_name = folded in first_names or folded.split("-")[0] in first_names
        is_name_word = True
        if last is None and known and not known_first_name:
            accepted = False
        elif folded in _PARTICLES and count + 1 < len(words):
            accepted, is_name_word = True, False
        elif _INITIAL.fullmatch(token):
            accepted = True
        elif _CAPITALISED_WORD.fullmatch(token):
            accepted = folded not in _NOT_NAMES and folded not in _NOT_NAMES_AFTER_CUE  # not "I AM MISSING CASH"
        else:  # lowercase: "je suis anne lemoine", "mme roux"
            plain = _PLAIN_WORD.fullmatch(token) and folded not in _NOT_NAMES
            if named and not known_first_name:
                plain = plain and folded not in _NOT_NAMES_AFTER_CUE and not _VERB_OR_ADVERB.search(folded)
            accepted = bool(plain) and (known_first_name or lowercase_first_name or named or (lenient and (whole or last is None)))
            lowercase_first_name = last is None and known_first_name
        if not accepted or count >= 4:
            if whole:
                return None
            break
        first = word.start() if first is None else first
        if is_name_word:
            last = word.start() + len(token)
    return (first, last) if last is not None else None
