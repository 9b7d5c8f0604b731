"""Review actions clicked in the app (AppTest), their immediate effect, conflicts between two reviewers,
and what the app shows after the nightly pipeline runs again on the same database."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyser.cli.main import app as cli
from apptest_support import find_table, last_run_id, markdown_sources, open_app, rerun, sql, texts
from conftest import SAMPLES

REVIEWER, OTHER = "Camille Relectrice", "Dominique Autre"
# As a web form exports it: HTML-escaped. Ingest unescapes entities (raw tags would be stripped as HTML), so the
# stored ticket really contains <script> and <img onerror>, plus a Markdown link and Markdown emphasis.
HOSTILE = (
    "&lt;script&gt;alert('pwned')&lt;/script&gt; Ma commande de voiture n'est toujours pas livrée, le vendeur ne "
    "rappelle jamais [cliquez ici](http://evil.example/phish) **urgent** &lt;img src=x onerror=alert(2)&gt;"
)


def review_state(database: Path, cluster_id: str):
    from analyser.db import session
    from analyser.review import service as review

    with session(database) as conn:
        return review.current_states(conn)[cluster_id]


def open_cluster(database: Path, monkeypatch: pytest.MonkeyPatch, cluster_id: str, reviewer: str | None = REVIEWER):
    """The cluster page at its address (/cluster?cluster=ID), as a link from any page opens it. AppTest keeps running
    the page it was switched to, so every later rerun stays on this cluster (the signals page's own "open" button is
    tested in test_app_pages.py)."""
    return open_app(database, monkeypatch, "cluster", reviewer=reviewer, cluster=cluster_id)


def click(at, key: str):
    at.button(key=key).click()
    rerun(at)
    errors = [element.value for element in at.error]
    assert not errors, errors
    return at


def top_clusters(database: Path, count: int) -> list[str]:
    run_id = last_run_id(database)
    rows = sql(database, "SELECT cluster_id FROM clusters WHERE run_id = ? ORDER BY size DESC, cluster_id LIMIT ?", [run_id, count])
    return [row[0] for row in rows]


def test_a_name_is_required_before_the_first_action(sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cluster_id = top_clusters(sample_database_copy, 1)[0]
    at = open_cluster(sample_database_copy, monkeypatch, cluster_id, reviewer=None)
    assert any("Saisissez votre nom" in message for message in markdown_sources(at))
    assert not [button for button in at.button if button.key and button.key.startswith(("rename:", "validate:"))]
    at.sidebar.text_input(key="reviewer").set_value(REVIEWER)
    rerun(at)
    assert at.button(key=f"validate:{cluster_id}")  # actions appear once the reviewer is named, kept in the session


def test_each_action_shows_its_effect_at_once(sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = sample_database_copy
    target, duplicate, noise = top_clusters(database, 3)
    at = open_cluster(database, monkeypatch, target)

    at.text_input(key=f"title:{target}").set_value("Livraisons en retard sans nouvelles")
    click(at, f"rename:{target}")
    assert at.header[0].value.startswith(target) and "Livraisons en retard sans nouvelles" in at.header[0].value
    assert any("Enregistré" in message for message in markdown_sources(at))

    at.multiselect(key=f"vocab:{target}").set_value(["friction_type:delai", "severity:forte"])
    at.text_input(key=f"free:{target}").set_value("vendeur injoignable")
    click(at, f"tag:{target}")
    assert set(review_state(database, target).tags) == {"friction_type:delai", "severity:forte", "vendeur injoignable"}
    at.multiselect(key=f"untag_sel:{target}").set_value(["vendeur injoignable"])
    click(at, f"untag:{target}")
    assert "vendeur injoignable" not in review_state(database, target).tags

    at.selectbox(key=f"stage:{target}").set_value("livraison")
    click(at, f"stage_btn:{target}")
    assert "Livraison du véhicule" in " ".join(markdown_sources(at))

    at.text_area(key=f"comment:{target}").set_value("Vu en atelier avec l'équipe livraison")
    click(at, f"comment_btn:{target}")
    at.multiselect(key=f"merge:{target}").set_value([duplicate])
    click(at, f"merge_btn:{target}")
    click(at, f"validate:{target}")
    assert review_state(database, target).status == "validated"
    click(at, f"promote:{target}")
    assert review_state(database, target).status == "promoted"
    history = find_table(at, "action", "actor")
    assert history["action"].tolist() == ["rename", "tag", "untag", "set_stage", "comment", "merge", "validate", "promote"]
    assert set(history["actor"]) == {REVIEWER}
    assert review_state(database, duplicate).merged_into == target

    other = open_cluster(database, monkeypatch, noise)
    other.selectbox(key=f"reason:{noise}").set_value("noise")
    click(other, f"reject:{noise}")
    assert review_state(database, noise).status == "rejected" and review_state(database, noise).reject_reason == "noise"
    click(other, f"reopen:{noise}")
    assert review_state(database, noise).status == "unreviewed"

    queue = open_app(database, monkeypatch, "queue", reviewer=REVIEWER)
    assert not queue.header[0].value.startswith((target, duplicate))  # decided and merged clusters leave the queue
    board = find_table(open_app(database, monkeypatch), "cluster_id", "status_name")
    assert board.set_index("cluster_id").loc[target, "title"] == "Livraisons en retard sans nouvelles"


def test_tickets_are_moved_from_the_cluster_page(sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = sample_database_copy
    source, target = top_clusters(database, 2)
    at = open_cluster(database, monkeypatch, source)
    offered = at.multiselect(key=f"move:{source}").options
    assert len(offered) >= 5  # the tickets shown, the ones least like the cluster first
    chosen = offered[:2]
    at.multiselect(key=f"move:{source}").set_value(chosen)
    at.selectbox(key=f"move_to:{source}").set_value(target)
    click(at, f"move_btn:{source}")
    moves = sql(database, "SELECT after FROM review_events WHERE action = 'move'")
    assert len(moves) == 1 and json.loads(moves[0][0]) == {"tickets": chosen, "to": target}
    assert find_table(at, "action", "actor")["action"].tolist()[-1] == "move"
    at.multiselect(key=f"move:{source}").set_value([chosen[0]])
    at.selectbox(key=f"move_to:{source}").set_value("unclustered")
    click(at, f"move_btn:{source}")
    assert json.loads(sql(database, "SELECT after FROM review_events WHERE action = 'move' ORDER BY event_id DESC")[0][0])["to"] is None


def test_candidate_grid_is_saved_and_charted(sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analyser.db import session
    from analyser.review import service as review

    database = sample_database_copy
    target = top_clusters(database, 1)[0]
    at = open_cluster(database, monkeypatch, target)
    click(at, f"validate:{target}")
    click(at, f"promote:{target}")
    at.switch_page("analyser/ui/pages/candidates.py")
    rerun(at)
    with session(database) as conn:
        [candidate] = review.candidates(conn)
    scores = dict(zip(review_dimensions(), (5, 4, 3, 2, 4, 3, 2, 5)))
    for dimension, score in scores.items():
        at.number_input(key=f"g:{candidate.candidate_id}:{dimension}").set_value(score)
        at.text_input(key=f"j:{candidate.candidate_id}:{dimension}").set_value(f"pourquoi {dimension}")
    at.radio(key=f"s:{candidate.candidate_id}").set_value("keep_human")
    at.text_area(key=f"e:{candidate.candidate_id}:serves").set_value("Les clients qui attendent")
    at.text_input(key=f"o:{candidate.candidate_id}").set_value("Équipe livraison")
    at.form_submit_button(key=f"save:{candidate.candidate_id}").click()
    rerun(at)
    assert not at.error, [element.value for element in at.error]
    with session(database) as conn:
        [saved] = review.candidates(conn)
    assert {key: entry.score for key, entry in saved.grid.items()} == scores
    assert saved.grid["risk"].justification == "pourquoi risk"
    assert (saved.stance, saved.owner, saved.ethics["serves"]) == ("keep_human", "Équipe livraison", "Les clients qui attendent")
    matrix = [element for element in at.get("plotly_chart")]
    spec = json.loads(matrix[0].proto.spec)
    value = (5 + 4 + 3 + 3 + 5) / 5
    feasibility = (2 + (6 - 4) + (6 - 2)) / 3
    assert spec["data"][0]["y"] == [value] and spec["data"][0]["x"] == [pytest.approx(feasibility)]

    at.button(key=f"draft_btn:{target}").click()  # a machine draft of the card, shown as a draft, saved grid untouched
    rerun(at)
    assert any("Brouillon de fiche" in expander.label for expander in at.expander)
    assert len(find_table(at, "dimension", "score", "justification")) == 8
    with session(database) as conn:
        assert review.candidates(conn)[0].grid == saved.grid


def review_dimensions() -> list[str]:
    from analyser.grid import DIMENSION_KEYS

    return list(DIMENSION_KEYS)


def test_second_reviewer_is_told_the_cluster_changed(sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = sample_database_copy
    cluster_id = top_clusters(database, 1)[0]
    first = open_cluster(database, monkeypatch, cluster_id, REVIEWER)
    second = open_cluster(database, monkeypatch, cluster_id, OTHER)  # both opened the same version
    first.text_input(key=f"title:{cluster_id}").set_value("Titre de Camille")
    click(first, f"rename:{cluster_id}")

    second.text_input(key=f"title:{cluster_id}").set_value("Titre de Dominique")
    second.button(key=f"rename:{cluster_id}").click()
    rerun(second)
    [error] = [element.value for element in second.error]
    assert "a changé depuis que vous l'avez ouvert" in error and REVIEWER in error and "rename" in error
    assert review_state(database, cluster_id).title == "Titre de Camille"  # nothing overwritten

    click(second, f"reload:{cluster_id}")
    second.text_input(key=f"title:{cluster_id}").set_value("Titre de Dominique")
    click(second, f"rename:{cluster_id}")
    assert review_state(database, cluster_id).title == "Titre de Dominique"


@pytest.fixture(scope="module")
def after_second_run(sample_run: tuple[dict, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Decisions clicked in the app, then `analyser run` again on the same database with three hostile tickets added."""
    folder = tmp_path_factory.mktemp("second-run")
    database = folder / "analyser.duckdb"
    shutil.copy2(sample_run[1], database)
    header = (SAMPLES / "tickets.csv").read_text(encoding="utf-8").splitlines()[0].split(";")
    with (folder / "hostile.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(
            [f"HOSTILE-{n}", f"15/11/2026 0{n}:30", "email", "Commande non livrée", HOSTILE, "LOA", "Autre", f"C99999{n}", ""]
            for n in (1, 2, 3)
        )
    config = folder / "analyser.toml"
    config.write_text(
        f'database = "{database}"\n[ingest]\nsources = ["{SAMPLES / "tickets.csv"}", "{folder / "hostile.csv"}"]\n', encoding="utf-8"
    )
    target, merged, rejected = top_clusters(database, 3)
    with pytest.MonkeyPatch.context() as monkeypatch:
        at = open_cluster(database, monkeypatch, target)
        at.text_input(key=f"title:{target}").set_value("Titre humain qui doit rester")
        click(at, f"rename:{target}")
        at.multiselect(key=f"vocab:{target}").set_value(["severity:critique"])
        click(at, f"tag:{target}")
        at.selectbox(key=f"stage:{target}").set_value("livraison")
        click(at, f"stage_btn:{target}")
        at.multiselect(key=f"merge:{target}").set_value([merged])
        click(at, f"merge_btn:{target}")
        click(at, f"validate:{target}")
        click(at, f"promote:{target}")
        other = open_cluster(database, monkeypatch, rejected)
        other.selectbox(key=f"reason:{rejected}").set_value("already_known")
        click(other, f"reject:{rejected}")
    result = CliRunner().invoke(cli, ["run", "--config", str(config), "--json", "--force"])
    assert result.exit_code in (0, 1), result.output
    yield {"database": database, "target": target, "merged": merged, "rejected": rejected}


def test_decisions_made_in_the_app_survive_a_second_pipeline_run(after_second_run: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    database, target = after_second_run["database"], after_second_run["target"]
    runs = sql(database, "SELECT count(*) FROM run_results")[0][0]
    assert runs == 2
    at = open_cluster(database, monkeypatch, target)
    assert last_run_id(database) in at.caption[0].value  # the app shows the new run
    assert "Titre humain qui doit rester" in at.header[0].value
    facts = " ".join(markdown_sources(at))
    assert "cas d'usage candidat" in facts and "Livraison du véhicule" in facts
    history = find_table(at, "action", "actor")
    assert history["action"].tolist() == ["rename", "tag", "set_stage", "merge", "validate", "promote"]
    board = find_table(open_app(database, monkeypatch), "cluster_id", "status_name").set_index("cluster_id")
    assert board.loc[target, "status_name"] == "cas d'usage candidat"
    assert board.loc[after_second_run["rejected"], "status_name"] == "rejeté"
    assert review_state(database, after_second_run["merged"]).merged_into == target
    candidates = open_app(database, monkeypatch, "candidates", reviewer=REVIEWER)
    assert target in find_table(candidates, "candidate_id", "owner")["cluster_id"].tolist()


def test_ticket_text_with_script_and_markdown_renders_as_plain_text(after_second_run: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    database = after_second_run["database"]
    run_id = last_run_id(database)
    placed = sql(database, "SELECT ticket_id, cluster_id FROM assignments WHERE run_id = ? AND ticket_id LIKE 'HOSTILE-%' "
                 "AND cluster_id IS NOT NULL ORDER BY ticket_id", [run_id])
    assert placed, "the hostile tickets should join a cluster about undelivered orders"
    stored = sql(database, "SELECT text FROM tickets WHERE ticket_id = ?", [placed[0][0]])[0][0]
    assert "<script>alert('pwned')</script>" in stored and "<img src=x onerror=alert(2)>" in stored
    assert "[cliquez ici](http://evil.example/phish)" in stored

    at = open_app(database, monkeypatch, "cluster", cluster=placed[0][1])
    shown = 10
    while stored not in texts(at) and f"more:{placed[0][1]}" in [button.key for button in at.button] and shown < 2000:
        at.button(key=f"more:{placed[0][1]}").click()
        rerun(at)
        shown += 10
    assert stored in texts(at)  # the whole ticket, through st.text: shown literally, never interpreted
    for source in markdown_sources(at):  # and nothing of it reached the Markdown/HTML renderer
        assert "<script>" not in source and "onerror" not in source and "evil.example" not in source
    assert not at.get("html")

    map_page = open_app(database, monkeypatch, "map")
    spec = json.loads(map_page.get("plotly_chart")[0].proto.spec)
    hover = [text for trace in spec["data"] for text in trace["hovertext"] if "pwned" in text]  # excerpts start the text
    assert len(hover) == 3 and all("<script>" not in text and "&lt;script&gt;" in text for text in hover)
