"""The decisions a reviewer takes on one cluster; every click becomes one event in the review history.

Each action carries the version of the cluster's review state that this browser session saw when it
first showed the cluster (`seen:<id>` in session state). If another reviewer acted in between, the
service raises ReviewConflict and the panel says so instead of overwriting; "Reload" takes the new state.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from analyser import views
from analyser.review import service as review
from analyser.ui import shell
from analyser.ui.widgets import allowed, escape_markdown, run_action, show_flash


def seen_version(cluster_id: str, current: int) -> int:
    """The version this browser session based its decisions on (fixed until it acts or reloads)."""
    return st.session_state.setdefault(f"seen:{cluster_id}", current)


def render(ctx: shell.Context, row: dict[str, Any], reviews: views.ReviewSnapshot, all_ids: list[str]) -> None:
    st.subheader(ctx.t("actions"), anchor=False)
    show_flash()
    if not allowed(ctx, "reviewer", "decide"):
        return
    cluster_id = row["cluster_id"]
    seen_key = f"seen:{cluster_id}"
    current = int(row.get("version") or 0)
    seen = seen_version(cluster_id, current)
    common = {"actor": ctx.identity, "expected_version": seen}  # the service checks the role again and records who
    ruled = {**common, "settings": ctx.settings}  # actions checked against the configured vocabulary and stages
    status = row["status"]

    def act(label: str, call: Any) -> Any:
        return run_action(ctx, label, call, seen_key)

    if status == "unreviewed" and st.button(ctx.t("validate"), key=f"validate:{cluster_id}", type="primary"):
        act(ctx.t("validate"), lambda: review.validate(ctx.open_session, cluster_id, **common))
    if status == "validated" and allowed(ctx, "coach", "promote") and st.button(
        ctx.t("promote"), key=f"promote:{cluster_id}", type="primary"
    ):
        act(ctx.t("promote"), lambda: review.promote(ctx.open_session, cluster_id, **ruled))
    if status != "unreviewed" and st.button(ctx.t("reopen"), key=f"reopen:{cluster_id}"):
        act(ctx.t("reopen"), lambda: review.reopen(ctx.open_session, cluster_id, **common))
    if status == "unreviewed":
        reason = st.selectbox(
            ctx.t("reject_reason"), ctx.settings.review.reject_reasons, format_func=lambda r: ctx.t(f"reason_{r}", default=r),
            key=f"reason:{cluster_id}",
        )
        if st.button(ctx.t("reject"), key=f"reject:{cluster_id}"):
            act(ctx.t("reject"), lambda: review.reject(ctx.open_session, cluster_id, reason, **ruled))
    title = st.text_input(ctx.t("new_title"), value=row.get("human_title") or "", key=f"title:{cluster_id}")
    if st.button(ctx.t("rename"), key=f"rename:{cluster_id}") and title.strip():
        act(ctx.t("rename"), lambda: review.rename(ctx.open_session, cluster_id, title.strip(), **common))
    stage_keys = [stage.key for stage in ctx.settings.journey]
    current_stage = row.get("stage") if row.get("stage") in stage_keys else None
    stage = st.selectbox(
        ctx.t("set_stage"), stage_keys, index=stage_keys.index(current_stage) if current_stage else None,
        format_func=lambda k: shell.stage_label(ctx, k), key=f"stage:{cluster_id}", placeholder=ctx.t("choose"),
    )
    if st.button(ctx.t("set_stage"), key=f"stage_btn:{cluster_id}") and stage:
        act(ctx.t("set_stage"), lambda: review.set_journey_stage(ctx.open_session, cluster_id, stage, **ruled))
    with st.expander(ctx.t("more_actions")):
        _tags(ctx, review, cluster_id, row, ruled, act)
        sources = st.multiselect(
            ctx.t("merge_sources"), [c for c in all_ids if c != cluster_id], key=f"merge:{cluster_id}", placeholder=ctx.t("choose")
        )
        if st.button(ctx.t("merge"), key=f"merge_btn:{cluster_id}") and sources:
            act(ctx.t("merge"), lambda: review.merge(ctx.open_session, cluster_id, sources, **common))
        text = st.text_area(ctx.t("comment_text"), key=f"comment:{cluster_id}", height=80)
        if st.button(ctx.t("comment"), key=f"comment_btn:{cluster_id}") and text.strip():
            act(ctx.t("comment"), lambda: review.add_comment(ctx.open_session, cluster_id, text.strip(), **common))
    if seen != current and st.button(ctx.t("reload"), key=f"reload:{cluster_id}"):
        st.session_state.pop(seen_key, None)
        st.rerun()


def _tags(ctx: shell.Context, review: Any, cluster_id: str, row: dict, common: dict, act: Any) -> None:
    vocabulary = [str(tag) for tag in _vocabulary(ctx)]
    existing = list(row.get("tags") or [])
    if existing:
        st.caption(escape_markdown(ctx.t("tags") + " : " + ", ".join(existing)))
    chosen = st.multiselect(ctx.t("tags"), vocabulary, key=f"vocab:{cluster_id}", placeholder=ctx.t("choose"))
    free = st.text_input(ctx.t("free_tags"), key=f"free:{cluster_id}")
    tags = chosen + [tag.strip() for tag in free.split(",") if tag.strip()]
    if st.button(ctx.t("tag"), key=f"tag:{cluster_id}") and tags:
        act(ctx.t("tag"), lambda: review.tag(ctx.open_session, cluster_id, tags, **common))
    if existing:
        removed = st.multiselect(ctx.t("untag"), existing, key=f"untag_sel:{cluster_id}", placeholder=ctx.t("choose"))
        if st.button(ctx.t("untag"), key=f"untag:{cluster_id}") and removed:
            act(ctx.t("untag"), lambda: review.untag(ctx.open_session, cluster_id, removed, **common))


def _vocabulary(ctx: shell.Context) -> list[str]:
    """Configured controlled tags (friction type, severity...) as 'category:value'."""
    return [f"{category}:{value}" for category, values in ctx.settings.review.vocabulary.items() for value in values]


UNCLUSTERED = "unclustered"


def move_tickets(ctx: shell.Context, cluster_id: str, ticket_ids: list[str], all_ids: list[str]) -> None:
    """Move some of the shown tickets to another cluster or out of every cluster (a review event; the next run applies it)."""
    if not ticket_ids or ctx.identity is None or not ctx.identity.may("reviewer"):
        return  # the decision panel already says who may act
    with st.expander(ctx.t("move_title"), expanded=False):
        st.caption(ctx.t("move_help"))
        chosen = st.multiselect(ctx.t("move_tickets"), ticket_ids, key=f"move:{cluster_id}", placeholder=ctx.t("choose"))
        targets = [UNCLUSTERED, *(c for c in all_ids if c != cluster_id)]
        target = st.selectbox(
            ctx.t("move_target"), targets, key=f"move_to:{cluster_id}",
            format_func=lambda c: ctx.t("move_unclustered") if c == UNCLUSTERED else c,
        )
        if st.button(ctx.t("move"), key=f"move_btn:{cluster_id}") and chosen:
            run_action(ctx, ctx.t("move"), lambda: review.move_tickets(
                ctx.open_session, chosen, None if target == UNCLUSTERED else target, ctx.identity,
            ))
