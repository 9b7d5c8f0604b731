"""Journey stages in order with volume, growth, intensity, catch-all share, clusters and validated frictions; blind spots first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analyser import views
from analyser.ui import shell
from analyser.ui.widgets import export_buttons


def render() -> None:
    page = shell.open_page("page_journey")
    if page is None:
        return
    ctx, data, reviews = page.ctx, page.data, page.reviews
    frame = views.board(data, reviews)
    if frame["stage"].isna().all():
        st.caption(ctx.t("journey_unassigned"))
    stage_keys = [stage.key for stage in ctx.settings.journey]
    report = shell.blind_spot_report(str(ctx.database), ctx.settings.runs.lock_wait_seconds, data.run_id,
                                     st.session_state.get("review_version", 0), reviews)
    if report:  # the signals stage's report knows catch-all categories and intensity ticket by ticket: use it
        order = {key: index for index, key in enumerate([*stage_keys, "unclear"])}
        by_priority = pd.DataFrame(report).rename(columns={"validated_frictions": "validated"})  # worst first
        table = by_priority.sort_values("stage", key=lambda keys: keys.map(lambda k: order.get(k, len(order))), kind="stable")
        growth_format, growth_label = "%.2f×", ctx.t("col_growth_rate")  # recent weekly rate over the baseline's
    else:
        table = by_priority = views.journey_table(frame, data, stage_keys)
        growth_format, growth_label = "percent", ctx.t("col_growth")

    def in_words(reasons: object) -> list[str]:
        return [ctx.t(f"reason_{reason}", default=str(reason)) for reason in (reasons if isinstance(reasons, list) else [])]

    blind = by_priority[by_priority["blind_spot"]]
    if not blind.empty:
        st.subheader(ctx.t("journey_blind"), anchor=False)
        st.text("\n".join(
            ctx.t("journey_blind_item", stage=shell.stage_label(ctx, key), tickets=tickets, reasons=", ".join(in_words(reasons)))
            for key, tickets, reasons in zip(blind["stage"], blind["tickets"], blind.get("reasons", [[]] * len(blind)))
        ))
    shown = table.assign(stage_name=[shell.stage_label(ctx, key) for key in table["stage"]])
    if "reasons" in shown:
        shown = shown.assign(reasons=[in_words(reasons) for reasons in shown["reasons"]])
    st.bar_chart(shown.set_index("stage_name")["tickets"], height=260, x_label="", y_label="tickets", sort=False)
    st.dataframe(
        shown, hide_index=True,
        column_order=["stage_name", "tickets", "growth", "intensity", "catch_all_share", "clusters", "validated", "blind_spot", "reasons"],
        column_config={
            "stage_name": st.column_config.TextColumn(ctx.t("col_stage")),
            "tickets": st.column_config.NumberColumn(ctx.t("col_size"), format="%d"),
            "growth": st.column_config.NumberColumn(growth_label, format=growth_format),
            "intensity": st.column_config.NumberColumn(ctx.t("col_intensity"), format="%.2f"),
            "catch_all_share": st.column_config.NumberColumn(ctx.t("col_catch_all"), format="%.2f"),
            "clusters": st.column_config.NumberColumn(ctx.t("col_clusters"), format="%d"),
            "validated": st.column_config.NumberColumn(ctx.t("col_validated"), format="%d"),
            "blind_spot": st.column_config.CheckboxColumn(ctx.t("col_blind")),
            "reasons": st.column_config.ListColumn(ctx.t("col_reasons")),
        },
        key="journey_table",
    )
    st.subheader(ctx.t("exports"), anchor=False)
    export_buttons(ctx, ("journey",))


render()
