"""The weekly briefing: what changed over a period, for the team that owns the tickets (issue 14).

`build_briefing` is pure: from the last complete run's signal table (one dict per cluster, as `views.board` shapes
it), ticket counts per cluster in this period and the one before, the run's recent pockets and growing slices, its
blind-spot report and the review events of the period, it says

- the alerts: clusters whose volume rose beyond what date shuffles allow (the calibrated emerging badge);
- new themes: clusters with no ancestor that the run flags new;
- top movers, up and down: the largest changes in tickets between the period and the one before (at least
  `MIN_MOVE` tickets of difference, so that 1 -> 3 is not a headline);
- recent pockets and growing slices; open blind spots of the customer journey;
- the review: decisions taken in the period, validated frictions, candidates, and how many of the top signals
  nobody has reviewed yet.

The period ends on the day of the newest ticket (an export that lags behind the calendar still gives a full week).
`load_briefing` reads those inputs (the I/O edge); `to_markdown`, `to_html` (an e-mail: inline styles, no external
asset) and `to_json` write the same briefing. Words come from the shared vocabulary; French unless asked otherwise.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

MIN_MOVE = 3  # tickets of difference below which a change is not a mover
TOP = 5  # items per section
QUEUE_TOP = 20  # "the top signals" whose review progress is reported


@dataclass(frozen=True)
class BriefingItem:
    """One cluster as the briefing names it."""

    cluster_id: str
    title: str
    reason: str  # one line: why it is in this section
    status: str  # review status in words
    tickets_now: int  # tickets in the period
    tickets_before: int  # tickets in the period before
    link: str | None = None  # into the app's cluster page when [app] base_url is set


@dataclass(frozen=True)
class Briefing:
    language: str
    run_id: str
    completed_at: str
    period_days: int
    start: str  # first day of the period (ISO)
    end: str  # last day (ISO): the newest ticket's
    tickets_now: int
    tickets_before: int
    alerts: list[BriefingItem] = field(default_factory=list)
    new_themes: list[BriefingItem] = field(default_factory=list)
    movers_up: list[BriefingItem] = field(default_factory=list)
    movers_down: list[BriefingItem] = field(default_factory=list)
    pockets: list[dict[str, Any]] = field(default_factory=list)  # kind (pocket | growth), tickets, keywords, home, growth
    blind_spots: list[dict[str, Any]] = field(default_factory=list)  # stage name, reasons in words, tickets
    decisions: dict[str, int] = field(default_factory=dict)  # review action -> count in the period
    validated: int = 0
    candidates: int = 0
    top_unreviewed: int = 0  # among the QUEUE_TOP best-ranked signals
    top_reviewed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BriefingInputs:
    """What the briefing is made from (read by `load_briefing`)."""

    run_id: str
    completed_at: datetime
    end: date  # the newest ticket's day
    signals: list[dict[str, Any]]  # per cluster, by rank: cluster_id, title, reason, status, is_emerging, is_new, emerging_alert
    counts_now: dict[str, int]
    counts_before: dict[str, int]
    total_now: int
    total_before: int
    pockets: list[dict[str, Any]]
    blind_spots: list[dict[str, Any]]
    actions: list[str]  # the review actions of the period
    validated: int
    candidates: int


def build_briefing(inputs: BriefingInputs, period_days: int, language: str = "fr", base_url: str | None = None) -> Briefing:
    """The briefing of the `period_days` days ending on `inputs.end` (rules in the module docstring)."""
    link = (lambda cluster_id: f"{base_url.rstrip('/')}/cluster?cluster={cluster_id}") if base_url else (lambda _: None)

    def item(signal: dict[str, Any], reason: str | None = None) -> BriefingItem:
        cluster_id = signal["cluster_id"]
        return BriefingItem(
            cluster_id, signal["title"], reason or signal.get("reason") or "", signal.get("status") or "",
            inputs.counts_now.get(cluster_id, 0), inputs.counts_before.get(cluster_id, 0), link(cluster_id),
        )

    alerts = [item(s) for s in inputs.signals if s.get("emerging_alert")][:TOP]
    new = [item(s) for s in inputs.signals if s.get("is_new") and s["cluster_id"] not in {a.cluster_id for a in alerts}][:TOP]
    changes = [(s, inputs.counts_now.get(s["cluster_id"], 0) - inputs.counts_before.get(s["cluster_id"], 0)) for s in inputs.signals]
    up = sorted((c for c in changes if c[1] >= MIN_MOVE), key=lambda c: (-c[1], c[0]["cluster_id"]))[:TOP]
    down = sorted((c for c in changes if c[1] <= -MIN_MOVE), key=lambda c: (c[1], c[0]["cluster_id"]))[:TOP]
    top = inputs.signals[:QUEUE_TOP]
    unreviewed = sum(1 for s in top if s.get("status_key", "unreviewed") == "unreviewed")
    start = inputs.end - timedelta(days=period_days - 1)
    return Briefing(
        language=language, run_id=inputs.run_id, completed_at=inputs.completed_at.isoformat(timespec="minutes"), period_days=period_days,
        start=start.isoformat(), end=inputs.end.isoformat(), tickets_now=inputs.total_now, tickets_before=inputs.total_before,
        alerts=alerts, new_themes=new,
        movers_up=[item(s, _move_words(s, inputs, language)) for s, _ in up],
        movers_down=[item(s, _move_words(s, inputs, language)) for s, _ in down],
        pockets=inputs.pockets[:TOP], blind_spots=inputs.blind_spots, decisions=dict(sorted(Counter(inputs.actions).items())),
        validated=inputs.validated, candidates=inputs.candidates, top_unreviewed=unreviewed, top_reviewed=len(top) - unreviewed,
    )


def _move_words(signal: dict[str, Any], inputs: BriefingInputs, language: str) -> str:
    now, before = inputs.counts_now.get(signal["cluster_id"], 0), inputs.counts_before.get(signal["cluster_id"], 0)
    tickets = f"{now} ticket{'s' if now > 1 else ''}"
    if before == 0:
        return f"{tickets}, aucun la période d'avant" if language == "fr" else f"{tickets}, none the period before"
    if now == 0:
        return (f"aucun ticket, contre {before} la période d'avant" if language == "fr"
                else f"no ticket, against {before} the period before")
    ratio = number(now / before, language, 1)
    return (f"{tickets} contre {before} la période d'avant (x{ratio})" if language == "fr"
            else f"{tickets} against {before} the period before (x{ratio})")


# ---- words and numbers --------------------------------------------------------------------------------------------

_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")

_WORDS = {
    "title": ("Ce qui a changé", "What changed"),
    "period": ("du {start} au {end} ({days} jours)", "from {start} to {end} ({days} days)"),
    "volume": ("{now} tickets sur la période, {before} la période d'avant.", "{now} tickets in the period, {before} the period before."),
    "run": ("Analyse du {at} (exécution {run}).", "Analysis of {at} (run {run})."),
    "alerts": ("Alertes : hausses au-delà du hasard", "Alerts: rises beyond chance"),
    "new_themes": ("Nouveaux thèmes", "New themes"),
    "movers_up": ("En hausse", "Up"),
    "movers_down": ("En baisse", "Down"),
    "pockets": ("Poches récentes et tranches en croissance", "Recent pockets and growing slices"),
    "blind_spots": ("Angles morts du parcours client", "Customer-journey blind spots"),
    "review": ("Revue", "Review"),
    "none": ("Rien cette période.", "Nothing this period."),
    "decisions": ("Décisions de la période : {list}.", "Decisions in the period: {list}."),
    "no_decision": ("Aucune décision de revue sur la période.", "No review decision in the period."),
    "progress": ("{validated} irritants validés, {candidates} cas d'usage candidats ; parmi les {top} premiers signaux, "
                 "{unreviewed} restent à revoir.",
                 "{validated} validated frictions, {candidates} use-case candidates; of the top {top} signals, "
                 "{unreviewed} are not reviewed yet."),
    "pocket": ("Poche récente", "Recent pocket"),
    "growth": ("Tranche en croissance : {observed} tickets en {days} jours, {expected} attendus",
               "Growing slice: {observed} tickets in {days} days, {expected} expected"),
    "open": ("ouvrir", "open"),
}
_ACTIONS = {
    "validate": ("validés", "validated"), "reject": ("rejetés", "rejected"), "reopen": ("rouverts", "reopened"),
    "merge": ("fusions", "merges"), "move": ("déplacements de tickets", "ticket moves"), "promote": ("promus", "promoted"),
    "rename": ("renommés", "renamed"), "tag": ("étiquetés", "tagged"), "comment": ("commentaires", "comments"),
}


def word(key: str, language: str, **values: Any) -> str:
    fr, en = _WORDS[key]
    return (en if language == "en" else fr).format(**values)


def number(value: float, language: str, digits: int = 0) -> str:
    """1 234,5 in French, 1,234.5 in English."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u202f").replace(".", ",") if language == "fr" else text


def day(iso: str, language: str) -> str:
    """A day as people read it: 7 décembre 2026 / 7 December 2026."""
    value = date.fromisoformat(iso)
    if language == "fr":
        return f"{value.day} {_MONTHS_FR[value.month - 1]} {value.year}"
    return f"{value.day} {value:%B %Y}"


def decisions_line(briefing: Briefing) -> str:
    if not briefing.decisions:
        return word("no_decision", briefing.language)
    en = briefing.language == "en"
    parts = [f"{count} {(_ACTIONS[action][1] if en else _ACTIONS[action][0]) if action in _ACTIONS else action}"
             for action, count in briefing.decisions.items()]
    return word("decisions", briefing.language, list=", ".join(parts))


def pocket_line(pocket: dict[str, Any], language: str) -> str:
    keywords = ", ".join(pocket.get("keywords", [])[:5])
    growth = pocket.get("growth")
    if growth:
        head = word("growth", language, observed=growth.get("observed"), days=growth.get("window_days"),
                    expected=number(float(growth.get("expected") or 0), language, 1))
    else:
        head = f"{word('pocket', language)} : {pocket['tickets']} tickets" if language == "fr" else f"Recent pocket: {pocket['tickets']} tickets"
    home = f" ({pocket['home']})" if pocket.get("home") else ""
    return f"{head}{home} — {keywords}" if keywords else f"{head}{home}"


def sections(briefing: Briefing) -> list[tuple[str, list[BriefingItem]]]:
    return [("alerts", briefing.alerts), ("new_themes", briefing.new_themes), ("movers_up", briefing.movers_up),
            ("movers_down", briefing.movers_down)]


def header(briefing: Briefing) -> tuple[str, str, str]:
    lang = briefing.language
    period = word("period", lang, start=day(briefing.start, lang), end=day(briefing.end, lang), days=briefing.period_days)
    volume = word("volume", lang, now=number(briefing.tickets_now, lang), before=number(briefing.tickets_before, lang))
    at = datetime.fromisoformat(briefing.completed_at)
    when = f"{at:%d/%m/%Y} à {at:%H:%M}" if lang == "fr" else f"{day(at.date().isoformat(), lang)}, {at:%H:%M}"
    return f"{word('title', lang)} {period}", volume, word("run", lang, at=when, run=briefing.run_id)


# ---- writers ------------------------------------------------------------------------------------------------------


def to_json(briefing: Briefing) -> str:
    return json.dumps(briefing.as_dict(), ensure_ascii=False, indent=2)


def to_markdown(briefing: Briefing) -> str:
    lang = briefing.language
    title, volume, run = header(briefing)
    lines = [f"# {title}", "", volume, run, ""]
    for key, items in sections(briefing):
        lines += [f"## {word(key, lang)}", ""]
        lines += [_markdown_item(entry, lang) for entry in items] or [word("none", lang)]
        lines.append("")
    lines += [f"## {word('pockets', lang)}", ""]
    lines += [f"- {pocket_line(pocket, lang)}" for pocket in briefing.pockets] or [word("none", lang)]
    lines += ["", f"## {word('blind_spots', lang)}", ""]
    lines += [f"- **{spot['name']}** : {spot['reasons']} ({spot['tickets']} tickets)" if lang == "fr"
              else f"- **{spot['name']}**: {spot['reasons']} ({spot['tickets']} tickets)" for spot in briefing.blind_spots] or [word("none", lang)]
    lines += ["", f"## {word('review', lang)}", "", decisions_line(briefing), progress_line(briefing), ""]
    return "\n".join(lines)


def _markdown_item(entry: BriefingItem, language: str) -> str:
    name = f"[{entry.cluster_id}]({entry.link})" if entry.link else entry.cluster_id
    status = f" · {entry.status}" if entry.status else ""
    reason = f": {_escape_md(entry.reason)}" if entry.reason else ""
    return f"- **{name} · {_escape_md(entry.title)}**{status}{reason}"


def _escape_md(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)


def progress_line(briefing: Briefing) -> str:
    return word("progress", briefing.language, validated=briefing.validated, candidates=briefing.candidates,
                top=briefing.top_reviewed + briefing.top_unreviewed, unreviewed=briefing.top_unreviewed)


_STYLE = {
    "body": "font-family:Arial,Helvetica,sans-serif;color:#1f2328;max-width:720px;margin:0 auto;padding:16px;",
    "h1": "font-size:20px;margin:0 0 8px 0;", "h2": "font-size:16px;margin:20px 0 8px 0;border-bottom:1px solid #d0d7de;",
    "p": "margin:4px 0;font-size:14px;", "muted": "margin:4px 0;font-size:12px;color:#656d76;",
    "item": "margin:0 0 10px 0;font-size:14px;", "id": "font-weight:bold;color:#0b5cad;text-decoration:none;",
    "status": "font-size:12px;color:#656d76;",
}


def to_html(briefing: Briefing) -> str:
    """A self-contained e-mail: inline styles, no script, no external asset; every text escaped."""
    lang = briefing.language
    e = html.escape
    title, volume, run = header(briefing)
    parts = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)}</title></head>',
             f'<body style="{_STYLE["body"]}">', f'<h1 style="{_STYLE["h1"]}">{e(title)}</h1>',
             f'<p style="{_STYLE["p"]}">{e(volume)}</p>', f'<p style="{_STYLE["muted"]}">{e(run)}</p>']
    for key, items in sections(briefing):
        parts.append(f'<h2 style="{_STYLE["h2"]}">{e(word(key, lang))}</h2>')
        parts += [_html_item(entry) for entry in items] or [f'<p style="{_STYLE["muted"]}">{e(word("none", lang))}</p>']
    parts.append(f'<h2 style="{_STYLE["h2"]}">{e(word("pockets", lang))}</h2>')
    parts += [f'<p style="{_STYLE["item"]}">{e(pocket_line(pocket, lang))}</p>' for pocket in briefing.pockets] or [
        f'<p style="{_STYLE["muted"]}">{e(word("none", lang))}</p>']
    parts.append(f'<h2 style="{_STYLE["h2"]}">{e(word("blind_spots", lang))}</h2>')
    parts += [f'<p style="{_STYLE["item"]}"><b>{e(spot["name"])}</b> : {e(spot["reasons"])} ({spot["tickets"]} tickets)</p>'
              for spot in briefing.blind_spots] or [f'<p style="{_STYLE["muted"]}">{e(word("none", lang))}</p>']
    parts += [f'<h2 style="{_STYLE["h2"]}">{e(word("review", lang))}</h2>', f'<p style="{_STYLE["p"]}">{e(decisions_line(briefing))}</p>',
              f'<p style="{_STYLE["p"]}">{e(progress_line(briefing))}</p>', "</body></html>"]
    return "\n".join(parts) + "\n"


def _html_item(entry: BriefingItem) -> str:
    e = html.escape
    name = (f'<a href="{e(entry.link, quote=True)}" style="{_STYLE["id"]}">{e(entry.cluster_id)}</a>' if entry.link
            else f'<span style="{_STYLE["id"]}">{e(entry.cluster_id)}</span>')
    status = f' <span style="{_STYLE["status"]}">· {e(entry.status)}</span>' if entry.status else ""
    reason = f"<br>{e(entry.reason)}" if entry.reason else ""
    return f'<p style="{_STYLE["item"]}">{name} · <b>{e(entry.title)}</b>{status}{reason}</p>'
