"""The Streamlit review app's pages (thin: they call `analyser.views` and `analyser.review.service`, never SQL)."""
