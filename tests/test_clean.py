"""Cleaning keeps what the customer wrote and drops markup, quoted replies and signatures."""

from __future__ import annotations

import pytest

from analyser.stages.clean import clean_ticket_text


def test_html_becomes_readable_lines() -> None:
    raw = (
        "<html><head><style>p {color: red}</style></head><body><p>Bonjour,</p><p>Ma voiture est imm&eacute;bilis&eacute;e"
        "&nbsp;depuis lundi.<br>Pouvez-vous m&#39;aider&nbsp;?</p><ul><li>contrat LOA</li><li>r&eacute;paration</li></ul>"
        "<script>alert('x')</script></body></html>"
    )
    assert clean_ticket_text(raw) == (
        "Bonjour,\nMa voiture est immébilisée depuis lundi.\nPouvez-vous m'aider ?\ncontrat LOA\nréparation"
    )


@pytest.mark.parametrize(
    "plain",
    [
        "Le prix < 300 euros et > 200 euros, c'est correct ?",
        "Répondre à Jean <jean.dupont@gmail.com> svp",
        "Les caractères a<b et R&D restent.",
    ],
)
def test_text_without_real_tags_is_not_treated_as_html(plain: str) -> None:
    assert clean_ticket_text(plain) == plain


def test_entities_in_plain_text_are_unescaped() -> None:
    assert clean_ticket_text("Facture re&ccedil;ue, montant &gt; 300&euro;") == "Facture reçue, montant > 300€"


def test_french_quoted_reply_is_cut_even_when_the_header_wraps() -> None:
    raw = (
        "Je n'ai toujours pas reçu mon échéancier.\n\n"
        "Le 12/09/2026 à 10:14, Service Client FinAuto <service@finauto.fr> a\nécrit :\n"
        "> Bonjour, nous revenons vers vous.\n> Cordialement"
    )
    assert clean_ticket_text(raw) == "Je n'ai toujours pas reçu mon échéancier."


def test_gmail_style_french_header_on_one_line() -> None:
    raw = "Merci pour votre retour rapide.\nLe lun. 14 sept. 2026 à 09:02, <contact@finauto.fr> a écrit :\nVotre dossier..."
    assert clean_ticket_text(raw) == "Merci pour votre retour rapide."


def test_english_quoted_reply_is_cut() -> None:
    raw = "The direct debit failed again.\nOn Mon, 12 Oct 2026 at 10:14, FinAuto Support <support@finauto.fr> wrote:\n> Dear customer"
    assert clean_ticket_text(raw) == "The direct debit failed again."


@pytest.mark.parametrize(
    "header",
    [
        "-----Message d'origine-----\nDe : FinAuto\nEnvoyé : lundi 12 octobre 2026 10:14",
        "-----Original Message-----\nFrom: FinAuto",
        "De : Service Client <service@finauto.fr>\nEnvoyé : lundi 12 octobre 2026 10:14\nÀ : moi\nObjet : Votre contrat",
        "From: FinAuto Support\nSent: Monday, October 12, 2026 10:14 AM\nTo: me\nSubject: Your contract",
    ],
)
def test_outlook_headers_start_the_quoted_part(header: str) -> None:
    raw = f"Je conteste les frais de restitution.\n\n{header}\n\nAncien message de l'agence."
    assert clean_ticket_text(raw) == "Je conteste les frais de restitution."


def test_quoted_lines_are_dropped_but_the_answer_below_them_stays() -> None:
    raw = "> Pouvez-vous confirmer votre adresse ?\n> Merci\nOui, elle n'a pas changé."
    assert clean_ticket_text(raw) == "Oui, elle n'a pas changé."


def test_html_blockquote_is_treated_as_a_quote() -> None:
    raw = "<div>Toujours pas de réponse.</div><blockquote><div>Bonjour, votre demande est en cours.</div></blockquote>"
    assert clean_ticket_text(raw) == "Toujours pas de réponse."


def test_a_message_that_is_only_a_quote_is_kept() -> None:
    raw = "Le 12/09/2026 à 10:14, Service Client <service@finauto.fr> a écrit :\n> Votre dossier est clos."
    assert "Votre dossier est clos." in clean_ticket_text(raw)


def test_signature_after_closing_is_removed() -> None:
    raw = (
        "Bonjour,\nJe souhaite modifier la date de prélèvement.\n\nCordialement,\n"
        "Jean Dupont\n06 12 34 56 78\n12 rue Victor Hugo\n75011 Paris"
    )
    assert clean_ticket_text(raw) == "Bonjour,\nJe souhaite modifier la date de prélèvement."


@pytest.mark.parametrize("closing", ["Cdlt", "Bien à vous", "Merci d'avance.", "Best regards,", "Thanks", "--", "Salutations"])
def test_each_closing_formula_starts_a_signature(closing: str) -> None:
    assert clean_ticket_text(f"Le véhicule est prêt.\n{closing}\nKarim B.") == "Le véhicule est prêt."


def test_sent_from_phone_lines_are_removed() -> None:
    raw = "Je confirme le rendez-vous.\n\nEnvoyé de mon iPhone"
    assert clean_ticket_text(raw) == "Je confirme le rendez-vous."
    assert clean_ticket_text("OK for Monday.\nSent from my Samsung Galaxy smartphone.") == "OK for Monday."
    assert clean_ticket_text("Toujours rien.\n\nEnvoyé à partir de Outlook pour Android") == "Toujours rien."
    assert clean_ticket_text("Envoyé depuis 3 semaines.\nAucune réponse.") == "Envoyé depuis 3 semaines.\nAucune réponse."


def test_merci_inside_the_body_is_kept() -> None:
    raw = "Merci de me rappeler.\nLe prélèvement a échoué deux fois.\nMerci"
    assert clean_ticket_text(raw) == raw


def test_closing_followed_by_a_long_paragraph_is_not_a_signature() -> None:
    raw = (
        "Cordialement,\nJe rajoute que le garage m'a facturé la franchise alors que mon contrat prévoit une "
        "prise en charge totale des réparations pendant trois ans."
    )
    assert clean_ticket_text(raw) == raw


@pytest.mark.parametrize("after", ["Pouvez-vous me rappeler ?", "Je passe à l'agence demain.", "Vous avez mon accord."])
def test_closing_followed_by_a_sentence_is_not_a_signature(after: str) -> None:
    raw = f"Le dossier est incomplet.\nMerci d'avance\n{after}"
    assert clean_ticket_text(raw) == raw


def test_whitespace_is_normalised() -> None:
    raw = "  Bonjour\t\t tout   le\u00a0monde  \r\n\r\n\r\n\r\nSuite\u200b de   la demande  \n\n"
    assert clean_ticket_text(raw) == "Bonjour tout le monde\n\nSuite de la demande"


def test_empty_and_markup_only_input_gives_empty_text() -> None:
    assert clean_ticket_text("") == ""
    assert clean_ticket_text("<p>&nbsp;</p>") == ""


def test_web_form_identity_fields_are_dropped_but_the_request_is_kept() -> None:
    form = (
        "Civilité : Madame\nNom : MEUNIER\nPrénom : Mei\nE-mail : mei@example.fr\nN° de contrat : LLD-2023-004512\n"
        "Objet de la demande : Fin de contrat\nMessage :\nL'Entretien+ suit-il si le contrat est prolongé ?"
    )
    assert clean_ticket_text(form) == "Objet de la demande : Fin de contrat\nL'Entretien+ suit-il si le contrat est prolongé ?"


def test_a_single_label_like_line_is_not_taken_for_a_form() -> None:
    text = "Nom : le garage s'est trompé de nom sur la facture"
    assert clean_ticket_text(text) == text
