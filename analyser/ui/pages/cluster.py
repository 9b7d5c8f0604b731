"""Page entry script (st.navigation runs it); the page itself is analyser.ui.cluster_page."""

from analyser.ui import cluster_page

cluster_page.render()
