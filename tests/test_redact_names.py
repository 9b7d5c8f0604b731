"""Names written in lower case after a self-introduction or in a signature are redacted; everyday phrases are not."""

from __future__ import annotations

import pytest

from analyser.stages.redact import compile_rules, redact

RULES = compile_rules()


def redacted(text: str) -> str:
    return redact(text, RULES).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je suis anja boulanger, deja cliente chez vous", "je suis <NAME>, deja cliente chez vous"),
        ("je m'appelle arjun traoré et j'habite à avignon", "je m'appelle <NAME> et j'habite à avignon"),
        ("my name is john smith", "my name is <NAME>"),
        ("my name is ingrid hughes and i have a contract", "my name is <NAME> and i have a contract"),
        ("moi c'est karim, j'ai un souci", "moi c'est <NAME>, j'ai un souci"),
        ("hi, I'm dave, my card is blocked", "hi, I'm <NAME>, my card is blocked"),
        ("I am priya sharma and my card was declined", "I am <NAME> and my card was declined"),
        ("hello this is fiona from accounting", "hello this is <NAME> from accounting"),
    ],
)
def test_lowercase_names_after_a_self_introduction(text: str, expected: str) -> None:
    assert redacted(text) == expected


def test_known_first_name_of_the_agent_after_a_call() -> None:
    text = "le conseiller que j'ai eu au tel guillaume a été aimable"
    assert redacted(text) == "le conseiller que j'ai eu au tel <NAME> a été aimable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names in no list: the cue itself ("je m'appelle", "my name is") or the words after them say it is a name.
        ("je m'appelle zébulon quignard, merci", "je m'appelle <NAME>, merci"),
        ("mon nom est quignard", "mon nom est <NAME>"),
        ("My name is tobiah wendt and I need help", "My name is <NAME> and I need help"),
        ("hi, this is tobiah from the fleet team", "hi, this is <NAME> from the fleet team"),
    ],
)
def test_unlisted_lowercase_names_after_an_unambiguous_cue(text: str, expected: str) -> None:
    assert redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "je suis très déçu par votre service",
        "je suis client depuis 2019",
        "je suis en colère, personne ne répond",
        "je suis allé au garage hier",
        "j'ai eu un souci avec le garage",
        "j'ai eu au tel un conseiller",
        "moi c'est pareil, toujours rien",
        "I am waiting for my refund",
        "I am still waiting",
        "I'm not happy with this",
        "this is beyond frustrating",
        "this is my second request",
        "I am calling from my car",
        "I am back from holiday",
        "I'm writing from abroad",
        "this is sent from my phone",
        "I think this is money from my salary",
        "This is cash from abroad, why is it pending?",
        "I'm being debited from two accounts",
        "I am locked out from my app",
        "My name is misspelled on the contract",
        "I AM MISSING CASH FROM MY ACCOUNT",
        "my name is wrong on the invoice",
        "mon nom est mal écrit sur la facture",
        "je m'appelle pas comme ça",
    ],
)
def test_everyday_phrases_after_a_cue_stay(text: str) -> None:
    assert redacted(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le dossier avance.\n— arjun patel", "Le dossier avance.\n— <NAME>"),
        ("Le dossier avance.\n—\ntobiah wendt", "Le dossier avance.\n—\n<NAME>"),
        ("Merci d'avance\ngwenaëlle klein", "Merci d'avance\n<NAME>"),
        ("Merci d'avance,\ntobiah wendt\nSent from my iPhone", "Merci d'avance,\n<NAME>\nSent from my iPhone"),
        ("Bien à vous,\nanja boulanger", "Bien à vous,\n<NAME>"),
        ("Regards,\nkatarzyna smith\nSent from my iPhone", "Regards,\n<NAME>\nSent from my iPhone"),
        ("what should i do?\n\nkatarzyna smith", "what should i do?\n\n<NAME>"),
        ("please reconsider.\nfiona schmidt", "please reconsider.\n<NAME>"),
        ("Thanks, tobiah", "Thanks, <NAME>"),
    ],
)
def test_lowercase_names_in_signatures(text: str, expected: str) -> None:
    assert redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "À faire :\n- changer les pneus\n- vérifier les freins",
        "Le dossier avance.\n— rien de nouveau depuis",
        "Merci d'avance\nà bientôt",
        "Thanks\nhelp please",
    ],
)
def test_signature_look_alikes_stay(text: str) -> None:
    assert redacted(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("annuler mes trois p. m. alarme", "annuler mes trois p. m. alarme"),  # spoken "p.m.", not "M. Alarme"
        ("est-ce que i. b. m. debout aujourd'hui", "est-ce que i. b. m. debout aujourd'hui"),
        ("rappelle-moi à huit p.m. de faire la lessive", "rappelle-moi à huit p.m. de faire la lessive"),
        ("créer une réunion avec paul demain à six heures", "créer une réunion avec <NAME> demain à six heures"),
    ],
)
def test_spoken_abbreviations_and_dates_are_not_names(text: str, expected: str) -> None:
    assert redacted(text) == expected
