"""Journey stages in order with volume, growth, intensity, catch-all share, clusters and validated frictions; blind spots first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analyser import views
from analyser.ui import shell


def render() -> None:
    ctx = shell.build_context()
    st.title(ctx.t("page_journey"))
    loaded = shell.load(ctx)
    if loaded is None:
        return
    _, data, reviews = loaded
    frame = views.board(data, reviews)
    if frame["stage"].isna().all():
        st.caption(ctx.t("journey_unassigned"))
    stage_keys = [stage.key for stage in ctx.settings.journey]
    report = views.blind_spot_report(ctx.open_session, data.run_id, reviews)
    if report:  # the signals stage's report knows catch-all categories and intensity ticket by ticket: use it
        table = pd.DataFrame(report).rename(columns={"validated_frictions": "validated"})
        growth_format = "%.2f×"  # its growth is recent weekly rate over baseline weekly rate
    else:
        table = views.journey_table(frame, data, stage_keys)
        growth_format = "percent"
    blind = table[table["blind_spot"]]
    if not blind.empty:
        st.subheader(ctx.t("journey_blind"), anchor=False)
        st.text("\n".join(f"• {shell.stage_label(ctx, key)} ({tickets} tickets)" for key, tickets in zip(blind["stage"], blind["tickets"])))
    shown = table.assign(stage_name=[shell.stage_label(ctx, key) for key in table["stage"]])
    st.bar_chart(shown.set_index("stage_name")["tickets"], height=260, x_label="", y_label="tickets", sort=False)
    st.dataframe(
        shown, hide_index=True,
        column_order=["stage_name", "tickets", "growth", "intensity", "catch_all_share", "clusters", "validated", "blind_spot", "reasons"],
        column_config={
            "stage_name": st.column_config.TextColumn(ctx.t("col_stage")),
            "tickets": st.column_config.NumberColumn(ctx.t("col_size"), format="%d"),
            "growth": st.column_config.NumberColumn(ctx.t("col_growth"), format=growth_format),
            "intensity": st.column_config.NumberColumn(ctx.t("col_intensity"), format="%.2f"),
            "catch_all_share": st.column_config.NumberColumn(ctx.t("col_catch_all"), format="%.2f"),
            "clusters": st.column_config.NumberColumn(ctx.t("col_clusters"), format="%d"),
            "validated": st.column_config.NumberColumn(ctx.t("col_validated"), format="%d"),
            "blind_spot": st.column_config.CheckboxColumn(ctx.t("col_blind")),
            "reasons": st.column_config.ListColumn(ctx.t("col_reasons")),
        },
        key="journey_table",
    )
