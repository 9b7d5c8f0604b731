"""One cluster as the cluster page and the review queue show it: title and summary, why it scores, weekly volume,
breakdowns, redacted tickets, lineage, history and the decision panel."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analyser import views
from analyser.stages.signals.components import COMPONENT_KEYS
from analyser.ui import review_panel, shell
from analyser.ui.widgets import escape_markdown, heading, ticket_card


def show(ctx: shell.Context, data: views.RunData, reviews: views.ReviewSnapshot, row: dict[str, Any], ids: list[str]) -> None:
    """The cluster's evidence and decisions (also used by the review queue)."""
    cluster_id = row["cluster_id"]
    heading(f"{cluster_id} · {row['title']}")
    state = reviews.states.get(cluster_id)
    source = (
        ctx.t("title_human") if row.get("human_title")
        else ctx.t("title_generated") if row.get("generated_title") else ctx.t("title_keywords")
    )
    facts = [source, f"{int(row['size'])} tickets", shell.status_label(ctx, row["status"]), shell.stage_label(ctx, row.get("stage"))]
    badges = shell.badges(ctx, row)
    st.caption(escape_markdown(" · ".join([*facts, badges] if badges else facts)))
    if row.get("gathered"):
        st.caption(ctx.t("gathered_help"))
    _carried_over(ctx, state)
    evidence, decisions = st.columns([3, 2], gap="large")
    with decisions, st.container(border=True):
        review_panel.render(ctx, row, reviews, ids)
    with evidence:
        st.markdown(f"**{ctx.t('col_keywords')}**")
        st.text(", ".join(row["keywords"]))
        label = data.labels.get(cluster_id, {})
        st.markdown(f"**{ctx.t('summary')}**")
        st.text(label.get("summary") or ctx.t("no_summary"))
        if label.get("expected_instead"):
            st.markdown(f"**{ctx.t('expected_instead')}**")
            st.text(label["expected_instead"])
        if label.get("provider"):
            st.caption(escape_markdown(ctx.t("label_source", provider=label["provider"], model=label.get("model") or "")))
        _components(ctx, row)
        _volume_and_breakdown(ctx, data, cluster_id)
    limit_key = f"tickets_shown:{cluster_id}"
    limit = st.session_state.get(limit_key, ctx.settings.app.tickets_shown)
    detail = shell.cluster_detail(
        str(ctx.database), ctx.settings.runs.lock_wait_seconds, data.run_id, cluster_id, views.representative_ids(data, cluster_id),
        limit, st.session_state.get("review_version", 0),
    )
    st.subheader(ctx.t("tickets"), anchor=False)
    for ticket in detail.tickets:
        ticket_card(ctx, ticket)
    if len(detail.tickets) >= limit and st.button(ctx.t("more_tickets"), key=f"more:{cluster_id}"):
        st.session_state[limit_key] = limit + ctx.settings.app.tickets_shown
        st.rerun()
    found = _suggestions(ctx, data, cluster_id, dict(zip(data.clusters["cluster_id"], data.clusters["keywords"])))
    shown = [ticket["ticket_id"] for ticket in [*found.outliers, *detail.tickets]]
    review_panel.move_tickets(ctx, cluster_id, list(dict.fromkeys(shown)), ids)
    _lineage(ctx, detail)
    _history(ctx, detail)


def _suggestions(ctx: shell.Context, data: views.RunData, cluster_id: str, keywords: dict[str, Any]) -> Any:
    """Clusters most like this one (to merge) and its tickets least like it (to check): review in fewer clicks."""
    found = shell.suggestions(str(ctx.database), ctx.settings.runs.lock_wait_seconds, data.run_id, cluster_id)
    with st.expander(ctx.t("suggestions"), expanded=False):
        st.markdown(f"**{ctx.t('suggest_merges')}**")
        for merge in found.merges:
            left, right = st.columns([5, 1], vertical_alignment="center")
            shared = ", ".join(merge.shared_keywords) or ctx.t("none_shared")
            words = ", ".join(list(keywords.get(merge.cluster_id, []))[:5])
            left.text(ctx.t("suggest_merge_line", cluster=merge.cluster_id, words=words, similarity=merge.similarity, shared=shared))
            if right.button(ctx.t("open_cluster"), key=f"suggest:{cluster_id}:{merge.cluster_id}"):
                shell.open_cluster(merge.cluster_id)
        st.markdown(f"**{ctx.t('suggest_outliers')}**")
        for ticket in found.outliers:
            st.caption(ctx.t("suggest_strength", strength=ticket["strength"]))
            ticket_card(ctx, ticket, excerpt_chars=200)
    return found


def _carried_over(ctx: shell.Context, state: Any) -> None:
    """What the pipeline's splits and merges, or a reviewer's merge, mean for this cluster's decisions."""
    parents = views.state_value(state, "split_from", ())
    if parents:
        st.warning(escape_markdown(ctx.t("split_from", parents=", ".join(parents))))
    for decision in views.state_value(state, "inherited", ()):
        st.caption(escape_markdown(ctx.t(
            "inherited", cluster_id=decision.cluster_id, relation=decision.relation,
            status=shell.status_label(ctx, decision.status),
        ) + (f" · {decision.title}" if decision.title else "")))
    target = views.state_value(state, "merged_into")
    if target:
        st.info(escape_markdown(ctx.t("merged_into_note", target=target)))


def _components(ctx: shell.Context, row: dict[str, Any]) -> None:
    st.markdown(f"**{ctx.t('components')}**")
    values = {name: row.get(name) for name in COMPONENT_KEYS}
    if all(value is None or pd.isna(value) for value in values.values()):
        st.caption(ctx.t("signals_missing"))
        return
    columns = st.columns(len(values))
    for column, (name, value) in zip(columns, values.items()):
        column.metric(ctx.t(f"component_{name}"), "—" if value is None or pd.isna(value) else f"{value:.2f}")
    for sentence in views.explain(row.get("details"), ctx.lang):
        st.text(sentence)


def _volume_and_breakdown(ctx: shell.Context, data: views.RunData, cluster_id: str) -> None:
    weekly = data.weekly[data.weekly["cluster_id"] == cluster_id]
    st.markdown(f"**{ctx.t('weekly_volume')}**")
    st.bar_chart(weekly.set_index("week")["tickets"], height=180, x_label="", y_label="tickets")
    st.markdown(f"**{ctx.t('breakdown')}**")
    parts = data.breakdown[data.breakdown["cluster_id"] == cluster_id]
    for column, dimension in zip(st.columns(3), ("channel", "product", "category")):
        rows = parts[parts["dimension"] == dimension][["value", "tickets"]]
        column.dataframe(
            rows.rename(columns={"value": ctx.t(f"dim_{dimension}"), "tickets": "tickets"}), hide_index=True, height=200,
            key=f"breakdown:{dimension}",
        )


def _lineage(ctx: shell.Context, detail: views.ClusterDetail) -> None:
    st.subheader(ctx.t("lineage"), anchor=False)
    if not detail.lineage:
        st.caption(ctx.t("lineage_none"))
        return
    rows = [{**event, "related_ids": ", ".join(event["related_ids"])} for event in detail.lineage]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="lineage_table")


def _history(ctx: shell.Context, detail: views.ClusterDetail) -> None:
    st.subheader(ctx.t("history"), anchor=False)
    if not detail.history:
        st.caption(ctx.t("history_empty"))
        return
    rows = [views.event_row(event) for event in detail.history]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="history_table")
