"""Delivering the weekly briefing (analyser/briefing.py): to an incoming webhook and by e-mail.

`deliver` sends one briefing to every channel `[digest]` configures and returns what happened on each. A channel
that fails (server down, refused, timed out) is logged and reported, never raised: after a nightly run the
briefing is a courtesy, and the run's results stand whatever the mail server does.

- webhook: POST of JSON `{"text": <the briefing in Markdown>}`, which Slack, Mattermost and Teams incoming
  webhooks display as a message;
- e-mail: SMTP (optional STARTTLS and login, the password read from the environment variable named by
  `smtp_password_env`), a multipart message with the Markdown as its plain-text part and the HTML briefing.
"""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from email.message import EmailMessage

from analyser.briefing import Briefing, to_html, to_markdown
from analyser.config import DigestSettings

log = logging.getLogger("analyser")


@dataclass(frozen=True)
class Delivery:
    channel: str  # webhook | email
    ok: bool
    detail: str  # the status, or the error and its fix

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def deliver(briefing: Briefing, settings: DigestSettings, environ: Mapping[str, str]) -> list[Delivery]:
    """Send the briefing to each configured channel; one Delivery per channel, failures included."""
    results = []
    if settings.webhook_url:
        results.append(_guarded("webhook", lambda: _post_webhook(briefing, settings)))
    if settings.smtp_host:
        results.append(_guarded("email", lambda: _send_mail(briefing, settings, environ)))
    for result in results:
        (log.info if result.ok else log.warning)("digest %s: %s", result.channel, result.detail)
    return results


def _guarded(channel: str, send) -> Delivery:
    try:
        return Delivery(channel, True, send())
    except Exception as exc:  # noqa: BLE001 - any failure of a courtesy delivery is reported, not raised
        return Delivery(channel, False, _explain(channel, exc))


def _post_webhook(briefing: Briefing, settings: DigestSettings) -> str:
    body = json.dumps({"text": to_markdown(briefing)}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        str(settings.webhook_url), data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=settings.timeout_seconds) as response:  # noqa: S310 - a configured URL
        return f"posted to the webhook (HTTP {response.status})"


def _send_mail(briefing: Briefing, settings: DigestSettings, environ: Mapping[str, str]) -> str:
    message = EmailMessage()
    message["Subject"] = settings.subject
    message["From"] = str(settings.mail_from)
    message["To"] = ", ".join(settings.mail_to)
    message.set_content(to_markdown(briefing))
    message.add_alternative(to_html(briefing), subtype="html")
    password = environ.get(settings.smtp_password_env) if settings.smtp_password_env else None
    if settings.smtp_password_env and password is None:
        raise RuntimeError(f"the environment variable {settings.smtp_password_env} is not set. Fix: export it where the batch runs.")
    with smtplib.SMTP(str(settings.smtp_host), settings.smtp_port, timeout=settings.timeout_seconds) as server:
        if settings.smtp_starttls:
            server.starttls()
        if settings.smtp_user:
            server.login(settings.smtp_user, password or "")
        refused = server.send_message(message)
    sent = len(settings.mail_to) - len(refused)
    return f"sent to {sent} of {len(settings.mail_to)} recipients via {settings.smtp_host}:{settings.smtp_port}"


def _explain(channel: str, exc: Exception) -> str:
    where = "[digest] webhook_url" if channel == "webhook" else "[digest] smtp_host, smtp_port and the login"
    if isinstance(exc, urllib.error.HTTPError):
        return f"the webhook answered HTTP {exc.code} {exc.reason}. Fix: check {where}."
    if isinstance(exc, (urllib.error.URLError, OSError, smtplib.SMTPException)):
        reason = getattr(exc, "reason", None) or exc
        return f"could not deliver: {reason}. Fix: check {where}, and that this machine may reach it."
    return f"could not deliver: {exc}"
