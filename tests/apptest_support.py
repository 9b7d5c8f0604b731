"""Helpers for the review-app tests: drive the real app.py with Streamlit's AppTest against a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
from streamlit.testing.v1 import AppTest

from conftest import REPO

PAGES = ("signals", "cluster", "map", "journey", "queue", "candidates")


def open_app(database: Path, monkeypatch: Any, page: str = "signals", reviewer: str | None = None, user: dict | None = None,
             **query: str) -> AppTest:
    """The real app.py on `database` (through ANALYSER_DATABASE, as a deployment would), on one page, run once.

    reviewer: the name typed in the sidebar (auth = "none"); user: what st.user says (auth = "oidc")."""
    monkeypatch.setenv("ANALYSER_DATABASE", str(database))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    if reviewer:
        at.session_state["reviewer"] = reviewer
    if user is not None:
        at.user = user
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "week":  # the landing page
        at.switch_page(f"analyser/ui/pages/{page}.py").run()
    assert not at.exception, [exception.value for exception in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [exception.value for exception in at.exception]
    return at


def find_table(at: AppTest, *columns: str) -> Any:
    """The first st.dataframe on the page that has all these columns (st.dataframe carries no key in AppTest)."""
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return frame.value
    raise AssertionError(f"no table with columns {columns}: {[list(frame.value.columns) for frame in at.dataframe]}")


def texts(at: AppTest) -> list[str]:
    return [element.value for element in at.text]


def markdown_sources(at: AppTest) -> list[str]:
    """Everything the page hands to the Markdown renderer (markdown, captions, headings, alerts)."""
    kinds = (at.markdown, at.caption, at.header, at.subheader, at.title, at.info, at.warning, at.error, at.success)
    return [str(element.value) for kind in kinds for element in kind]


def button(at: AppTest, key: str) -> Any:
    return at.button(key=key)


def last_run_id(database: Path) -> str:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]


def sql(database: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(query, params or []).fetchall()


def plotly_figures(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]
