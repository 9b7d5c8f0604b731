"""Shared widgets: text that can never run as HTML or Markdown, ticket cards, and the review-action runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from analyser.access import Role
from analyser.errors import AnalyserError
from analyser.export import FORMATS_BY_WHAT, MIME_TYPES, render
from analyser.review.service import ReviewConflict
from analyser.ui import shell
from analyser.ui.markdown import escape_markdown


def heading(text: str, level: int = 2) -> None:
    """A heading whose content is data: shown literally, links and tags included."""
    (st.header if level == 2 else st.subheader)(escape_markdown(text), anchor=False)


def ticket_card(ctx: shell.Context, ticket: dict[str, Any], excerpt_chars: int = 400) -> None:
    """One redacted ticket, always through st.text (pre-formatted plain text: no HTML, no Markdown)."""
    meta = " · ".join(str(v) for v in (ticket["ticket_id"], f"{ticket['created_at']:%Y-%m-%d}", ticket["channel"],
                                       ticket["product"], ticket["category"]) if v)
    with st.container(border=True):
        st.caption(escape_markdown(meta))
        if ticket.get("subject"):
            st.text(ticket["subject"])
        body = ticket["text"]
        st.text(body if len(body) <= excerpt_chars else body[:excerpt_chars].rstrip() + " …")
        if len(body) > excerpt_chars:
            with st.expander(ctx.t("read_more")):
                st.text(body)


def allowed(ctx: shell.Context, needed: Role, doing: str) -> bool:
    """Whether the person may do this; if not, one line that says why: no name typed yet, or which role it takes."""
    if ctx.identity is None:
        st.info(ctx.t("reviewer_needed"))
        return False
    if ctx.identity.may(needed):
        return True
    st.info(ctx.t("needs_role", role=shell.role_name(ctx, ctx.identity.role), doing=ctx.t(f"doing_{doing}"),
                  needed=shell.role_name(ctx, needed)))
    return False


def run_action(ctx: shell.Context, label: str, action: Callable[[], Any], seen_key: str | None = None) -> Any:
    """Run one review action; a conflict (someone else changed it first) or a refusal is shown, never swallowed."""
    try:
        result = action()
    except ReviewConflict as exc:
        changes = "; ".join(
            ctx.t("conflict_change", actor=event.actor, action=event.action, at=f"{event.at:%H:%M:%S}") for event in exc.changes
        )
        st.error(ctx.t("conflict", detail=changes or str(exc)))
        return None
    except (AnalyserError, ValueError) as exc:
        st.error(ctx.t("action_error", error=str(exc)))
        return None
    if seen_key:
        st.session_state.pop(seen_key, None)  # re-read the version we now know
    st.session_state["flash"] = ("success", ctx.t("done", action=label))
    st.rerun()
    return result


def show_flash() -> None:
    """The outcome of the last action, shown once after the rerun it caused."""
    flash = st.session_state.pop("flash", None)
    if flash:
        kind, message = flash
        (st.error if kind == "error" else st.success)(message)


def export_buttons(ctx: shell.Context, whats: tuple[str, ...], filters: dict | None = None) -> None:
    """Download buttons for workshop exports (analyser.export), for coaches and admins; each file is made and recorded
    only when clicked."""
    if not allowed(ctx, "coach", "export"):
        return
    for what in whats:
        columns = st.columns(len(FORMATS_BY_WHAT[what]) + 1)
        columns[0].markdown(f"**{ctx.t(f'export_{what}', default=what)}**")
        for column, fmt in zip(columns[1:], FORMATS_BY_WHAT[what]):
            column.download_button(
                fmt.upper(), file_name=f"analyser-{what}.{fmt}", mime=MIME_TYPES[fmt], key=f"export:{what}:{fmt}",
                data=_exporter(ctx, render, what, fmt, filters or {}),
            )


def _exporter(ctx: shell.Context, render: Callable[..., Any], what: str, fmt: str, filters: dict) -> Callable[[], bytes]:
    def make() -> bytes:
        return render(ctx.open_session, ctx.settings, what, fmt, actor=ctx.identity, filters=filters).data

    return make
