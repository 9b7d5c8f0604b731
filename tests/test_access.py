"""Sign-in and roles: who gets which role, and the review and export services refusing what a role does not allow
(on a real DuckDB file), while a plain name from the CLI stays trusted."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyser.access import (
    AccessDenied,
    Identity,
    OidcSettings,
    ProxySettings,
    RoleSettings,
    identity_from_claims,
    identity_from_headers,
    role_for,
)
from analyser.cli.main import app as cli
from analyser.config import Settings
from analyser.db import session
from analyser.export import render
from analyser.review import service as review
from apptest_support import sql

SETTINGS = Settings()
ROLES = RoleSettings(
    reviewer=["Rita@Example.com", "@reviewers.example.org"], coach=["claire@example.com"], admin=["ada@example.com"],
    groups={"analyser-coaches": "coach", "analyser-readers": "viewer"},
)
VIEWER = Identity("Vera Lectrice", "vera@example.com", "viewer", "oidc")
REVIEWER = Identity("Rita Relectrice", "rita@example.com", "reviewer", "oidc")
COACH = Identity("Claire Coach", "claire@example.com", "coach", "proxy")


def test_roles_come_from_addresses_domains_and_groups_and_the_highest_wins() -> None:
    assert role_for("rita@example.com", [], ROLES) == "reviewer"
    assert role_for("RITA@EXAMPLE.COM ", [], ROLES) == "reviewer"  # addresses are not case-sensitive
    assert role_for("sam@reviewers.example.org", [], ROLES) == "reviewer"  # "@domain" lists a whole domain
    assert role_for("sam@example.org", [], ROLES) == "viewer"  # ... and only that domain
    assert role_for("rita@example.com", ["analyser-coaches"], ROLES) == "coach"
    assert role_for(None, ["analyser-readers", "analyser-coaches"], ROLES) == "coach"
    assert role_for("ada@example.com", ["analyser-readers"], ROLES) == "admin"


def test_someone_nobody_listed_gets_the_default_role_or_is_refused() -> None:
    assert role_for("someone@example.com", ["other-group"], ROLES) == "viewer"
    assert role_for("someone@example.com", [], RoleSettings(default="reviewer")) == "reviewer"
    assert role_for("someone@example.com", [], RoleSettings(default="none")) is None
    assert role_for("rita@example.com", [], ROLES.model_copy(update={"default": "none"})) == "reviewer"


def test_each_role_may_do_what_the_ones_below_it_may() -> None:
    assert [VIEWER.may(role) for role in ("viewer", "reviewer", "coach", "admin")] == [True, False, False, False]
    assert [COACH.may(role) for role in ("viewer", "reviewer", "coach", "admin")] == [True, True, True, False]
    assert REVIEWER.label == "Rita Relectrice <rita@example.com>"
    assert Identity("ops", None, "admin", "none").label == "ops"


def test_the_proxy_headers_name_the_person_and_only_the_user_header_is_required() -> None:
    proxy = ProxySettings(groups_header="X-Forwarded-Groups")
    headers = {"x-forwarded-user": "rsmith", "X-FORWARDED-EMAIL": "rita@example.com", "X-Forwarded-Groups": "staff, analyser-coaches"}
    assert identity_from_headers(headers, proxy, ROLES) == Identity("rsmith", "rita@example.com", "coach", "proxy")
    assert identity_from_headers({"X-Forwarded-User": "rita@example.com"}, proxy, ROLES) == Identity(
        "rita@example.com", "rita@example.com", "reviewer", "proxy")  # no e-mail header: a user name that is an address
    assert identity_from_headers({"X-Forwarded-Email": "rita@example.com"}, proxy, ROLES) is None  # no user header: refused
    assert identity_from_headers({"X-Forwarded-User": "  "}, proxy, ROLES) is None
    assert identity_from_headers({"X-Forwarded-User": "nobody"}, proxy, RoleSettings(default="none")) is None


def test_the_token_claims_name_the_person_keycloak_and_entra_id_style() -> None:
    keycloak = {"is_logged_in": True, "sub": "f3a1", "name": "Claire Coach", "email": "claire@example.com", "groups": ["staff"]}
    assert identity_from_claims(keycloak, OidcSettings(), ROLES) == Identity("Claire Coach", "claire@example.com", "coach", "oidc")
    entra = {"is_logged_in": True, "sub": "x", "name": "Sam", "preferred_username": "sam@reviewers.example.org", "roles": "analyser-coaches"}
    assert identity_from_claims(entra, OidcSettings(groups_claim="roles"), ROLES) == Identity(
        "Sam", "sam@reviewers.example.org", "coach", "oidc")
    assert identity_from_claims({"sub": "x"}, OidcSettings(), RoleSettings(default="none")) is None
    unverified = {"sub": "y", "name": "Mallory", "email": "claire@example.com", "email_verified": False}
    assert identity_from_claims(unverified, OidcSettings(), ROLES) == Identity("Mallory", None, "viewer", "oidc")


def opener(database: Path):
    return lambda: session(database, wait_seconds=10)


def events(database: Path) -> list[tuple]:
    return sql(database, "SELECT action, actor, actor_email, actor_role, signed_in_via FROM review_events ORDER BY event_id")


def test_the_review_service_checks_the_role_itself_and_records_who_acted(small_database: Path) -> None:
    open_session = opener(small_database)
    with pytest.raises(AccessDenied, match="Vera Lectrice <vera@example.com> is signed in with the viewer role; "
                                           "the action 'validate' needs the reviewer role or above. Fix: .*\\[app.roles\\] reviewer"):
        review.validate(open_session, "C0001", VIEWER)
    with pytest.raises(AccessDenied, match="'merge' needs the reviewer role"):
        review.merge(open_session, "C0001", ["C0002"], VIEWER)
    assert events(small_database) == []  # a refusal writes nothing

    review.validate(open_session, "C0001", REVIEWER)
    with pytest.raises(AccessDenied, match="'promote' needs the coach role"):
        review.promote(open_session, "C0001", REVIEWER, settings=SETTINGS)
    candidate_id = review.promote(open_session, "C0001", COACH, settings=SETTINGS)
    with pytest.raises(AccessDenied, match="editing a use-case candidate needs the coach role"):
        review.update_candidate(open_session, candidate_id, REVIEWER, owner="Équipe livraison", settings=SETTINGS)
    review.update_candidate(open_session, candidate_id, COACH, owner="Équipe livraison", settings=SETTINGS)
    review.add_comment(open_session, "C0002", "vu en atelier", "ops")  # a plain name: the CLI, trusted, no role columns

    assert events(small_database) == [
        ("validate", "Rita Relectrice <rita@example.com>", "rita@example.com", "reviewer", "oidc"),
        ("promote", "Claire Coach <claire@example.com>", "claire@example.com", "coach", "proxy"),
        ("edit_candidate", "Claire Coach <claire@example.com>", "claire@example.com", "coach", "proxy"),
        ("comment", "ops", None, None, None),
    ]
    with session(small_database) as conn:
        assert review.history(conn, "C0001")[0].actor == "Rita Relectrice <rita@example.com>"


def test_the_export_service_needs_a_coach_and_records_who_exported(small_database: Path) -> None:
    open_session = opener(small_database)
    with pytest.raises(AccessDenied, match="Rita Relectrice <rita@example.com> is signed in with the reviewer role; "
                                           "an export needs the coach role"):
        render(open_session, SETTINGS, "frictions", "csv", actor=REVIEWER)
    assert sql(small_database, "SELECT count(*) FROM exports") == [(0,)]

    exported = render(open_session, SETTINGS, "journey", "md", actor=COACH)
    render(open_session, SETTINGS, "journey", "csv", actor="ops")
    assert exported.data and exported.export_id
    assert sql(small_database, "SELECT format, actor, actor_email, actor_role, signed_in_via FROM exports ORDER BY format") == [
        ("csv", "ops", None, None, None), ("md", "Claire Coach <claire@example.com>", "claire@example.com", "coach", "proxy"),
    ]


def test_the_cli_is_trusted_with_a_plain_name(small_database: Path) -> None:
    """Whoever runs the CLI can open the database file, so --actor is recorded as given, with no role."""
    result = CliRunner().invoke(cli, ["review", "validate", "C0003", "--actor", "Ops Nuit", "--db", str(small_database)])
    assert result.exit_code == 0, result.output
    assert events(small_database) == [("validate", "Ops Nuit", None, None, None)]
