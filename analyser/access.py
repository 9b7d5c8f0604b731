"""Who is signed in and what they may do: the sign-in and role settings, `Identity`, `role_for` (pure; no I/O).

Roles are ordered; each may do everything the ones before it may:
    viewer    read signals, clusters, the journey and use-case candidates
    reviewer  decide: rename, tag, set the journey stage, validate, reject, reopen, merge, comment
    coach     promote validated frictions to use-case candidates, edit candidates, export
    admin     everything (today the same as coach; the role exists so that settings can name an owner)

The services (analyser.review.service, analyser.export.service) take `actor: str | Identity`. A plain
string is a trusted caller: the CLI or a script, run by someone who can open the database file and so
could write to it anyway. An Identity (what the app passes) must hold the role the action needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator

from analyser.errors import AnalyserError
from analyser.section import Section

Role = Literal["viewer", "reviewer", "coach", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "reviewer", "coach", "admin")  # each may do what the ones before it may
AuthMode = Literal["none", "proxy", "oidc"]


class ProxySettings(Section):
    """[app.proxy]: the headers a single sign-on proxy sets on every request (auth = "proxy")."""

    user_header: str = Field("X-Forwarded-User", min_length=1, description="The signed-in user; a request without it is refused.")
    email_header: str | None = Field("X-Forwarded-Email", description="The user's e-mail, matched against [app.roles].")
    groups_header: str | None = Field(None, description="Optional: the user's groups, comma-separated (e.g. X-Forwarded-Groups).")


class OidcSettings(Section):
    """[app.oidc]: sign-in with Streamlit's st.login (auth = "oidc"); the provider itself is in .streamlit/secrets.toml [auth]."""

    provider: str | None = Field(None, description="A named provider [auth.NAME] in secrets.toml; None: the one in [auth] itself.")
    groups_claim: str = Field("groups", min_length=1, description="The ID-token claim listing the user's groups (Entra ID app roles: roles).")


class RoleSettings(Section):
    """[app.roles]: e-mail addresses (or "@domain" for a whole domain) per role, and groups mapped to roles."""

    default: Literal["viewer", "reviewer", "coach", "admin", "none"] = Field(
        "viewer", description="Role of a signed-in person nobody listed; \"none\" refuses them."
    )
    viewer: list[str] = Field(default_factory=list)
    reviewer: list[str] = Field(default_factory=list)
    coach: list[str] = Field(default_factory=list)
    admin: list[str] = Field(default_factory=list)
    groups: dict[str, Role] = Field(default_factory=dict, description='Group name (as the proxy or the token says it) -> role.')

    @field_validator("viewer", "reviewer", "coach", "admin")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        cleaned = [value.strip().lower() for value in values]
        empty = [value for value in cleaned if value in ("", "@")]
        if empty:
            raise ValueError('an empty address; write "name@example.com", or "@example.com" for a whole domain')
        return cleaned


class AccessDenied(AnalyserError):
    """A signed-in person tried something their role does not allow."""


@dataclass(frozen=True)
class Identity:
    """A person the app signed in (or the local user with auth = "none"), with the role the settings give them."""

    name: str
    email: str | None
    role: Role
    signed_in_via: AuthMode

    @property
    def label(self) -> str:
        """How the person is recorded as the actor: "Name <e-mail>", or the name alone when there is no e-mail."""
        name = " ".join(self.name.split())[:100] or (self.email or "?")
        return f"{name} <{self.email}>" if self.email and self.email != name else name

    def may(self, needed: Role) -> bool:
        return ROLES.index(self.role) >= ROLES.index(needed)


Actor = str | Identity


def role_for(email: str | None, groups: Iterable[str], roles: RoleSettings) -> Role | None:
    """The highest role the settings give this e-mail (exact, or its "@domain") or any of these groups;
    else the default role; None when the default is "none" (the person is refused)."""
    address = (email or "").strip().lower()
    domain = "@" + address.rsplit("@", 1)[1] if "@" in address else None
    found: list[Role] = [role for role in ROLES if address and (address in getattr(roles, role) or domain in getattr(roles, role))]
    found += [roles.groups[group] for group in groups if group in roles.groups]
    if found:
        return max(found, key=ROLES.index)
    return None if roles.default == "none" else roles.default


def local_identity(name: str) -> Identity:
    """auth = "none": one person on their own machine, who can do everything."""
    return Identity(name=name, email=None, role="admin", signed_in_via="none")


def identity_from_headers(headers: Mapping[str, str], proxy: ProxySettings, roles: RoleSettings) -> Identity | None:
    """auth = "proxy": the person the proxy's headers name (header names are case-insensitive); None without the user header
    (the page is then refused) or when the settings give them no role."""
    lowered = {key.lower(): value for key, value in headers.items()}

    def header(name: str | None) -> str:
        return (lowered.get(name.lower()) or "").strip() if name else ""

    user = header(proxy.user_header)
    if not user:
        return None
    email = header(proxy.email_header) or (user if "@" in user else None)
    groups = [group.strip() for group in header(proxy.groups_header).split(",") if group.strip()]
    role = role_for(email or user, groups, roles)
    return Identity(name=user, email=email, role=role, signed_in_via="proxy") if role else None


def identity_from_claims(claims: Mapping[str, object], oidc: OidcSettings, roles: RoleSettings) -> Identity | None:
    """auth = "oidc": the person st.user describes (the ID token's claims); None when the settings give them no role.
    An e-mail the provider says it has not verified (email_verified false) is not trusted: anyone could have typed it."""
    email = _text(claims.get("email")) if claims.get("email_verified") is not False else None
    email = email or _text(claims.get("preferred_username"))  # Entra ID may send only the latter (the user's UPN)
    email = email if email and "@" in email else None
    name = _text(claims.get("name")) or email or _text(claims.get("sub")) or "?"
    raw = claims.get(oidc.groups_claim)
    groups = [raw] if isinstance(raw, str) else [str(group) for group in raw if group] if isinstance(raw, (list, tuple)) else []
    role = role_for(email, groups, roles)
    return Identity(name=name, email=email, role=role, signed_in_via="oidc") if role else None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def check_role(actor: Actor, needed: Role, doing: str) -> None:
    """Refuse an Identity whose role is below `needed`; a plain string (the CLI, a script) is trusted."""
    if isinstance(actor, Identity) and not actor.may(needed):
        raise AccessDenied(
            f"{actor.label} is signed in with the {actor.role} role; {doing} needs the {needed} role or above. "
            f"Fix: ask an admin to add your e-mail (or one of your groups) to [app.roles] {needed} in the settings."
        )
