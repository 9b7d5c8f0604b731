"""What changed this week: the briefing of the last complete run (analyser/briefing.py, the same as `analyser digest`),
headline figures, then each section's clusters with a button that opens them."""

from __future__ import annotations

import streamlit as st

from analyser import briefing as words
from analyser import views
from analyser.ui import shell
from analyser.ui.widgets import escape_markdown

PERIODS = (7, 14, 30)


def render() -> None:
    page = shell.open_page("page_week")
    if page is None:
        return
    ctx = page.ctx
    days = st.radio(ctx.t("week_period"), PERIODS, horizontal=True, format_func=lambda d: ctx.t("week_days", days=d), key="week_period")
    found = views.briefing(ctx.open_session, ctx.settings, int(days), ctx.lang, data=page.data, reviews=page.reviews)
    if found is None:
        return
    title, volume, _ = words.header(found)
    st.subheader(title, anchor=False)
    st.caption(escape_markdown(volume))
    figures = [("week_alerts", len(found.alerts)), ("week_new", len(found.new_themes)), ("week_up", len(found.movers_up)),
               ("week_down", len(found.movers_down)), ("week_pockets", len(found.pockets)), ("week_blind", len(found.blind_spots))]
    columns = st.columns(len(figures) + 1)
    for column, (key, value) in zip(columns, figures):
        column.metric(ctx.t(key), value)
    columns[-1].metric(ctx.t("week_queue"), f"{found.top_reviewed} / {found.top_reviewed + found.top_unreviewed}")
    for key, items in words.sections(found):
        st.markdown(f"**{escape_markdown(words.word(key, ctx.lang))}**")
        if not items:
            st.caption(words.word("none", ctx.lang))
        for item in items:
            text, action = st.columns([6, 1], vertical_alignment="center")
            status = f" · {item.status}" if item.status else ""
            text.markdown(f"**{escape_markdown(item.cluster_id)} · {escape_markdown(item.title)}**{escape_markdown(status)}")
            if item.reason:
                text.caption(escape_markdown(item.reason))
            if action.button(ctx.t("open_cluster"), key=f"week_open:{key}:{item.cluster_id}"):
                shell.open_cluster(item.cluster_id)
    st.markdown(f"**{escape_markdown(words.word('pockets', ctx.lang))}**")
    for pocket in found.pockets or [None]:
        st.caption(escape_markdown(words.pocket_line(pocket, ctx.lang)) if pocket else words.word("none", ctx.lang))
    st.markdown(f"**{escape_markdown(words.word('blind_spots', ctx.lang))}**")
    for spot in found.blind_spots or [None]:
        st.caption(escape_markdown(f"{spot['name']} : {spot['reasons']} ({spot['tickets']} tickets)") if spot else words.word("none", ctx.lang))
    st.markdown(f"**{escape_markdown(words.word('review', ctx.lang))}**")
    st.caption(escape_markdown(f"{words.decisions_line(found)} {words.progress_line(found)}"))
    left, right = st.columns(2)
    left.download_button(ctx.t("week_download", fmt="Markdown"), words.to_markdown(found), file_name="briefing.md", key="week_md")
    right.download_button(ctx.t("week_download", fmt="HTML"), words.to_html(found), file_name="briefing.html", key="week_html")


render()
