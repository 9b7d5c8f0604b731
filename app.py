"""Streamlit review app: not built yet.

The review app (signals, cluster pages, map, journey, review queue, use-case candidates) is the
subject of its own issue. Until then the data is reachable through `analyser status`, the
quarantine listing and DuckDB itself (see README).
"""

if __name__ == "__main__":
    raise SystemExit("The review app is not built yet: use `analyser status` (see README).")
