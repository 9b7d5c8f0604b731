"""Signing in, in a real browser: headless Chromium, the app served by `streamlit run` on loopback, and

- auth = "oidc": a local OpenID Connect provider (oidc-provider-mock, on loopback) behind Streamlit's own st.login.
  A viewer signs in, cannot validate or export and is told why; signs out; a reviewer signs in and validates, and
  the review event records their e-mail, role and sign-in mode.
- auth = "proxy": the headers a sign-on proxy would set are sent by the browser itself (Chrome DevTools'
  Network.setExtraHTTPHeaders): without them the page is refused, with them the person and their role are shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from apptest_support import sql
from browser_support import Page, chromium, free_port, screenshot_folder, served_app

VERA = ("vera@example.com", "Vera Lectrice")
RITA = ("rita@example.com", "Rita Relectrice")


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


@pytest.fixture
def oidc_provider() -> Iterator[str]:
    """A real OpenID Connect provider on loopback that signs in whoever is picked on its form; yields its issuer URL."""
    import oidc_provider_mock

    users = [oidc_provider_mock.User(sub=email, claims={"email": email, "name": name}) for email, name in (VERA, RITA)]
    with oidc_provider_mock.run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def write_settings(folder: Path, database: Path, app: str) -> Path:
    settings = folder / "analyser.toml"
    settings.write_text(f'database = "{database}"\n{app}', encoding="utf-8")
    return settings


def test_oidc_a_viewer_is_refused_and_a_reviewer_validates(small_database: Path, oidc_provider: str, browser: object,
                                                           tmp_path: Path) -> None:
    port = free_port()
    app = f"http://localhost:{port}"  # the host the provider redirects back to, so the sign-in cookie is the page's
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        f'[auth]\nredirect_uri = "{app}/oauth2callback"\ncookie_secret = "a long random test secret, never used elsewhere"\n'
        f'client_id = "analyser"\nclient_secret = "test-secret"\n'
        f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    settings = write_settings(tmp_path, small_database, '[app]\nauth = "oidc"\n[app.roles]\nreviewer = ["rita@example.com"]\n')
    page = Page(browser, screenshot_folder("analyser-sign-in-screenshots"))

    with served_app(tmp_path, {"ANALYSER_CONFIG": str(settings)}, port=port):
        browser.get(app)
        page.wait_text("Connectez-vous pour ouvrir l'analyseur.")
        assert "clusters affichés" not in page.body()
        sign_in_as(page, VERA[0])
        page.wait_text("Vera Lectrice <vera@example.com> · rôle lecteur : vous pouvez consulter")
        browser.get(f"{app}/cluster")
        page.wait_text("Décisions")
        page.wait_text("Votre rôle (lecteur) ne suffit pas pour décider")
        assert not page.has_button("Valider comme irritant")
        browser.get(f"{app}/journey")
        page.wait_text("Votre rôle (lecteur) ne suffit pas pour exporter : il faut le rôle coach")  # in place of the buttons
        assert not browser.find_elements("css selector", '[data-testid="stDownloadButton"]')
        page.shot("1-viewer-journey")

        page.button("Se déconnecter")  # st.logout, then the provider's end-session page
        page.wait.until(lambda d: page.has_button("End session"), message="no end-session page")
        page.button("End session")
        page.wait_text("Connectez-vous pour ouvrir l'analyseur.")

        sign_in_as(page, RITA[0])
        page.wait_text("rôle relecteur")
        browser.get(f"{app}/cluster")
        page.button("Valider comme irritant")
        page.wait_text("Enregistré : Valider comme irritant")
        page.shot("2-reviewer-validated")
    assert sql(small_database, "SELECT action, actor, actor_email, actor_role, signed_in_via FROM review_events") == [
        ("validate", "Rita Relectrice <rita@example.com>", "rita@example.com", "reviewer", "oidc")]


def sign_in_as(page: Page, email: str) -> None:
    """The app's sign-in button, then the provider's form: pick the user."""
    page.button("Se connecter")
    page.wait.until(lambda d: page.has_button(email), message="the provider's form did not open")
    page.button(email)


def test_proxy_headers_are_the_only_identity(small_database: Path, browser: object, tmp_path: Path) -> None:
    settings = write_settings(tmp_path, small_database, '[app]\nauth = "proxy"\n[app.proxy]\ngroups_header = "X-Forwarded-Groups"\n'
                                                        '[app.roles]\ngroups = { "analyser-coaches" = "coach" }\n')
    page = Page(browser, screenshot_folder("analyser-sign-in-screenshots"))
    with served_app(tmp_path, {"ANALYSER_CONFIG": str(settings)}) as url:
        browser.get(url)
        page.wait_text("Accès refusé : la requête n'a pas l'en-tête X-Forwarded-User que pose le proxy d'authentification.")
        assert "Votre nom" not in page.body() and "clusters affichés" not in page.body()  # no typed name to fall back on

        browser.execute_cdp_cmd("Network.enable", {})
        browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {
            "X-Forwarded-User": "csmith", "X-Forwarded-Email": "claire@example.com", "X-Forwarded-Groups": "staff,analyser-coaches"}})
        browser.get(f"{url}/journey")
        page.wait_text("csmith <claire@example.com> · rôle coach : vous pouvez consulter, décider")
        assert "Identifié par le proxy : csmith <claire@example.com>" in page.body()
        page.wait.until(lambda d: d.find_elements("css selector", '[data-testid="stDownloadButton"]'),
                        message="a coach sees the export buttons")
        page.shot("3-proxy-coach")
