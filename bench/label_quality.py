"""Bench: label the sample's clusters with each available provider; latency, tokens/s, fallback rate and a quality check.

Quality: for each planted issue of data/samples/ground_truth.json, take the cluster holding most of
its tickets; embed that cluster's generated title with the project's embedder; the title is a hit
when it is closer to its own planted issue's description than to every other planted description.
The same check on a keywords-only title (top 3 keywords) is printed as the baseline.

    python bench/label_quality.py --db /work/devdb/sample.duckdb
    python bench/label_quality.py --db DB --openai-base-url http://localhost:11434/v1 --openai-model mistral --clusters 20
    python bench/label_quality.py --db DB --gguf model.gguf --llama-python /path/venv/bin/python --clusters 12

The database is copied first (never written). `--llama-python` is a Python with llama-cpp-python[server]
installed: the bench starts its OpenAI-compatible server on loopback and talks to it as provider "openai".
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyser.config import Settings  # noqa: E402
from analyser.db import session  # noqa: E402
from analyser.stages.embed import build_embedder  # noqa: E402
from analyser.stages.label.providers import OpenAICompatibleChat  # noqa: E402
from analyser.stages.label.run import label_run  # noqa: E402
from analyser.stages.label.store import current_labels  # noqa: E402


def planted_clusters(database: Path, run_id: str, planted: list[dict]) -> list[tuple[dict, str, float]]:
    """(planted issue, the cluster holding most of its tickets, capture share)."""
    result = []
    with session(database) as conn:
        for issue in planted:
            rows = conn.execute(
                "SELECT cluster_id, count(*) FROM assignments WHERE run_id = ? AND cluster_id IS NOT NULL "
                "AND list_contains(?, ticket_id) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
                [run_id, issue["ticket_ids"]],
            ).fetchall()
            if rows:
                result.append((issue, rows[0][0], rows[0][1] / len(issue["ticket_ids"])))
    return result


def hit_rate(titles: dict[str, str], planted: list[tuple[dict, str, float]], embed, language: str) -> tuple[float, list[bool]]:
    descriptions = embed([issue[f"description_{language}"] for issue, _, _ in planted])
    hits = []
    for index, (_, cluster_id, _) in enumerate(planted):
        title = titles.get(cluster_id)
        if not title:
            hits.append(False)
            continue
        similarity = descriptions @ embed([title])[0]
        hits.append(int(np.argmax(similarity)) == index)
    return sum(hits) / max(len(hits), 1), hits


@contextmanager
def llama_server(python: str, gguf: Path, context: int):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [python, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(context)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("llama.cpp server did not start within 120 s")
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        process.wait(timeout=30)


def bench_provider(name: str, source_db: Path, chat, order: list[str], budget: int | None, embedder, planted, language: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.duckdb"
        shutil.copy2(source_db, database)
        settings = Settings(database=database)
        llm = {"language": language, "time_limit_seconds": 24 * 3600.0}
        if budget is not None:
            llm["max_clusters_per_run"] = budget
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update=llm)})
        open_session = lambda: session(database)  # noqa: E731
        with open_session() as conn:
            run_id = conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]
            conn.execute("DELETE FROM run_labels")  # a private copy: every cluster is labelled afresh, nothing cached
            conn.execute("DELETE FROM cluster_labels")
        started = time.perf_counter()
        report = label_run(open_session, run_id, settings, chat, embed=embedder.embed, order=order)
        wall = time.perf_counter() - started
        with open_session() as conn:
            labels = current_labels(conn)
            rows = conn.execute(
                "SELECT latency_ms, completion_tokens, fallback FROM cluster_labels l JOIN run_labels r USING (label_id) "
                "WHERE r.run_id = ? AND r.reason = 'generated'", [run_id],
            ).fetchall()
    latencies = [row[0] for row in rows if row[0] is not None]
    tokens = sum(row[1] or 0 for row in rows)
    rate, hits = hit_rate({cid: label.title for cid, label in labels.items()}, planted, embedder.embed, language)
    return {
        "provider": name, "generated": len(rows), "wall_s": wall,
        "latency_ms_mean": statistics.mean(latencies) if latencies else None,
        "latency_ms_p95": sorted(latencies)[int(0.95 * (len(latencies) - 1))] if latencies else None,
        "tokens_per_s": tokens / (sum(latencies) / 1000) if tokens and latencies else None,
        "fallback_rate": sum(bool(row[2]) for row in rows) / max(len(rows), 1),
        "planted_title_hit_rate": rate, "hits": hits, "report": report.as_dict(), "labels": labels,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a database after `analyser run` on the bundled sample")
    parser.add_argument("--language", default="fr", choices=["fr", "en"])
    parser.add_argument("--openai-base-url")
    parser.add_argument("--openai-model")
    parser.add_argument("--gguf", type=Path)
    parser.add_argument("--llama-python", help="a Python with llama-cpp-python[server] (for --gguf)")
    parser.add_argument("--clusters", type=int, default=20, help="LLM providers label this many clusters (planted ones first)")
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()

    truth = json.loads((REPO / "data" / "samples" / "ground_truth.json").read_text(encoding="utf-8"))
    embedder = build_embedder(Settings().embedding.model, None)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.duckdb"
        shutil.copy2(args.db, source)
        with session(source) as conn:
            run_id = conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]
            by_size = [r[0] for r in conn.execute("SELECT cluster_id FROM clusters WHERE run_id = ? ORDER BY size DESC", [run_id]).fetchall()]
            keywords = dict(conn.execute("SELECT cluster_id, keywords FROM clusters WHERE run_id = ?", [run_id]).fetchall())
        planted = planted_clusters(source, run_id, truth["planted_issues"])
        order = list(dict.fromkeys([cid for _, cid, _ in planted] + by_size))
        print(f"run {run_id}: {len(by_size)} clusters; planted issues -> cluster (capture):")
        for issue, cid, capture in planted:
            print(f"  {issue['key']:<34} {cid}  {capture:.0%}")
        baseline, _ = hit_rate({cid: ", ".join(words[:3]) for cid, words in keywords.items()}, planted, embedder.embed, args.language)
        results = [bench_provider("extractive", source, None, order, None, embedder, planted, args.language)]
        if args.openai_base_url and args.openai_model:
            chat = OpenAICompatibleChat(args.openai_base_url, args.openai_model, timeout_seconds=300)
            results.append(bench_provider(f"openai:{args.openai_model}", source, chat, order, args.clusters, embedder, planted, args.language))
        if args.gguf and args.llama_python:
            with llama_server(args.llama_python, args.gguf, 4096) as url:
                chat = OpenAICompatibleChat(url, args.gguf.stem, timeout_seconds=600, max_retries=0)
                results.append(bench_provider(f"llama.cpp:{args.gguf.stem}", source, chat, order, args.clusters, embedder, planted,
                                              args.language))

    print(f"\nkeywords-only titles (baseline): planted-issue hit rate {baseline:.0%}\n")
    header = f"{'provider':<40} {'labelled':>8} {'wall s':>8} {'ms/cluster':>10} {'p95 ms':>8} {'tok/s':>7} {'fallback':>8} {'hit rate':>8}"
    print(header)
    print("-" * len(header))
    for r in results:
        fmt = lambda v, f: format(v, f) if v is not None else "-"  # noqa: E731
        print(f"{r['provider']:<40} {r['generated']:>8} {r['wall_s']:>8.1f} {fmt(r['latency_ms_mean'], '>10.0f')} "
              f"{fmt(r['latency_ms_p95'], '>8.0f')} {fmt(r['tokens_per_s'], '>7.1f')} {r['fallback_rate']:>8.0%} "
              f"{r['planted_title_hit_rate']:>8.0%}")
    for r in results:
        print(f"\n=== {r['provider']}: planted hits {r['hits']}; first errors: {r['report']['errors'][:2]}")
        for issue, cid, _ in planted[: args.samples]:
            label = r["labels"].get(cid)
            if label:
                print(f"\n[{cid}] planted: {issue['key']}  (provider {label.provider}{', FALLBACK' if label.fallback else ''})")
                print(f"  title:    {label.title}\n  stage:    {label.journey_stage}\n  summary:  {label.summary}")
                print(f"  expected: {label.expected_instead}")


if __name__ == "__main__":
    main()
