"""Exploratory grid (research only). Writes tune_<stage>_<dataset>.csv.

stage1: every embedding set x UMAP grid x HDBSCAN grid; scores noise-counted and
        noise-reassigned (nearest centroid, no threshold), no merge.
stage2: post-processing grid (merge threshold x reassignment threshold) on given configs.
"""
import sys
import itertools
import time
import csv
import os

from embed import get_embeddings, load_dataset
from clus import umap_reduce, hdbscan_labels, reassign_noise, merge_close, scores, concat, l2n

SETS = {
    "minilm": ("minilm",), "use": ("use",), "e5": ("e5",),
    "minilm+use": ("minilm", "use"), "minilm+e5": ("minilm", "e5"), "e5+use": ("e5", "use"),
    "minilm+e5+use": ("minilm", "e5", "use"),
}


def emb_set(name, ds):
    return concat(*[get_embeddings(b, ds)[0] for b in SETS[name]]) if "+" in name \
        else l2n(get_embeddings(name, ds)[0])


def stage1(ds, sets, nns, ncs, seeds=(42,)):
    _, y = load_dataset(ds)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       f"tune_stage1_{ds}.csv" if tuple(seeds) == (42,) else f"tune_seeds_{ds}.csv")
    new = not os.path.exists(out)
    f = open(out, "a", newline="")
    w = csv.writer(f)
    if new:
        w.writerow(["seed", "set", "nn", "nc", "mcs", "ms", "method", "eps", "umap_s",
                    "nmi", "ari", "noise", "k", "nmi_re", "ari_re", "k_re"])
    for s in sets:
        X = emb_set(s, ds)
        for seed, nn, nc in itertools.product(seeds, nns, ncs):
            Z, ut = umap_reduce(X, nn, nc, random_state=seed)
            for mcs, ms, m, eps in itertools.product([8, 10, 12, 15, 20], [1, 3, 5, 10, None],
                                                     ["eom", "leaf"], [0.0, 0.25]):
                lab, _ = hdbscan_labels(Z, mcs, ms, m, eps)
                a = scores(y, lab)
                b = scores(y, reassign_noise(X, lab))
                w.writerow([seed, s, nn, nc, mcs, ms, m, eps, round(ut, 2), round(a["nmi"], 4), round(a["ari"], 4),
                            round(a["noise"], 4), a["k"], round(b["nmi"], 4), round(b["ari"], 4), b["k"]])
            f.flush()
            print(time.strftime("%H:%M:%S"), ds, s, seed, nn, nc, "umap %.1fs" % ut, flush=True)


if __name__ == "__main__":
    stage = sys.argv[1]
    if stage == "stage1":
        ds = sys.argv[2]
        sets = sys.argv[3].split(",")
        nns = [int(v) for v in sys.argv[4].split(",")]
        ncs = [int(v) for v in sys.argv[5].split(",")]
        seeds = [int(v) for v in sys.argv[6].split(",")] if len(sys.argv) > 6 else [42]
        stage1(ds, sets, nns, ncs, seeds)
