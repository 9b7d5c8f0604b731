"""What each sign-in mode and role sees in the app (AppTest on the real app.py and a real DuckDB file).

AppTest cannot send request headers in Streamlit 1.67 (st.context.headers comes from the browser session), so a
request that carries the proxy's header is tested in a real browser (tests/test_browser_sign_in.py); AppTest does
set st.user, so the OpenID Connect roles are tested here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apptest_support import PAGES, markdown_sources, open_app, rerun, sql

ROLES = """
[app.roles]
reviewer = ["rita@example.com"]
groups = { "analyser-coaches" = "coach" }
"""
VERA = {"is_logged_in": True, "email": "vera@example.com", "name": "Vera Lectrice"}
RITA = {"is_logged_in": True, "email": "rita@example.com", "name": "Rita Relectrice"}
CLAIRE = {"is_logged_in": True, "email": "claire@example.com", "name": "Claire Coach", "groups": ["staff", "analyser-coaches"]}


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write the app's settings to a file the app reads (ANALYSER_CONFIG), as an operator would."""

    def write(toml: str) -> None:
        path = tmp_path / "settings.toml"
        path.write_text(toml, encoding="utf-8")
        monkeypatch.setenv("ANALYSER_CONFIG", str(path))

    return write


def buttons(at) -> set[str]:
    return {button.key.split(":")[0] for button in at.button if button.key}


def said(at) -> str:
    """Everything the page says, as the reader sees it (data in it is Markdown-escaped: the backslashes do not show)."""
    return " ".join(markdown_sources(at)).replace("\\", "")


def test_without_sign_in_every_page_says_so_and_the_local_user_may_do_everything(small_database: Path, monkeypatch) -> None:
    for page in PAGES:
        at = open_app(small_database, monkeypatch, page, reviewer="Camille")
        assert "Sans connexion ([app] auth = \"none\")" in said(at), page
        if page == "cluster":
            assert {"validate", "reject", "rename"} <= buttons(at)
        if page == "signals":
            assert at.get("download_button")  # the local user is admin: exports too
    assert any("tous les droits" in caption.value for caption in at.caption)


def test_behind_the_proxy_a_request_without_its_header_is_refused(small_database: Path, monkeypatch, configured) -> None:
    configured('[app]\nauth = "proxy"\n')
    for page in ("signals", "cluster", "candidates"):
        at = open_app(small_database, monkeypatch, page, reviewer="Typed Name")
        [error] = at.error
        assert "Accès refusé : la requête n'a pas l'en-tête X-Forwarded-User" in said(at)
        assert not list(at.sidebar.text_input)  # no typed name to fall back on
        assert not at.dataframe and not buttons(at) and not at.get("download_button")


def test_a_viewer_reads_but_sees_no_decision_or_export_buttons(small_database: Path, monkeypatch, configured) -> None:
    configured('[app]\nauth = "oidc"\n' + ROLES)
    at = open_app(small_database, monkeypatch, "cluster", user=VERA)
    text = said(at)
    assert "rôle lecteur : vous pouvez consulter" in text  # who they are, their role and what it allows
    assert "Votre rôle (lecteur) ne suffit pas pour décider (valider, rejeter, renommer…) : il faut le rôle relecteur" in text
    assert not {"validate", "reject", "rename", "merge_btn", "comment_btn"} & buttons(at)
    signals = open_app(small_database, monkeypatch, "signals", user=VERA)
    assert signals.dataframe and not signals.get("download_button")
    assert "Votre rôle (lecteur) ne suffit pas pour exporter : il faut le rôle coach" in said(signals)


def test_a_reviewer_decides_is_recorded_and_may_not_promote_or_export(small_database: Path, monkeypatch, configured) -> None:
    configured('[app]\nauth = "oidc"\n' + ROLES)
    at = open_app(small_database, monkeypatch, "cluster", user=RITA)
    assert "Rita Relectrice <rita@example.com> · rôle relecteur" in said(at)
    [validate] = [button for button in at.button if (button.key or "").startswith("validate:")]
    validate.click()
    rerun(at)
    assert not at.error and "Enregistré : Valider comme irritant" in said(at)
    assert sql(small_database, "SELECT action, actor_email, actor_role, signed_in_via FROM review_events") == [
        ("validate", "rita@example.com", "reviewer", "oidc")]
    assert "promote" not in buttons(at) and "il faut le rôle coach" in said(at)
    assert not open_app(small_database, monkeypatch, "signals", user=RITA).get("download_button")


def test_a_coach_through_a_group_promotes_edits_and_exports(small_database: Path, monkeypatch, configured) -> None:
    configured('[app]\nauth = "oidc"\n' + ROLES)
    at = open_app(small_database, monkeypatch, "cluster", user=CLAIRE)
    assert "rôle coach" in said(at)
    for action in ("validate", "promote"):
        [button] = [button for button in at.button if (button.key or "").startswith(f"{action}:")]
        button.click()
        rerun(at)
    candidates = open_app(small_database, monkeypatch, "candidates", user=CLAIRE)
    assert candidates.get("download_button") and not candidates.text_input(key="o:UC0001").disabled
    assert sql(small_database, "SELECT action, actor_role FROM review_events ORDER BY event_id") == [
        ("validate", "coach"), ("promote", "coach")]
    viewer = open_app(small_database, monkeypatch, "candidates", user=VERA)  # the grid is there to read, not to change
    assert viewer.text_input(key="o:UC0001").disabled and not viewer.get("download_button")
    assert "ne suffit pas pour modifier les cas d'usage" in said(viewer)

    # an honest grid (issue 14): nothing is scored until a person scores it, so saving one score saves only that one
    candidates = open_app(small_database, monkeypatch, "candidates", user=CLAIRE)
    assert candidates.number_input(key="g:UC0001:risk").value is None and candidates.radio(key="s:UC0001").value is None
    candidates.number_input(key="g:UC0001:customer_impact").set_value(4)
    candidates.form_submit_button(key="save:UC0001").click()
    rerun(candidates)
    [(after,)] = sql(small_database, "SELECT after FROM review_events WHERE action = 'edit_candidate'")
    assert json.loads(after)["grid"] == {"customer_impact": {"score": 4, "justification": ""}} and "stance" not in json.loads(after)


def test_signed_in_people_nobody_listed_are_refused_when_the_default_role_is_none(small_database: Path, monkeypatch, configured) -> None:
    configured('[app]\nauth = "oidc"\n[app.roles]\ndefault = "none"\nreviewer = ["rita@example.com"]\n')
    at = open_app(small_database, monkeypatch, "signals", user=VERA)
    assert len(at.error) == 1 and "Accès refusé : vera@example.com n'a pas de rôle" in said(at) and "[app.roles]" in said(at)
    assert not at.dataframe and at.sidebar.button(key="sign_out")
    assert open_app(small_database, monkeypatch, "signals", user=RITA).dataframe


def test_a_visitor_is_asked_to_sign_in_and_a_missing_provider_setup_is_explained(small_database: Path, monkeypatch, configured) -> None:
    configured('[app]\nauth = "oidc"\n')
    at = open_app(small_database, monkeypatch, "signals", user={"is_logged_in": False})
    assert "Connectez-vous pour ouvrir l'analyseur." in said(at) and not at.dataframe
    at.button(key="sign_in").click()
    rerun(at)  # no .streamlit/secrets.toml in this folder: st.login cannot start
    assert len(at.error) == 1 and "La connexion OpenID Connect n'est pas configurée" in said(at) and "secrets.toml" in said(at)
