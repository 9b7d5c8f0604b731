"""Page entry script (st.navigation runs it); the page itself is analyser.ui.journey_page."""

from analyser.ui import journey_page

journey_page.render()
