"""The review app: `streamlit run app.py` (or `make app`). A router over the pages in `analyser/ui/`.

The database comes from analyser.toml / $ANALYSER_CONFIG / $ANALYSER_DATABASE, like the CLI.
Each page is a two-line script in analyser/ui/pages/ that calls its module's render().
"""

import streamlit as st

from analyser.ui import shell
from analyser.ui.i18n import t

st.set_page_config(page_title="Analyser", layout="wide")
lang = st.session_state.get("language", "fr")
PAGE_FILES = {
    "signals": "page_signals", "cluster": "page_cluster", "map": "page_map",
    "journey": "page_journey", "queue": "page_queue", "candidates": "page_candidates",
}
shell.PAGES.update(
    {
        name: st.Page(f"analyser/ui/pages/{name}.py", title=t(title, lang), url_path=name, default=name == "signals")
        for name, title in PAGE_FILES.items()
    }
)
st.navigation(list(shell.PAGES.values())).run()
