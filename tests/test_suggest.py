"""Review suggestions: the clusters most like one cluster, and its tickets least like it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from analyser.cli import app
from analyser.db import connect
from analyser.review.suggest import merge_suggestions


def test_the_closest_centroids_come_first_with_their_shared_keywords() -> None:
    ids = ["C1", "C2", "C3", "C4", "C5"]
    centroids = np.array([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0.7, 0.7, 0], [-1, 0, 0]], dtype=np.float32)
    keywords = [["panne", "dépanneuse"], ["dépanneuse", "retard"], ["facture"], ["panne"], ["rib"]]
    found = merge_suggestions("C1", ids, centroids, keywords, top=3)
    assert [s.cluster_id for s in found] == ["C2", "C4", "C3"]
    assert found[0].shared_keywords == ("dépanneuse",) and found[1].shared_keywords == ("panne",) and found[2].shared_keywords == ()
    assert found[0].similarity > found[1].similarity > found[2].similarity
    assert merge_suggestions("C9", ids, centroids, keywords) == []  # not in the run
    assert merge_suggestions("C1", ["C1"], centroids[:1], keywords[:1]) == []  # nothing to merge with


def test_cli_suggests_merges_and_the_tickets_least_like_the_cluster(sample_database_copy: Path) -> None:
    conn = connect(sample_database_copy)
    run_id = conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]
    cluster_id, size = conn.execute(
        "SELECT cluster_id, size FROM clusters WHERE run_id = ? ORDER BY size DESC LIMIT 1", [run_id]
    ).fetchall()[0]
    weakest = conn.execute(
        "SELECT min(probability) FROM assignments WHERE run_id = ? AND cluster_id = ?", [run_id, cluster_id]
    ).fetchall()[0][0]
    conn.close()
    runner = CliRunner()
    result = runner.invoke(app, ["review", "suggest", cluster_id, "--db", str(sample_database_copy), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert len(found["merges"]) == 3 and cluster_id not in [m["cluster_id"] for m in found["merges"]]
    assert [m["similarity"] for m in found["merges"]] == sorted((m["similarity"] for m in found["merges"]), reverse=True)
    strengths = [t["strength"] for t in found["outliers"]]
    assert len(strengths) == min(5, size) and strengths == sorted(strengths) and strengths[0] == weakest
    assert all("raw_text" not in t for t in found["outliers"])  # redacted text only
    text = runner.invoke(app, ["review", "suggest", cluster_id, "--db", str(sample_database_copy)])
    assert text.exit_code == 0 and f"Clusters like {cluster_id}" in text.output
    missing = runner.invoke(app, ["review", "suggest", "C9999", "--db", str(sample_database_copy)])
    assert missing.exit_code == 2 and "not in the last complete run" in missing.output
