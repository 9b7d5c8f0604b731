"""Page entry script (st.navigation runs it); the page itself is analyser.ui.map_page."""

from analyser.ui import map_page

map_page.render()
