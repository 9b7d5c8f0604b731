"""Page entry script (st.navigation runs it); the page itself is analyser.ui.candidates_page."""

from analyser.ui import candidates_page

candidates_page.render()
