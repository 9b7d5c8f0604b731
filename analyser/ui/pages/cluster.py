"""The cluster page: pick a cluster (or follow ?cluster=C0001 from a link) and see its evidence and decisions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analyser import views
from analyser.ui import shell
from analyser.ui.cluster_view import show
from analyser.ui.widgets import escape_markdown


def chosen_cluster(frame: pd.DataFrame) -> str | None:
    """From the URL (?cluster=C0001, shareable), else the last one opened, else the top of the board."""
    wanted = st.query_params.get("cluster") or st.session_state.get("cluster_id")
    ids = frame["cluster_id"].tolist()
    if wanted in ids:
        return wanted
    return ids[0] if ids else None


def render() -> None:
    page = shell.open_page()
    if page is None:
        return
    ctx, data, reviews = page.ctx, page.data, page.reviews
    frame = views.board(data, reviews)
    if frame.empty:
        return
    ids = frame["cluster_id"].tolist()
    titles = dict(zip(frame["cluster_id"], frame["title"]))
    default = chosen_cluster(frame)
    wanted = st.query_params.get("cluster")
    if wanted and wanted not in ids:
        st.warning(ctx.t("not_in_run", cluster_id=escape_markdown(wanted)))
    cluster_id = st.selectbox(
        ctx.t("pick_cluster"), ids, index=ids.index(default), format_func=lambda c: f"{c} · {titles[c]}"[:120], key="cluster_pick"
    )
    st.session_state["cluster_id"] = cluster_id
    st.query_params["cluster"] = cluster_id
    row = views.board_row(frame, cluster_id)
    show(ctx, data, reviews, row, ids)


render()
