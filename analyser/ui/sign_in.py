"""Sign-in for a team ([app] auth = "proxy" or "oidc"): who is using the page, or a refused page (st.error, st.stop).

proxy: only the headers the single sign-on proxy sets are trusted; a request without the user header is refused, with
no fallback to a typed name. That is safe only when the app is reachable through the proxy alone.
oidc: Streamlit's st.login / st.user / st.logout (OpenID Connect through Authlib), configured in .streamlit/secrets.toml.
The role comes from [app.roles] (analyser/access.py) on every rerun, so a settings change applies at the next click.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitAuthError

from analyser.access import Identity, identity_from_claims, identity_from_headers
from analyser.config import Settings
from analyser.ui.i18n import t
from analyser.ui.markdown import escape_markdown


def identify(settings: Settings, lang: str) -> Identity:
    """The signed-in person of this page; stops the page when nobody is signed in or the settings give them no role."""
    if settings.app.auth == "proxy":
        return _from_proxy(settings, lang)
    return _from_oidc(settings, lang)


def request_headers() -> Mapping[str, str]:
    """The headers of the browser's request (empty without one: AppTest, a bare script run)."""
    try:
        return dict(st.context.headers)
    except Exception:  # no session client to read them from
        return {}


def _from_proxy(settings: Settings, lang: str) -> Identity:
    proxy = settings.app.proxy
    headers = {key.lower(): value.strip() for key, value in request_headers().items()}
    user = headers.get(proxy.user_header.lower())
    if not user:
        _refuse(t("proxy_header_missing", lang, header=escape_markdown(proxy.user_header)))
    identity = identity_from_headers(headers, proxy, settings.app.roles)
    if identity is None:
        _refuse(t("no_role", lang, who=escape_markdown(str(user))))
    st.sidebar.caption(t("signed_in_by_proxy", lang, name=escape_markdown(identity.label)))
    return identity


def _from_oidc(settings: Settings, lang: str) -> Identity:
    claims = st.user.to_dict()
    if claims.get("is_logged_in") is not True:
        st.title(t("app_title", lang), anchor=False)
        st.info(t("sign_in_needed", lang))
        if st.button(t("sign_in", lang), key="sign_in", type="primary"):
            provider = settings.app.oidc.provider
            try:
                st.login(provider) if provider else st.login()
            except StreamlitAuthError as exc:
                st.error(t("oidc_misconfigured", lang, error=escape_markdown(" ".join(str(exc).split()))))
        st.stop()
    identity = identity_from_claims(claims, settings.app.oidc, settings.app.roles)
    if identity is None:
        who = str(claims.get("email") or claims.get("name") or claims.get("sub") or "?")
        _sign_out_button(lang)
        _refuse(t("no_role", lang, who=escape_markdown(who)))
    st.sidebar.caption(t("signed_in_oidc", lang, name=escape_markdown(identity.label)))
    _sign_out_button(lang)
    return identity


def _sign_out_button(lang: str) -> None:
    if st.sidebar.button(t("sign_out", lang), key="sign_out"):
        st.logout()


def _refuse(message: str) -> NoReturn:
    st.error(message)
    st.stop()
