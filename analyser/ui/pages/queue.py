"""Page entry script (st.navigation runs it); the page itself is analyser.ui.queue_page."""

from analyser.ui import queue_page

queue_page.render()
