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


def figure(points: pd.DataFrame, titles: dict[str, str], unclustered_label: str) -> go.Figure:
    """Hover text is escaped: plotly renders a few HTML tags in hover labels, ticket text must not be one of them."""
    fig = go.Figure()
    noise = points["cluster_id"].isna()
    for mask, name, colour in ((noise, unclustered_label, None), (~noise, "clusters", True)):
        part = points[mask]
        if part.empty:
            continue
        codes = pd.Categorical(part["cluster_id"]).codes if colour else np.zeros(len(part))
        # a fixed permutation spreads neighbouring codes over the colour scale
        shuffled = (codes * 7919) % max(1, int(codes.max()) + 1) if colour else codes
        labels = [
            html.escape(f"{cid} · {titles.get(cid, '')}"[:80]) if cid else html.escape(unclustered_label)
            for cid in part["cluster_id"].fillna("")
        ]
        fig.add_trace(
            go.Scattergl(
                x=part["x"].to_numpy(), y=part["y"].to_numpy(), mode="markers", name=name,
                marker={"size": 3, "opacity": 0.7, **({"color": shuffled, "colorscale": "Turbo"} if colour else {"color": "#b0b0b0"})},
                customdata=np.column_stack([labels, part["excerpt"].map(html.escape).to_numpy()]),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    fig.update_layout(height=640, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False, dragmode="lasso",
                      xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def render() -> None:
    ctx = shell.build_context()
    st.title(ctx.t("page_map"))
    loaded = shell.load(ctx)
    if loaded is None:
        return
    fresh, data, reviews = loaded
    limit = ctx.settings.app.map_max_points
    points = shell.map_points(str(ctx.database), ctx.settings.runs.lock_wait_seconds, data.run_id, limit)
    frame = views.board(data, reviews)
    titles = dict(zip(frame["cluster_id"], frame["title"]))
    st.caption(ctx.t("map_points", shown=len(points), total=fresh["tickets"], limit=limit) + " · " + ctx.t("map_help"))
    event = st.plotly_chart(
        figure(points, titles, ctx.t("unclustered")), key="map", on_select="rerun", selection_mode=("points", "box", "lasso"),
        config={"displaylogo": False},
    )
    chosen = _selected_clusters(event, points)
    if chosen:
        counts = pd.Series(chosen).value_counts()
        pick = st.selectbox(
            ctx.t("pick_cluster"), list(counts.index), format_func=lambda c: f"{c} · {titles.get(c, '')} ({counts[c]})"[:120],
            key="map_pick",
        )
        if st.button(ctx.t("open_cluster"), key="map_open", type="primary"):
            shell.open_cluster(pick)


def _selected_clusters(event: object, points: pd.DataFrame) -> list[str]:
    """Cluster ids of the selected points (per trace index: trace 0 is unclustered when present)."""
    selection = getattr(event, "selection", None) or (event.get("selection") if isinstance(event, dict) else None)
    if not selection:
        return []
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
