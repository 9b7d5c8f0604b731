"""The review app: `streamlit run app.py` (or `make app`). A router over the pages in `analyser/ui/pages/`.

The database comes from analyser.toml / $ANALYSER_CONFIG / $ANALYSER_DATABASE, like the CLI.
"""

import streamlit as st

from analyser.ui.i18n import t

st.set_page_config(page_title="Analyser", layout="wide")
lang = st.session_state.get("language", "fr")
pages = [
    st.Page(f"analyser/ui/pages/{name}.py", title=t(f"page_{name}", lang), url_path=name, default=name == "week")
    for name in ("week", "signals", "cluster", "map", "journey", "queue", "candidates")
]
st.navigation(pages).run()
