"""Landing page: clusters ranked by weak-signal score, with filters, and a way into each cluster."""

from __future__ import annotations

import streamlit as st

from analyser import views
from analyser.stages.signals.components import SIGNAL_FLAGS
from analyser.ui import shell
from analyser.ui.widgets import export_buttons
from analyser.vocabulary import REVIEW_STATUSES


def render() -> None:
    page = shell.open_page("page_signals")
    if page is None:
        return
    ctx, data, reviews = page.ctx, page.data, page.reviews
    fresh = page.fresh
    if not data.has_signals:
        st.caption(ctx.t("signals_missing"))
    frame = views.board(data, reviews)
    filters = _filters(ctx, data, fresh)
    key = (str(ctx.database), ctx.settings.runs.lock_wait_seconds, data.run_id)
    hits = shell.tickets_matching(*key, filters.text) if filters.text else None
    window = shell.window_counts(*key, *filters.window) if filters.window else None
    shown = views.filter_board(frame, data, filters, hits, window)
    st.caption(ctx.t("shown", shown=len(shown), total=len(frame)))
    _table(ctx, shown, data.has_signals)
    if not shown.empty:
        _open_one(ctx, shown)
    _recent_groups(ctx, data.run_id, dict(zip(frame["cluster_id"], frame["title"])))
    with st.expander(ctx.t("exports_frictions")):
        export_buttons(ctx, ("frictions",))


def _filters(ctx: shell.Context, data: views.RunData, fresh: dict) -> views.BoardFilters:
    with st.expander(ctx.t("filters"), expanded=False):
        left, right = st.columns(2)
        stage_keys = [stage.key for stage in ctx.settings.journey] + ["unclear"]
        stages = left.multiselect(ctx.t("filter_stage"), stage_keys, format_func=lambda k: shell.stage_label(ctx, k), key="f_stage")
        statuses = right.multiselect(
            ctx.t("filter_status"), list(REVIEW_STATUSES), format_func=lambda s: shell.status_label(ctx, s), key="f_status"
        )
        channels = left.multiselect(ctx.t("filter_channel"), views.facet_values(data, "channel"), key="f_channel")
        products = right.multiselect(ctx.t("filter_product"), views.facet_values(data, "product"), key="f_product")
        first, last = fresh["first_ticket_at"].date(), fresh["last_ticket_at"].date()
        window = left.date_input(ctx.t("filter_window"), value=(first, last), min_value=first, max_value=last, key="f_window")
        text = right.text_input(ctx.t("filter_text"), key="f_text").strip()
    chosen_window = tuple(window) if isinstance(window, (tuple, list)) and len(window) == 2 else None
    if chosen_window == (first, last):
        chosen_window = None
    return views.BoardFilters(tuple(stages), tuple(statuses), tuple(channels), tuple(products), chosen_window, text)


def _table(ctx: shell.Context, shown, has_signals: bool) -> None:
    columns = ["cluster_id", "title", "size", "sparkline", "score", "keywords_text", "status", "stage", *SIGNAL_FLAGS]
    table = shown[columns].assign(
        badges=[shell.badges(ctx, row) for row in shown.to_dict("records")],
        stage_name=[shell.stage_label(ctx, stage) for stage in shown["stage"]],
        status_name=[shell.status_label(ctx, status) for status in shown["status"]],
    )
    st.dataframe(
        table,
        hide_index=True,
        column_order=["cluster_id", "title", "size", "sparkline", *(["score", "badges"] if has_signals else []), "stage_name",
                      "status_name"],
        column_config={
            "cluster_id": st.column_config.TextColumn("id", width="small"),
            "title": st.column_config.TextColumn(ctx.t("col_title"), width="large"),
            "size": st.column_config.NumberColumn(ctx.t("col_size"), format="%d"),
            "sparkline": st.column_config.LineChartColumn(ctx.t("col_trend"), width="small"),
            "score": st.column_config.ProgressColumn(ctx.t("col_score"), min_value=0.0, max_value=1.0, format="%.2f"),
            "badges": st.column_config.TextColumn(ctx.t("col_badges")),
            "stage_name": st.column_config.TextColumn(ctx.t("col_stage")),
            "status_name": st.column_config.TextColumn(ctx.t("col_status")),
        },
        key="signals_table",
    )


def _open_one(ctx: shell.Context, shown) -> None:
    titles = dict(zip(shown["cluster_id"], shown["title"]))
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        ctx.t("pick_cluster"), list(titles), format_func=lambda c: f"{c} · {titles[c]}"[:120], key="signals_pick"
    )
    if right.button(ctx.t("open_cluster"), key="signals_open", type="primary"):
        shell.open_cluster(chosen)


def _recent_groups(ctx: shell.Context, run_id: str, titles: dict[str, str]) -> None:
    """Recent pockets (new pain, even inside an old cluster) and dense groups of recent unclustered tickets."""
    groups = shell.recent_groups(str(ctx.database), ctx.settings.runs.lock_wait_seconds, run_id)
    if not groups:
        return
    st.subheader(ctx.t("recent_groups"), anchor=False)
    st.caption(ctx.t("recent_groups_help"))
    for group in groups:
        if group.kind == "pocket":
            where = ctx.t("pocket_unclustered") if group.home is None else ctx.t(
                "pocket_home", cluster=group.home, title=titles.get(group.home, "")
            )
            if group.growth:
                growth = group.growth
                decimal = "," if ctx.lang == "fr" else "."
                header = ctx.t("growth_header", number=group.number, tickets=group.tickets, observed=growth["observed"],
                               window=growth["window_days"], expected=f"{growth['expected']:.1f}".replace(".", decimal),
                               p=f"{growth['corrected_p']:.2f}".replace(".", decimal), where=where)
            else:
                header = ctx.t("pocket_header", number=group.number, tickets=group.tickets, first=group.first_ticket_at,
                               last=group.last_ticket_at, share=group.recent_share or 0.0, where=where)
        else:
            header = ctx.t("noise_group_header", number=group.number, tickets=group.tickets, first=group.first_ticket_at,
                           last=group.last_ticket_at)
        with st.expander(header):
            st.caption(ctx.t("group_keywords", keywords=", ".join(group.keywords[:8]) or "-"))
            if group.gathered_from:
                sources = ", ".join(f"{cluster or ctx.t('pocket_unclustered')} ({count})" for cluster, count in group.gathered_from)
                st.caption(ctx.t("pocket_sources", sources=sources))
            for ticket in group.examples:
                text = " ".join(filter(None, [ticket.get("subject"), ticket.get("text")]))
                st.text(f"{ticket['created_at']:%Y-%m-%d} · {text[:300]}")
            if group.home is not None and st.button(ctx.t("open_cluster") + f" {group.home}", key=f"open_{group.kind}_{group.number}"):
                shell.open_cluster(group.home)


render()
