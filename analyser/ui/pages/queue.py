"""Unreviewed clusters by score, one at a time: decide (validate, reject...) or skip, and the next one comes up."""

from __future__ import annotations

import streamlit as st

from analyser import views
from analyser.ui import shell
from analyser.ui.cluster_view import show


def render() -> None:
    page = shell.open_page("page_queue")
    if page is None:
        return
    ctx, data, reviews = page.ctx, page.data, page.reviews
    frame = views.board(data, reviews)
    queue = frame[(frame["status"] == "unreviewed") & frame["merged_into"].isna()]
    skipped = st.session_state.setdefault("queue_skipped", [])
    waiting = queue[~queue["cluster_id"].isin(skipped)]
    if waiting.empty and skipped:  # went round once: start again with the skipped ones
        skipped.clear()
        waiting = queue
    if waiting.empty:
        st.success(ctx.t("queue_empty"))
        return
    row = views.board_row(waiting, waiting.iloc[0]["cluster_id"])
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(ctx.t("queue_position", position=len(queue) - len(waiting) + 1, total=len(queue)))
    if right.button(ctx.t("skip"), key="queue_skip"):
        skipped.append(row["cluster_id"])
        st.rerun()
    show(ctx, data, reviews, row, frame["cluster_id"].tolist())


render()
