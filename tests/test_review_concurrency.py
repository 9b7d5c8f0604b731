
"""THE concurrency test: a real `analyser run` in another process while this process writes reviews.

DuckDB lets one process at a time open the file. The pipeline opens short sessions and holds none
during long stages; review writes open their own short session with lock retries
(`analyser.db.session`). So a write may wait while the pipeline is inside one of its short
sessions, and must never be lost. The waits are printed (speed is not asserted in tests).
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from analyser.config import Settings
from analyser.db import session
from analyser.review import service as review
from conftest import REPO, SAMPLES

SETTINGS = Settings()  # the review rules and journey stages of the defaults

NEW_TICKETS = 2000  # under the UMAP refit share of the sample, so the run maps them into the stored fit


def write_new_tickets(path: Path, count: int) -> Path:
    """Sample rows under new ids with a reworded ending: new texts, so the run ingests, redacts and embeds them."""
    with (SAMPLES / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        rows = [row for _, row in zip(range(count), reader)]
    id_col, text_col = header.index("numero_ticket"), header.index("message")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for row in rows:
            row = list(row)
            row[id_col] = f"{row[id_col]}-BIS"
            row[text_col] = f"{row[text_col]} Je vous relance à ce sujet."
            writer.writerow(row)
    return path


def test_review_writes_during_a_pipeline_run_are_all_kept(sample_database_copy: Path, tmp_path: Path) -> None:
    database = sample_database_copy
    source = write_new_tickets(tmp_path / "new-tickets.csv", NEW_TICKETS)
    config = tmp_path / "analyser.toml"
    config.write_text(f'database = "{database}"\n[ingest]\nsources = ["{source}"]\n', encoding="utf-8")
    open_session = lambda: session(database, wait_seconds=60)  # noqa: E731
    with open_session() as conn:
        targets = [cid for cid, state in review.current_states(conn).items() if not state.archived][:25]

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "analyser"), "run", "--config", str(config), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env, text=True,
    )
    written: list[review.ReviewEvent] = []
    launched = time.perf_counter()
    waits: list[float] = []
    started_at: list[float] = []
    during: list[bool] = []
    index = 0
    try:
        while process.poll() is None:
            cid = targets[index % len(targets)]
            started = time.perf_counter()
            if index % 3 == 0:
                event = review.add_comment(open_session, cid, f"note {index} pendant le batch", "Alice")
            elif index % 3 == 1:
                event = review.rename(open_session, cid, f"Titre {index}", "Bob")
            else:
                event = review.tag(open_session, cid, f"lot{index}", "Carol", settings=SETTINGS)
            waits.append(time.perf_counter() - started)
            started_at.append(started - launched)
            during.append(process.poll() is None)
            written.append(event)
            index += 1
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
    stdout, stderr = process.communicate()
    assert process.returncode in (0, 1), stderr[-2000:]

    with open_session() as conn:
        stored = {e.event_id: e for cid in targets for e in review.history(conn, cid)}
        runs = conn.execute("SELECT count(*) FROM run_results").fetchall()[0][0]
        states = review.current_states(conn)
    assert runs == 2  # the concurrent run finished and its results are visible
    assert sum(during) >= 10, "the burst should overlap the run"
    assert [stored[e.event_id] for e in written] == written  # every write is there, exactly as written
    for cid in targets:  # and the derived state is the last write of each cluster
        last_title = [e.after["title"] for e in written if e.cluster_id == cid and e.action == "rename"]
        assert states[cid].title == (last_title[-1] if last_title else None)
    slowest = sorted(zip(waits, started_at), reverse=True)[:3]
    print(
        f"\nrun stages (s): {json.loads(stdout).get('seconds')}; run wall time {time.perf_counter() - launched:.1f}s; "
        f"slowest writes (wait, started at s after launch): {[(round(w, 2), round(t, 1)) for w, t in slowest]}"
    )
    print(
        f"review writes during `analyser run` ({NEW_TICKETS} new tickets): {len(written)} writes, "
        f"{sum(during)} while the run was going; wait per write: median {statistics.median(waits):.3f}s, "
        f"p95 {sorted(waits)[int(0.95 * (len(waits) - 1))]:.3f}s, max {max(waits):.3f}s"
    )
