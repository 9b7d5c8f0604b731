"""Redaction finds each kind of personal data in its usual spellings and leaves look-alikes alone."""

from __future__ import annotations

import time

import pytest

from analyser.stages.redact import KINDS, compile_rules, find_pii, redact

RULES = compile_rules()


def redacted(text: str) -> str:
    return redact(text, RULES).text


@pytest.mark.parametrize(
    "email", ["jean.dupont@gmail.com", "Jean.Dupont+finauto@Mail.Example.CO.UK", "k_benali-75@orange.fr", "MARIE@SFR.FR"]
)
def test_email(email: str) -> None:
    assert redacted(f"Écrivez-moi à {email}, merci.") == "Écrivez-moi à <EMAIL>, merci."


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "0612345678",
        "06-12-34-56-78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "01 42 68 53 00",
        "05 56 00 11 22",
        "09 72 10 20 30",
        "08 00 12 34 56",
        "+44 7700 900123",
        "+49 151 23456789",
        "+32 470 12 34 56",
    ],
)
def test_phone(phone: str) -> None:
    assert redacted(f"Rappelez-moi au {phone} svp") == "Rappelez-moi au <PHONE> svp"


@pytest.mark.parametrize(
    "not_a_phone",
    [
        "Le loyer est de 1 250,00 € TTC par mois.",
        "Rendez-vous le 12/09/2026 à 10:14.",
        "Ticket TK-0012345, commande 48213.",
        "Le véhicule a 45 000 km et le code postal est 69003.",
        "Montant prélevé : 0,00 € puis 312,45 €.",
        "Numéro de série 2026-09-12-001.",
    ],
)
def test_numbers_that_are_not_phones(not_a_phone: str) -> None:
    assert redacted(not_a_phone) == not_a_phone


@pytest.mark.parametrize(
    "iban",
    [
        "FR76 3000 6000 0112 3456 7890 189",
        "FR7630006000011234567890189",
        "fr76 3000 6000 0112 3456 7890 189",
        "FR76 3000 6000 0112 3456 7890 180",  # wrong checksum: still someone's account
        "DE89 3704 0044 0532 0130 00",
        "GB29 NWBK 6016 1331 9268 19",
        "BE68 5390 0754 7034",
        "RIB 30006 00001 12345678901 89"[4:],
    ],
)
def test_iban_and_rib(iban: str) -> None:
    assert redacted(f"Mon IBAN : {iban} merci") == "Mon IBAN : <IBAN> merci"


def test_fr_iban_with_implausible_length_is_not_an_iban() -> None:
    assert "IBAN" not in redact("code FR76 3000 6000 0112 3456", RULES).kinds


@pytest.mark.parametrize("card", ["4111 1111 1111 1111", "4111111111111111", "5500-0000-0000-0004", "3782 822463 10005"])
def test_card_numbers_that_pass_luhn(card: str) -> None:
    assert redacted(f"Carte {card} débitée") == "Carte <CARD> débitée"


def test_digit_runs_failing_luhn_are_not_cards() -> None:
    assert "CARD" not in redact("Référence 4111 1111 1111 1112", RULES).kinds


@pytest.mark.parametrize(
    "text",
    [
        "paid with 4111111111111111 yesterday",  # Visa prefix and length, no context word needed
        "refund to 378282246310005 please",  # American Express
        "CB 7000 1234 5678 9010 refusée",  # unknown issuer, but a card word says what it is
        "my visa ending... no, the whole number: 7000123456789010",
    ],
)
def test_card_numbers_with_an_issuer_prefix_or_a_card_word(text: str) -> None:
    assert redact(text, RULES).kinds == ("CARD",)


@pytest.mark.parametrize(
    "text",
    [
        "My order number is 123456789012347 and it has not shipped.",  # passes Luhn, 15 digits, no issuer
        "Tracking 7000123456789010 shows nothing",
        "Transaction 900123456789016 was declined",
        "Ref 4111111111111111111111",  # too long to be a card
    ],
)
def test_long_numbers_without_issuer_or_card_word_are_not_cards(text: str) -> None:
    assert redacted(text) == text


@pytest.mark.parametrize("plate", ["AB-123-CD", "AB 123 CD", "AB123CD", "ab-123-cd", "1234 AB 75", "123 ABC 69", "1234-AB-92", "12 ABC 2A"])
def test_plates(plate: str) -> None:
    assert redacted(f"Immatriculation {plate}.") == "Immatriculation <PLATE>."


@pytest.mark.parametrize(
    "text",
    [
        "LOA 36 mois avec option d'achat",
        "Un PV 2026 reçu hier",
        "Ma VW ID 3 et ma C5 Aircross",
        "RDV 12 OCT à 14h",
        "Une 308 GT 45 000 km",
        "AI-123-OU n'existe pas en SIV",
    ],
)
def test_plate_look_alikes(text: str) -> None:
    assert redacted(text) == text


def test_vin() -> None:
    assert redacted("VIN VF1RFB00X12345678 / vf3mrhns8ks123456") == "VIN <VIN> / <VIN>"
    assert redacted("ANTICONSTITUTIONNE") == "ANTICONSTITUTIONNE"  # 18 letters, no digits


def test_contract_and_customer_ids_from_default_patterns() -> None:
    text = "Contrat LOA-2024-123456, LLD 2023 654321 et crd2022000111 pour le client CLI-1234567 / cli7654321."
    assert redacted(text) == "Contrat <CONTRACT>, <CONTRACT> et <CONTRACT> pour le client <CUSTOMER_ID> / <CUSTOMER_ID>."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J'habite 12 bis rue de la République, 75011 Paris depuis mai.", "J'habite <ADDRESS> depuis mai."),
        ("Adresse : 3, avenue des Champs-Élysées\n75008 Paris", "Adresse : <ADDRESS>"),
        ("Livraison au 5 bd Jean Jaurès 69003 Lyon", "Livraison au <ADDRESS>"),
        ("au 14 route de Lyon à Grenoble", "au <ADDRESS> à Grenoble"),
        ("7 allée des Tilleuls", "<ADDRESS>"),
        ("Résidence Les Pins, bâtiment B", "<ADDRESS>, bâtiment B"),
        ("He lives at 221B Baker Street, London.", "He lives at <ADDRESS>, London."),
        ("domicilié rue Victor Hugo à Lille", "domicilié <ADDRESS> à Lille"),
    ],
)
def test_addresses(text: str, expected: str) -> None:
    assert redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Le loyer est prélevé le 5 du mois.",
        "J'étais sur la route de l'école quand le voyant s'est allumé.",
        "Le remboursement de 15000 Euros est en cours.",
        "Le dossier est en cours Merci de patienter.",
        "Il reste 3 place de parking.",
        "invoice #37777 will uhelp me",
        "order 45123 Please help",
        "I paid 12000 Pounds last week",
        # A town is not a person's address: without a street word the postcode and town stay readable.
        "Je déménage à 13008 Marseille.",
    ],
)
def test_address_look_alikes(text: str) -> None:
    assert redacted(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mme Martin m'a appelé.", "Mme <NAME> m'a appelé."),
        ("Monsieur Jean-Pierre Lefèvre, titulaire", "Monsieur <NAME>, titulaire"),
        ("M. de La Fontaine et Mlle N'Diaye", "M. <NAME> et Mlle <NAME>"),
        ("Bonjour, je suis Karim Benali.", "Bonjour, je suis <NAME>."),
        ("je m'appelle Sophie", "je m'appelle <NAME>"),
        ("My name is Oliver Twist.", "My name is <NAME>."),
        ("Le titulaire est Jean DUPONT.", "Le titulaire est <NAME>."),
        ("Titulaire : DUPONT Jean", "Titulaire : <NAME>"),
        ("Bonjour Karim,\nmerci.", "Bonjour <NAME>,\nmerci."),
        ("J'ai parlé avec votre conseillère Julie hier.", "J'ai parlé avec votre conseillère <NAME> hier."),
        ("J'ai eu Sophie au téléphone.", "J'ai eu <NAME> au téléphone."),
        ("Merci.\nCordialement,\nFatoumata Diallo", "Merci.\nCordialement,\n<NAME>"),
        ("Cordialement\nKowalski", "Cordialement\n<NAME>"),
    ],
)
def test_names_keep_the_title_and_hide_the_person(text: str, expected: str) -> None:
    assert redacted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nom : DUPONT\nPrénom : Jean-Luc\nEmail : x", "Nom : <NAME>\nPrénom : <NAME>\nEmail : x"),
        ("<p>Nom&nbsp;: Le Gall<br>Pr&eacute;nom&nbsp;: Anne</p>", "<p>Nom&nbsp;: <NAME><br>Pr&eacute;nom&nbsp;: <NAME></p>"),
        ("Visiteur : bjr\nCamille (FinAuto) : Bonjour", "Visiteur : bjr\n<NAME> (FinAuto) : Bonjour"),
        ("Le dossier est bloqué.\n\nNolwenn", "Le dossier est bloqué.\n\n<NAME>"),
        ("Rappelez-moi.\nKowalczyk Zofia\n06 12 34 56 78", "Rappelez-moi.\n<NAME>\n<PHONE>"),
        ("Merci.\n> Best regards,\n> Aurélie\n> FinAuto Customer Care", "Merci.\n> Best regards,\n> <NAME>\n> FinAuto Customer Care"),
        ("MARTINEZ Zofia", "<NAME>"),
        ("je suis anne lemoine, titulaire", "je suis <NAME>, titulaire"),
        ("bonjour mme roux,", "bonjour mme <NAME>,"),
        ("cordialement,\ngilles girard", "cordialement,\n<NAME>"),
        ("suite à mon échange avec anthony, rien", "suite à mon échange avec <NAME>, rien"),
        ("le vendeur, wei, ne me rappelle jamais", "le vendeur, <NAME>, ne me rappelle jamais"),
        ("Le conducteur adverse s'appelle Elena Faure.", "Le conducteur adverse s'appelle <NAME>."),
        ("Le notaire est Ma&icirc;tre Lemaire.", "Le notaire est Ma&icirc;tre <NAME>."),
    ],
)
def test_names_in_forms_chats_signatures_and_lowercase_text(text: str, expected: str) -> None:
    assert redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Révision",  # a subject line alone is not a signature
        "Pneus\nMa voiture a crevé, que faire ?",
        "Cordialement,\n(renvoi)",
        "Me rappeler au plus vite.",
        "Monsieur pourrait-il rappeler ?",
        "Mme indique que le prélèvement a échoué.",
        "Le garage se trouve à Nancy.",
        "Depuis Noël, aucun retour.",
        "J'ai parlé avec le service recouvrement.",
        "Cordialement,\nLa Direction",
        "Bien à vous\nSAS Horizon Logistique",
        "Bonjour,\nLe véhicule est prêt.\nCordialement",
    ],
)
def test_more_name_look_alikes(text: str) -> None:
    assert redacted(text) == text


def test_phone_glued_to_its_label() -> None:
    assert redacted("Tél.06 12 34 56 78 / tel:0612345678") == "Tél.<PHONE> / tel:<PHONE>"


def test_functional_mailboxes_are_not_personal() -> None:
    text = "De : Service Client <service.client@finauto-exemple.fr>, copie noreply@finauto.fr et jean.d@free.fr"
    assert redacted(text) == "De : Service Client <service.client@finauto-exemple.fr>, copie noreply@finauto.fr et <EMAIL>"


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour Madame, Monsieur,",
        "Madame la Directrice, je conteste.",
        "Contrat FinAuto pour ma Peugeot 208 et mon Renault Captur chez Europ Assistance.",
        "Ma Zoé est en panne depuis Lundi 12 Octobre.",
        "Merci Beaucoup pour votre aide.",
        "Je suis Client chez Tesla depuis Mars.",
        "Bonjour FinAuto,",
    ],
)
def test_name_look_alikes(text: str) -> None:
    assert redacted(text) == text


def test_postcode_and_city_join_the_street_before_them() -> None:
    assert redacted("Nouvelle adresse : 132 Avenue des Roses\n47000 AGEN") == "Nouvelle adresse : <ADDRESS>"
    assert redact("75019 Paris", RULES).spans == ()  # alone, a town: neither an address nor a name


def test_spans_are_in_input_coordinates_sorted_and_typed() -> None:
    text = "Mme Martin, 06 12 34 56 78, martin@free.fr"
    result = redact(text, RULES)
    assert [text[span.start : span.end] for span in result.spans] == ["Martin", "06 12 34 56 78", "martin@free.fr"]
    assert result.kinds == ("EMAIL", "NAME", "PHONE")
    assert find_pii(text, RULES) == list(result.spans)


def test_specific_kind_wins_over_generic_one_on_overlap() -> None:
    # The IBAN's digits also look like a card number and a phone; one IBAN span must come out.
    assert redact("FR76 3000 6000 0112 3456 7890 189", RULES).kinds == ("IBAN",)
    assert redacted("jean.dupont@gmail.com") == "<EMAIL>"  # not "<NAME>" for the Jean inside


def test_only_requested_kinds_are_redacted() -> None:
    rules = compile_rules(kinds=["EMAIL"])
    assert redact("Mme Martin, martin@free.fr, 06 12 34 56 78", rules).text == "Mme Martin, <EMAIL>, 06 12 34 56 78"


def test_custom_kind_gets_its_own_placeholder() -> None:
    rules = compile_rules(custom_patterns={"POLICY": [r"\bPOL-\d{6}\b"], "CONTRACT": r"\bLOA\d{10}\b"})
    assert redact("Police pol-123456, contrat LOA2024123456", rules).text == "Police <POLICY>, contrat <CONTRACT>"
    assert "POLICY" in rules.kinds


def test_rules_are_hashable_so_they_can_be_cached() -> None:
    assert hash(compile_rules()) == hash(compile_rules())


@pytest.mark.parametrize(
    ("kinds", "patterns", "message"),
    [
        (["EMAIL", "SSN"], {}, "'SSN'"),
        (KINDS, {"CONTRACT": [r"LOA(\d+"]}, "CONTRACT"),
        (KINDS, {"CONTRACT": [r"LOA(\d+"]}, r"LOA(\d+"),
        (KINDS, {"policy id": [r"\d+"]}, "'policy id'"),
    ],
)
def test_bad_configuration_is_a_clear_value_error(kinds: list[str], patterns: dict, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        compile_rules(kinds, patterns)
    assert message in str(caught.value)


def test_long_ticket_is_redacted_quickly() -> None:
    chunk = (
        "Bonjour, je suis Jean Dupont (CLI-1234567), 12 rue Victor Hugo 75011 Paris, tél 06 12 34 56 78, "
        "IBAN FR76 3000 6000 0112 3456 7890 189, véhicule AB-123-CD. Le prélèvement du 5 a échoué.\n"
    )
    text = (chunk * (20_000 // len(chunk) + 1))[:20_000]
    started = time.perf_counter()
    result = redact(text, RULES)
    assert time.perf_counter() - started < 0.5
    assert "Dupont" not in result.text and "06 12 34 56 78" not in result.text


@pytest.mark.parametrize("hostile", ["a" * 20_000, "1 " * 10_000, "Jean " * 4_000, "a.b@" * 5_000, "rue A " * 3_000])
def test_pathological_input_does_not_backtrack_forever(hostile: str) -> None:
    started = time.perf_counter()
    redact(hostile, RULES)
    assert time.perf_counter() - started < 0.5
