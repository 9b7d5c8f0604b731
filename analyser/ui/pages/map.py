"""The 2-D layout of the run's tickets coloured by cluster; selecting points leads to their clusters.

Plotly `Scattergl` (WebGL) with ONE trace for all clustered tickets (colour = cluster code) and one grey
trace for unclustered ones: one trace per cluster would be ~1,000 traces at scale and slow to draw.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analyser import views
from analyser.ui import shell


def figure(points: pd.DataFrame, unclustered_label: str) -> go.Figure:
    """Hover text is escaped: plotly renders a few HTML tags in hover labels, ticket text must not be one of them.

    Hover texts are a plain list of str: plotly serialises that ten times faster than an object array.
    """
    fig = go.Figure()
    noise = points["cluster_id"].isna()
    for mask, clustered in ((noise, False), (~noise, True)):
        part = points[mask]
        if part.empty:
            continue
        ids = part["cluster_id"].fillna(unclustered_label).tolist()
        hover = [html.escape(f"{cid} · {excerpt}") for cid, excerpt in zip(ids, part["excerpt"].tolist())]
        if clustered:
            codes = pd.Categorical(part["cluster_id"]).codes.astype(np.int64)
            # a fixed permutation spreads neighbouring ids over the colour scale
            marker = {"color": (codes * 7919) % max(1, int(codes.max()) + 1), "colorscale": "Turbo"}
        else:
            marker = {"color": "#b0b0b0"}
        fig.add_trace(
            go.Scattergl(
                x=part["x"].to_numpy(), y=part["y"].to_numpy(), mode="markers", name=unclustered_label if not clustered else "clusters",
                marker={"size": 3, "opacity": 0.7, **marker}, hovertext=hover, hoverinfo="text",
            )
        )
    fig.update_layout(height=640, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False, dragmode="lasso",
                      xaxis={"visible": False}, yaxis={"visible": False})
    return fig


@st.cache_resource(max_entries=2, show_spinner=False)
def cached_figure(database: str, wait_seconds: float, run_id: str, limit: int, unclustered_label: str) -> go.Figure:
    """Built once per run (about a second at 100k points); never mutated afterwards."""
    return figure(shell.map_points(database, wait_seconds, run_id, limit), unclustered_label)


def render() -> None:
    page = shell.open_page("page_map")
    if page is None:
        return
    ctx, data, reviews = page.ctx, page.data, page.reviews
    fresh = page.fresh
    limit = ctx.settings.app.map_max_points
    key = (str(ctx.database), ctx.settings.runs.lock_wait_seconds, data.run_id, limit)
    fig = cached_figure(*key, ctx.t("unclustered"))
    drawn = sum(len(trace.x) for trace in fig.data)
    st.caption(ctx.t("map_points", shown=drawn, total=fresh["tickets"], limit=limit) + " · " + ctx.t("map_help"))
    event = st.plotly_chart(
        fig, key="map", on_select="rerun", selection_mode=("points", "box", "lasso"),
        config={"displaylogo": False},
    )
    chosen = _selected_clusters(event, shell.map_points(*key)) if _has_selection(event) else []
    if chosen:
        frame = views.board(data, reviews)
        titles = dict(zip(frame["cluster_id"], frame["title"]))
        counts = pd.Series(chosen).value_counts()
        pick = st.selectbox(
            ctx.t("pick_cluster"), list(counts.index), format_func=lambda c: f"{c} · {titles.get(c, '')} ({counts[c]})"[:120],
            key="map_pick",
        )
        if st.button(ctx.t("open_cluster"), key="map_open", type="primary"):
            shell.open_cluster(pick)


def _selection(event: object) -> dict:
    return getattr(event, "selection", None) or (event.get("selection") if isinstance(event, dict) else None) or {}


def _has_selection(event: object) -> bool:
    return bool(_selection(event).get("points"))


def _selected_clusters(event: object, points: pd.DataFrame) -> list[str]:
    """Cluster ids of the selected points (per trace index: trace 0 is unclustered when present)."""
    selection = _selection(event)
    noise = points["cluster_id"].isna()
    traces = [points[noise], points[~noise]] if noise.any() else [points[~noise]]
    chosen = []
    for point in selection.get("points", []):
        curve, index = point.get("curve_number", 0), point.get("point_index")
        if index is None or curve >= len(traces):
            continue
        cluster_id = traces[curve].iloc[index]["cluster_id"]
        if isinstance(cluster_id, str):
            chosen.append(cluster_id)
    return chosen


render()
