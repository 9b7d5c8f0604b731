"""What every page shares: settings, language, who is signed in (and their role), cached reads and the freshness header."""

from __future__ import annotations

import functools
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from analyser import views
from analyser.access import Identity, local_identity
from analyser.config import Settings
from analyser.config_file import load_settings
from analyser.db import Connection, OpenSession, session
from analyser.errors import AnalyserError
from analyser.lock import holder_alive
from analyser.stages.signals.components import SIGNAL_FLAGS
from analyser.ui import sign_in
from analyser.ui.i18n import LANGUAGES, t
from analyser.ui.markdown import escape_markdown

# The cluster page's script, as app.py's router names it: other pages open a cluster with st.switch_page.
CLUSTER_PAGE = "analyser/ui/pages/cluster.py"


@dataclass(frozen=True)
class Context:
    settings: Settings
    lang: str
    identity: Identity | None  # None only with auth = "none" before the person typed a name

    @property
    def database(self) -> Path:
        return self.settings.database

    def open_session(self) -> AbstractContextManager[Connection]:
        return session(self.settings.database, wait_seconds=self.settings.runs.lock_wait_seconds)

    def t(self, key: str, default: str | None = None, **values: object) -> str:
        return t(key, self.lang, default, **values)


def sessions_for(database: str, wait_seconds: float) -> OpenSession:
    return functools.partial(session, Path(database), wait_seconds=wait_seconds)


def build_context() -> Context:
    """Settings from analyser.toml / ANALYSER_* (read on every rerun: cheap), language from the sidebar, then who is
    signed in ([app] auth): a page nobody may see stops here (sign_in.identify)."""
    settings = load_settings()
    lang = _kept_widget_value("lang", "language", settings.app.language)
    lang = st.sidebar.radio(
        t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True,
        on_change=_keep, args=("lang", "language"),
    )
    if settings.app.auth != "none":
        return Context(settings, lang, sign_in.identify(settings, lang))
    _kept_widget_value("reviewer", "reviewer_name", "")
    typed = st.sidebar.text_input(
        t("reviewer_name", lang), key="reviewer", on_change=_keep, args=("reviewer", "reviewer_name")
    ).strip()
    return Context(settings, lang, local_identity(typed) if typed else None)


def access_caption(ctx: Context) -> None:
    """One line on every page: with auth = "none" that nobody signed in; otherwise who is, their role and what it allows."""
    if ctx.settings.app.auth == "none":
        st.caption(ctx.t("auth_none_caption"))
    elif ctx.identity is not None:
        st.caption(ctx.t("signed_in_as", name=escape_markdown(ctx.identity.label), role=role_name(ctx, ctx.identity.role),
                         may=ctx.t(f"may_{ctx.identity.role}")))


def role_name(ctx: Context, role: str) -> str:
    return ctx.t(f"role_{role}")


def _kept_widget_value(widget_key: str, kept_key: str, default: str) -> str:
    """Streamlit forgets a widget's value when the page changes; keep it under a plain key and re-seed the widget."""
    if kept_key not in st.session_state:
        st.session_state[kept_key] = st.session_state.get(widget_key, default)
    st.session_state[widget_key] = st.session_state[kept_key]
    return st.session_state[kept_key]


def _keep(widget_key: str, kept_key: str) -> None:
    st.session_state[kept_key] = st.session_state[widget_key]


@st.cache_data(ttl=5, show_spinner=False)
def latest_run(database: str, wait_seconds: float) -> dict[str, Any] | None:
    """Checked every few seconds, so a run that completes appears without restarting the app."""
    return views.latest_run(sessions_for(database, wait_seconds))


@st.cache_data(max_entries=3, show_spinner=False)
def run_data(database: str, wait_seconds: float, run_id: str, labels: int) -> views.RunData:
    """A complete run never changes, except that its labels arrive just after it: cached per run id and label count."""
    return views.run_data(sessions_for(database, wait_seconds), run_id)


@st.cache_data(max_entries=8, show_spinner=False)
def review_snapshot(database: str, wait_seconds: float, run_id: str, version: int) -> views.ReviewSnapshot:
    """Review states fold every event with the runs' lineage: recomputed only when a new event or run appears."""
    return views.review_snapshot(sessions_for(database, wait_seconds))


@st.cache_data(max_entries=64, show_spinner=False)
def cluster_detail(
    database: str, wait_seconds: float, run_id: str, cluster_id: str, representative: tuple[str, ...], limit: int, version: int,
) -> views.ClusterDetail:
    return views.cluster_detail(sessions_for(database, wait_seconds), run_id, cluster_id, representative, limit)


@st.cache_data(max_entries=64, show_spinner=False)
def suggestions(database: str, wait_seconds: float, run_id: str, cluster_id: str) -> views.Suggestions:
    return views.suggestions(sessions_for(database, wait_seconds), run_id, cluster_id)


@st.cache_data(max_entries=8, show_spinner=False)
def blind_spot_report(
    database: str, wait_seconds: float, run_id: str, version: int, _reviews: views.ReviewSnapshot
) -> list[dict[str, Any]] | None:
    """Depends on the run and on the reviews (validations, stage overrides): keyed by run id and review version
    (the snapshot itself, `_reviews`, is not hashed: the version stands for it)."""
    return views.blind_spot_report(sessions_for(database, wait_seconds), run_id, _reviews)


@st.cache_data(max_entries=3, show_spinner=False)
def recent_groups(database: str, wait_seconds: float, run_id: str) -> list[views.RecentGroup]:
    return views.recent_groups(sessions_for(database, wait_seconds), run_id)


@st.cache_data(max_entries=3, show_spinner=False)
def map_points(database: str, wait_seconds: float, run_id: str, limit: int) -> pd.DataFrame:
    return views.map_points(sessions_for(database, wait_seconds), run_id, limit)


@st.cache_data(max_entries=64, show_spinner=False)
def tickets_matching(database: str, wait_seconds: float, run_id: str, needle: str) -> list[str]:
    return views.tickets_matching(sessions_for(database, wait_seconds), run_id, needle)


@st.cache_data(max_entries=32, show_spinner=False)
def window_counts(database: str, wait_seconds: float, run_id: str, start: Any, end: Any) -> pd.DataFrame:
    return views.window_counts(sessions_for(database, wait_seconds), run_id, start, end)


@dataclass(frozen=True)
class Page:
    """What a page reads: its context, the freshness of the last complete run, the run's data and the reviews."""

    ctx: Context
    fresh: dict[str, Any]
    data: views.RunData
    reviews: views.ReviewSnapshot


def open_page(title_key: str | None = None) -> Page | None:
    """Sidebar and title, then the last complete run and the current reviews; None (with a message) when there is none."""
    ctx = build_context()
    if title_key:
        st.title(ctx.t(title_key))
    loaded = load(ctx)
    access_caption(ctx)  # under the freshness header, on every page, even one with no run to show
    return Page(ctx, *loaded) if loaded else None


def load(ctx: Context) -> tuple[dict[str, Any], views.RunData, views.ReviewSnapshot] | None:
    """The freshness header, then the last complete run and the current reviews; None (with a message) if none."""
    key = (str(ctx.database), ctx.settings.runs.lock_wait_seconds)
    try:
        fresh = latest_run(*key) if ctx.database.is_file() else None
        if fresh is None:
            st.info(ctx.t("no_run", path=ctx.database))
            return None
        data = run_data(*key, fresh["run_id"], fresh.get("labels", 0))
        version = views.review_version(ctx.open_session)  # the one read every click makes
        reviews = review_snapshot(*key, fresh["run_id"], version)
        st.session_state["review_version"] = version
    except AnalyserError as exc:
        st.warning(ctx.t("db_busy", error=str(exc)))
        return None
    _freshness_header(ctx, fresh)
    return fresh, data, reviews


def _freshness_header(ctx: Context, fresh: dict[str, Any]) -> None:
    st.caption(
        ctx.t(
            "freshness", run_id=fresh["run_id"], completed=fresh["completed_at"], status=fresh["status"] or "?",
            tickets=fresh["tickets"], first=fresh["first_ticket_at"], last=fresh["last_ticket_at"], clusters=fresh["clusters"],
        )
    )
    attempt = fresh.get("latest_attempt")
    # a 'running' record whose process is gone (killed, rebooted) is not a run in progress
    if attempt and attempt["status"] == "running" and attempt["run_id"] != fresh["run_id"] and holder_alive(ctx.database):
        st.caption(ctx.t("running_now", run_id=attempt["run_id"]))


def status_label(ctx: Context, status: str) -> str:
    return ctx.t(f"status_{status}", default=status)


def stage_label(ctx: Context, key: str | None) -> str:
    if not isinstance(key, str) or not key or key == "unclear":
        return ctx.t("stage_unclear")
    names = {stage.key: stage.name for stage in ctx.settings.journey}
    return names.get(key, key)


def badges(ctx: Context, row: Any) -> str:
    flags = [ctx.t(f"badge_{flag}") for flag in SIGNAL_FLAGS if bool(row.get(flag))]
    return " · ".join([*flags, ctx.t("badge_gathered")] if bool(row.get("gathered")) else flags)


def open_cluster(cluster_id: str) -> None:
    """Go to the cluster page for `cluster_id` (also kept in the URL so it can be shared)."""
    st.session_state["cluster_id"] = cluster_id
    st.switch_page(CLUSTER_PAGE, query_params={"cluster": cluster_id})
