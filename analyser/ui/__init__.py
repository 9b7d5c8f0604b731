"""The Streamlit review app's pages (thin: they call `analyser.views` and `analyser.review`, never SQL)."""
