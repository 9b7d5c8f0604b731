"""Post-processing study (research only): centroid merge threshold, similarity space
(raw vs mean-centred embeddings), noise reassignment (centroid with threshold, kNN vote).
Uses the UMAP cache written by tune.py. Appends to pp_<dataset>.csv."""
import sys
import csv
import os
import itertools
import numpy as np

from embed import load_dataset
from clus import umap_reduce, hdbscan_labels, merge_close, reassign_noise, scores, l2n
from tune import emb_set


def knn_reassign(X, lab, k=10):
    out = lab.copy()
    noise = np.where(lab == -1)[0]
    keep = np.where(lab != -1)[0]
    if len(noise) == 0 or len(keep) == 0:
        return out
    S = X[noise] @ X[keep].T
    idx = np.argpartition(-S, kth=min(k, S.shape[1] - 1), axis=1)[:, :k]
    for r, i in enumerate(noise):
        labs = lab[keep[idx[r]]]
        w = S[r, idx[r]]
        votes = {}
        for l, s in zip(labs, w):
            votes[l] = votes.get(l, 0) + s
        out[i] = max(votes, key=votes.get)
    return out


def main(ds, configs, seeds=(42,)):
    _, y = load_dataset(ds)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"pp_{ds}.csv")
    new = not os.path.exists(path)
    f = open(path, "a", newline="")
    w = csv.writer(f)
    if new:
        w.writerow(["set", "nn", "nc", "mcs", "ms", "method", "eps", "seed", "space", "merge_t", "reassign",
                    "nmi_nc", "ari_nc", "noise_nc", "k", "nmi", "ari", "noise"])
    for (s, nn, nc, mcs, ms, method, eps) in configs:
        X = emb_set(s, ds)
        Xc = l2n(X - X.mean(0))
        for seed in seeds:
            Z, _ = umap_reduce(X, nn, nc, random_state=seed)
            lab, _ = hdbscan_labels(Z, mcs, ms, method, eps)
            for space, XX in (("raw", X), ("centred", Xc)):
                for t in (None, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7):
                    m = merge_close(XX, lab, t)
                    a = scores(y, m)
                    variants = [("centroid>=%.1f" % s_, reassign_noise(XX, m, s_)) for s_ in (-1.0, 0.3, 0.4, 0.5, 0.6, 0.7)]
                    variants.append(("knn10", knn_reassign(XX, m, 10)))
                    for name, r in variants:
                        b = scores(y, r)
                        w.writerow([s, nn, nc, mcs, ms, method, eps, seed, space, t, name,
                                    round(a["nmi"], 4), round(a["ari"], 4), round(a["noise"], 4), a["k"],
                                    round(b["nmi"], 4), round(b["ari"], 4), round(b["noise"], 4)])
            f.flush()
            print(ds, s, nn, nc, mcs, ms, method, eps, seed, "done", flush=True)


if __name__ == "__main__":
    ds = sys.argv[1]
    seeds = [int(v) for v in sys.argv[2].split(",")]
    cfgs = []
    for c in sys.argv[3:]:
        s, nn, nc, mcs, ms, method, eps = c.split(":")
        cfgs.append((s, int(nn), int(nc), int(mcs), None if ms in ("None", "0") else int(ms), method, float(eps)))
    main(ds, cfgs, seeds)
