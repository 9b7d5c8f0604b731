"""Page entry script (st.navigation runs it); the page itself is analyser.ui.signals_page."""

from analyser.ui import signals_page

signals_page.render()
