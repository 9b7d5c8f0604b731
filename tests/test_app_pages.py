"""Every page of the review app, rendered by Streamlit's AppTest on the real sample run's database."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from apptest_support import PAGES, find_table, last_run_id, markdown_sources, open_app, plotly_figures, rerun, sql, texts


@pytest.fixture(scope="module")
def database(sample_run: tuple[dict, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One private copy for this module: the app opens the file read-write (it applies pending migrations)."""
    copy = tmp_path_factory.mktemp("app-pages") / "analyser.duckdb"
    shutil.copy2(sample_run[1], copy)
    return copy


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_the_freshness_header(database: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    at = open_app(database, monkeypatch, page)
    header = at.caption[0].value
    assert last_run_id(database) in header
    tickets = sql(database, "SELECT tickets FROM run_results ORDER BY completed_at DESC LIMIT 1")[0][0]
    assert f"{tickets} tickets" in header
    assert "Dernière exécution" in header  # French by default


def test_signals_lists_every_cluster_of_the_last_run_in_rank_order(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch)
    table = find_table(at, "cluster_id", "sparkline")
    run_id = last_run_id(database)
    clusters = sql(database, "SELECT cluster_id, size FROM clusters WHERE run_id = ?", [run_id])
    assert sorted(table["cluster_id"]) == sorted(cluster_id for cluster_id, _ in clusters)
    if table["score"].notna().any():  # the signals stage ran: ranked by weak-signal score
        assert table["score"].is_monotonic_decreasing
    else:
        assert table["size"].is_monotonic_decreasing
    top = table.iloc[0]
    assert len(top["sparkline"]) >= 10 and sum(top["sparkline"]) == top["size"]  # weekly counts over the ~6 months
    assert all(isinstance(title, str) and title for title in table["title"])


def test_signals_filters_narrow_the_list(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch)
    everything = find_table(at, "cluster_id", "sparkline")
    word = everything.iloc[0]["keywords_text"].split(", ")[0]
    at.text_input(key="f_text").set_value(word)
    rerun(at)
    found = find_table(at, "cluster_id", "sparkline")
    assert everything.iloc[0]["cluster_id"] in set(found["cluster_id"])
    assert 0 < len(found) < len(everything)
    at.text_input(key="f_text").set_value("")
    channel = sql(database, "SELECT channel FROM tickets WHERE channel IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1")[0][0]
    at.multiselect(key="f_channel").set_value([channel])
    rerun(at)
    by_channel = find_table(at, "cluster_id", "sparkline")
    run_id = last_run_id(database)
    expected = sql(
        database, "SELECT DISTINCT a.cluster_id FROM assignments a JOIN tickets t USING (ticket_id) "
        "WHERE a.run_id = ? AND t.channel = ? AND a.cluster_id IS NOT NULL", [run_id, channel],
    )
    assert sorted(by_channel["cluster_id"]) == sorted(row[0] for row in expected)
    at.multiselect(key="f_channel").set_value([])
    at.multiselect(key="f_status").set_value(["rejected"])
    rerun(at)
    assert find_table(at, "cluster_id", "sparkline").empty  # nobody has rejected anything yet


def test_opening_a_signal_shows_its_cluster_page(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch)
    board = find_table(at, "cluster_id", "sparkline")
    second = board.iloc[1]["cluster_id"]
    at.selectbox(key="signals_pick").set_value(second)
    at.button(key="signals_open").click()
    rerun(at)
    assert at.query_params["cluster"] == second
    assert at.header[0].value.startswith(second)
    keywords, representative = sql(
        database, "SELECT keywords, representative_ticket_ids FROM clusters WHERE run_id = ? AND cluster_id = ?",
        [last_run_id(database), second],
    )[0]
    assert ", ".join(keywords) in texts(at)
    first_ticket = sql(database, "SELECT text FROM tickets WHERE ticket_id = ?", [representative[0]])[0][0]
    assert any(text.startswith(first_ticket[:200].rstrip()) for text in texts(at))  # shown as plain text
    assert find_table(at, "Canal", "tickets")["tickets"].sum() == board.iloc[1]["size"]
    assert "new" in find_table(at, "event", "related_ids")["event"].tolist()


def test_recent_pockets_are_listed_with_their_tickets_and_open_their_cluster(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch)
    pockets = sql(database, "SELECT pocket_id, tickets, gathered_into, ticket_ids FROM recent_pockets WHERE run_id = ? ORDER BY pocket_id",
                  [last_run_id(database)])
    assert pockets  # the sample's emerging issue makes at least one
    assert "Poches récentes" in [header.value for header in at.subheader]
    # recent pockets, and growing slices (an old topic receiving more tickets than shuffled dates give)
    shown = [expander.label for expander in at.expander if expander.label.startswith(("Poche ", "Tranche en croissance "))]
    assert len(shown) == len(pockets)
    slices = sql(database, "SELECT count(*) FROM recent_pockets WHERE run_id = ? AND kind = 'growth'", [last_run_id(database)])[0][0]
    assert sum(label.startswith("Tranche en croissance ") for label in shown) == slices
    assert all(" attendus · p corrigé " in label for label in shown if label.startswith("Tranche en croissance "))
    pocket_id, tickets, gathered_into, ticket_ids = pockets[0]
    assert shown[0].startswith(f"Poche {pocket_id} · {tickets} tickets") and f"dans {gathered_into}" in shown[0]
    newest = sql(database, "SELECT max(created_at) FROM tickets WHERE list_contains(?, ticket_id)", [ticket_ids])[0][0]
    assert any(text.startswith(f"{newest:%Y-%m-%d} · ") for text in texts(at))  # its newest tickets, as plain text
    at.button(key=f"open_pocket_{pocket_id}").click()
    rerun(at)
    assert at.query_params["cluster"] == gathered_into


def test_dense_groups_of_unclustered_tickets_are_listed_too(sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample has none (its recent tickets all cluster), so one is written as the signals stage would."""
    run_id = last_run_id(sample_database_copy)
    newest = sql(sample_database_copy, "SELECT ticket_id, text FROM tickets ORDER BY created_at DESC, ticket_id LIMIT 5")
    conn = duckdb.connect(str(sample_database_copy))
    try:
        conn.execute("INSERT INTO noise_signals VALUES (?, 1, 5, 0.9, ['borne', 'recharge'], ?, '2026-11-10', '2026-11-15')",
                     [run_id, [ticket_id for ticket_id, _ in newest]])
    finally:
        conn.close()
    at = open_app(sample_database_copy, monkeypatch)
    assert "Groupe hors cluster 1 · 5 tickets du 10/11 au 15/11" in [expander.label for expander in at.expander]
    assert "Mots-clés : borne, recharge" in [caption.value for caption in at.caption]
    assert any(body[:100] in text for _, body in newest for text in texts(at))  # its newest tickets, as plain text
    assert [b.key for b in at.button if b.key and b.key.startswith("open_noise")] == []  # unclustered: no cluster to open


def test_a_gathered_cluster_is_badged_and_says_why(sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cluster drawn out of others from a recent pocket (written as the pipeline would) explains itself on its page."""
    run_id = last_run_id(sample_database_copy)
    pocket_id, gathered_into, tickets = sql(
        sample_database_copy, "SELECT pocket_id, gathered_into, tickets FROM recent_pockets WHERE run_id = ? ORDER BY pocket_id LIMIT 1",
        [run_id])[0]
    other = sql(sample_database_copy, "SELECT cluster_id FROM clusters WHERE run_id = ? AND cluster_id <> ? ORDER BY size DESC LIMIT 1",
                [run_id, gathered_into])[0][0]
    conn = duckdb.connect(str(sample_database_copy))
    try:
        conn.execute("UPDATE clusters SET gathered = true WHERE run_id = ? AND cluster_id = ?", [run_id, gathered_into])
        conn.execute("UPDATE recent_pockets SET cluster_ids = [?], cluster_tickets = [?] WHERE run_id = ? AND pocket_id = ?",
                     [other, tickets - 2, run_id, pocket_id])
    finally:
        conn.close()
    at = open_app(sample_database_copy, monkeypatch)
    captions = [caption.value for caption in at.caption]
    assert f"Rassemblée en un cluster ; le clustering avait mis ses tickets dans : {other} ({tickets - 2}), hors cluster (2)" in captions
    table = find_table(at, "cluster_id", "sparkline")
    assert "rassemblé" in table.set_index("cluster_id").loc[gathered_into, "badges"]
    at = open_app(sample_database_copy, monkeypatch, "cluster", cluster=gathered_into)
    assert at.selectbox(key="cluster_pick").value == gathered_into
    captions = [caption.value for caption in at.caption]
    assert any(caption.startswith("Rassemblé : ces tickets formaient une poche récente") for caption in captions)
    assert any("rassemblé" in caption for caption in captions)


def test_cluster_page_shows_more_tickets_on_request(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch, "cluster")
    cluster_id = at.selectbox(key="cluster_pick").value
    before = len([text for text in texts(at)])
    at.button(key=f"more:{cluster_id}").click()
    rerun(at)
    assert len(texts(at)) > before


def test_map_draws_every_ticket_in_webgl_coloured_by_cluster(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch, "map")
    figure = plotly_figures(at)[0]
    traces = figure["data"]
    assert {trace["type"] for trace in traces} == {"scattergl"}
    assert len(traces) <= 2  # one trace for all clusters (+ one for unclustered): fast at 100k points
    drawn = sum(len(trace["hovertext"]) for trace in traces)
    assert drawn == sql(database, "SELECT count(*) FROM assignments WHERE run_id = ?", [last_run_id(database)])[0][0]


def test_journey_lists_the_configured_stages_in_order(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analyser.config import DEFAULT_JOURNEY

    at = open_app(database, monkeypatch, "journey")
    table = find_table(at, "stage", "blind_spot")
    assert table["stage"].tolist() == [stage.key for stage in DEFAULT_JOURNEY] + ["unclear"]
    clustered = sql(database, "SELECT sum(size) FROM clusters WHERE run_id = ?", [last_run_id(database)])[0][0]
    assert table["tickets"].sum() == clustered
    from analyser.ui.i18n import STRINGS

    french_reasons = {french for key, (french, _) in STRINGS.items() if key.startswith("reason_")}
    shown = {reason for reasons in table["reasons"] for reason in reasons}
    assert shown and shown <= french_reasons  # reasons in words, never raw keys
    assert any("Angles morts" in element.value for element in at.subheader)


def test_queue_starts_with_the_top_unreviewed_cluster(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch)
    top = find_table(at, "cluster_id", "sparkline").iloc[0]["cluster_id"]
    at.switch_page("analyser/ui/pages/queue.py")
    rerun(at)
    assert at.header[0].value.startswith(top)
    at.button(key="queue_skip").click()
    rerun(at)
    assert not at.header[0].value.startswith(top)


def test_english_is_one_click_away(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(database, monkeypatch)
    assert at.title[0].value == "Signaux"
    at.sidebar.radio(key="lang").set_value("en")
    rerun(at)
    assert at.title[0].value == "Signals"
    assert at.caption[0].value.startswith("Last run")


def test_without_a_complete_run_the_app_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(tmp_path / "empty.duckdb", monkeypatch)
    assert any("analyser run" in message for message in markdown_sources(at))
