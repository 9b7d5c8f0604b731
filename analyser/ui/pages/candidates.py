"""Use-case candidates: the eight-dimension grid, stance, ethics questions, owner and status; value versus feasibility."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analyser import views
from analyser.grid import DIMENSION_KEYS, ETHICS_KEYS, STANCE_KEYS
from analyser.review import service as review
from analyser.review.cards import draft_use_case_card
from analyser.ui import shell
from analyser.ui.widgets import allowed, escape_markdown, export_buttons, run_action, show_flash


def render() -> None:
    page = shell.open_page("page_candidates")
    if page is None:
        return
    ctx, data, reviews = page.ctx, page.data, page.reviews
    show_flash()
    if not reviews.candidates:
        st.info(ctx.t("candidates_empty"))
        _exports(ctx)
        return
    frame = views.board(data, reviews)
    titles = dict(zip(frame["cluster_id"], frame["title"]))
    candidates = [views.candidate_row(candidate) for candidate in reviews.candidates]
    _matrix(ctx, candidates, titles)
    _table(ctx, candidates, titles)
    chosen = _pick(ctx, candidates, titles)
    with st.container(border=True):
        may_edit = allowed(ctx, "coach", "edit_candidate")  # others see the grid, read-only
        if may_edit:
            _draft(ctx, chosen["cluster_id"])
        _editor(ctx, chosen, may_edit)
    _exports(ctx)


def _table(ctx: shell.Context, candidates: list[dict[str, Any]], titles: dict[str, str]) -> None:
    rows = []
    for candidate in candidates:
        value, feasibility = views.value_feasibility(candidate["grid"])
        rows.append({
            "candidate_id": candidate["candidate_id"], "cluster_id": candidate["cluster_id"],
            "title": titles.get(candidate["cluster_id"], ""), "value": value, "feasibility": feasibility,
            "stance": ctx.t(f"stance_{candidate['stance']}", default="") if candidate["stance"] else "",
            "owner": candidate["owner"] or "", "status": ctx.t(f"status_{candidate['status']}", default=candidate["status"] or ""),
        })
    st.dataframe(
        pd.DataFrame(rows), hide_index=True,
        column_config={
            "candidate_id": st.column_config.TextColumn("id", width="small"),
            "cluster_id": st.column_config.TextColumn(ctx.t("page_cluster"), width="small"),
            "title": st.column_config.TextColumn(ctx.t("col_title"), width="large"),
            "value": st.column_config.NumberColumn(ctx.t("value"), format="%.1f"),
            "feasibility": st.column_config.NumberColumn(ctx.t("feasibility"), format="%.1f"),
            "stance": st.column_config.TextColumn(ctx.t("stance")),
            "owner": st.column_config.TextColumn(ctx.t("owner")),
            "status": st.column_config.TextColumn(ctx.t("candidate_status")),
        },
    )


def _pick(ctx: shell.Context, candidates: list[dict[str, Any]], titles: dict[str, str]) -> dict[str, Any]:
    """One candidate is edited at a time: the one of the cluster opened last, else the newest."""
    by_id = {candidate["candidate_id"]: candidate for candidate in candidates}
    ids = list(by_id)
    opened = [c["candidate_id"] for c in candidates if c["cluster_id"] == st.session_state.get("cluster_id")]
    default = opened[-1] if opened else ids[-1]
    chosen = st.selectbox(
        ctx.t("edit_candidate"), ids, index=ids.index(default), key="candidate_pick",
        format_func=lambda c: f"{c} · {by_id[c]['cluster_id']} · {titles.get(by_id[c]['cluster_id'], '')}"[:120],
    )
    return by_id[chosen]


def _matrix(ctx: shell.Context, candidates: list[dict[str, Any]], titles: dict[str, str]) -> None:
    st.subheader(ctx.t("value_feasibility"), anchor=False)
    points = [(c, *views.value_feasibility(c["grid"])) for c in candidates]
    points = [(c, value, feasible) for c, value, feasible in points if value is not None and feasible is not None]
    fig = go.Figure(
        go.Scatter(
            x=[feasible for _, _, feasible in points], y=[value for _, value, _ in points], mode="markers+text",
            text=[c["cluster_id"] for c, _, _ in points], textposition="top center", marker={"size": 14},
            hovertext=[html.escape(titles.get(c["cluster_id"], "")) for c, _, _ in points], hoverinfo="text",
        )
    )
    fig.update_layout(height=360, margin={"l": 40, "r": 10, "t": 10, "b": 40},
                      xaxis={"title": ctx.t("feasibility"), "range": [0.5, 5.5]}, yaxis={"title": ctx.t("value"), "range": [0.5, 5.5]})
    st.plotly_chart(fig, key="matrix", config={"displaylogo": False})


def _exports(ctx: shell.Context) -> None:
    st.subheader(ctx.t("exports"), anchor=False)
    export_buttons(ctx, ("candidates", "cards", "matrix"))


def _draft(ctx: shell.Context, cluster_id: str) -> None:
    """A machine draft of the card (labels stage), shown as a draft beside the grid; people decide what to keep."""
    key = f"draft:{cluster_id}"
    if st.button(ctx.t("make_draft"), key=f"draft_btn:{cluster_id}"):
        with st.spinner(ctx.t("make_draft")):
            st.session_state[key] = draft_use_case_card(ctx.settings, ctx.open_session, cluster_id)
    draft = st.session_state.get(key)
    if draft is None:
        return
    with st.expander(ctx.t("draft_card"), expanded=True):
        st.caption(escape_markdown(f"{draft.provider} {draft.model}"))
        for label, text in ((ctx.t("draft_problem"), draft.problem), (ctx.t("draft_outcome"), draft.expected_outcome)):
            st.markdown(f"**{label}**")
            st.text(text)
        rows = [
            {"dimension": ctx.t(f"dim_{dimension}", default=dimension), "score": entry.get("score"),
             "justification": entry.get("justification") or ""}
            for dimension, entry in draft.grid.items()
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True)
        if draft.stance:
            st.text(f"{ctx.t('stance')} : {ctx.t(f'stance_{draft.stance}', default=draft.stance)} — {draft.stance_justification}")


def _editor(ctx: shell.Context, candidate: dict[str, Any], may_edit: bool) -> None:
    candidate_id = candidate["candidate_id"]
    seen = st.session_state.setdefault(f"seen_candidate:{candidate_id}", candidate["version"])
    with st.form(key=f"candidate:{candidate_id}"):
        st.markdown(f"**{ctx.t('grid')}**")
        grid = {}
        for dimension in DIMENSION_KEYS:
            score, justification = views.grid_entry(candidate["grid"], dimension)
            left, right = st.columns([1, 3])
            # empty until a person scores it: saving the form never invents a score
            value = left.number_input(ctx.t(f"dim_{dimension}"), 1, 5, value=score, key=f"g:{candidate_id}:{dimension}",
                                      placeholder=ctx.t("not_scored"), disabled=not may_edit)
            note = right.text_input(ctx.t("justification"), value=justification or "", key=f"j:{candidate_id}:{dimension}",
                                 disabled=not may_edit)
            if value is not None:
                grid[dimension] = {"score": int(value), "justification": note.strip()}
        stance = st.radio(ctx.t("stance"), STANCE_KEYS, index=STANCE_KEYS.index(candidate["stance"]) if candidate["stance"] in STANCE_KEYS else None,
                          format_func=lambda s: ctx.t(f"stance_{s}"), horizontal=True, key=f"s:{candidate_id}", disabled=not may_edit)
        st.markdown(f"**{ctx.t('ethics')}**")
        ethics = {q: st.text_area(ctx.t(f"ethics_{q}"), value=(candidate["ethics"] or {}).get(q, ""), height=68,
                                  key=f"e:{candidate_id}:{q}", disabled=not may_edit).strip() for q in ETHICS_KEYS}
        left, right = st.columns(2)
        owner = left.text_input(ctx.t("owner"), value=candidate["owner"] or "", key=f"o:{candidate_id}",
                              disabled=not may_edit).strip()
        configured = ctx.settings.review.candidate_statuses
        statuses = list(dict.fromkeys([*configured, candidate["status"] or configured[0]]))
        status = right.selectbox(ctx.t("candidate_status"), statuses, index=statuses.index(candidate["status"] or statuses[0]),
                                 format_func=lambda key: ctx.t(f"status_{key}", default=key),
                                 key=f"st:{candidate_id}", disabled=not may_edit)
        submitted = st.form_submit_button(ctx.t("save_candidate"), type="primary", key=f"save:{candidate_id}",
                                          disabled=not may_edit)
    if submitted and may_edit:
        run_action(
            ctx, ctx.t("save_candidate"),
            lambda: review.update_candidate(
                ctx.open_session, candidate_id, ctx.identity, grid=grid, stance=stance, ethics=ethics, owner=owner or None,
                status=status, expected_version=seen, settings=ctx.settings,
            ),
            f"seen_candidate:{candidate_id}",
        )


render()
