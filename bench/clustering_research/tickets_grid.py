"""HDBSCAN sensitivity on the French ticket sample (research only; reads cached embeddings,
one seeded UMAP per backend, nn=15 nc=5). Adds planted-issue best-cluster F1.
    tickets_grid.py tickets use,minilm,e5
Writes tickets_grid_<dataset>.csv."""
import sys
import os
import csv
import json
import itertools
import numpy as np

from embed import load_dataset, get_embeddings, TICKETS_GT
from clus import umap_reduce, hdbscan_labels, reassign_noise, merge_close, scores, l2n
from compare import planted_f1

ds = sys.argv[1]
backends = sys.argv[2].split(",")
_, y = load_dataset(ds)
y = np.asarray(y)
gt = [json.loads(l) for l in open(TICKETS_GT, encoding="utf-8") if l.strip()]
planted = sorted({g["topic"] for g in gt if g.get("planted")})
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"tickets_grid_{ds}.csv")
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["backend", "mcs", "ms", "method", "merge_t", "nmi", "ari", "noise", "k", "nmi_re", "ari_re",
                "planted_f1_mean", "planted_f1_min"] + planted)
    for b in backends:
        X = l2n(get_embeddings(b, ds)[0])
        Z, t = umap_reduce(X, 15, 5)
        print(b, "umap %.1fs" % t, flush=True)
        for mcs, ms, m, mt in itertools.product([10, 15, 20, 30, 50], [1, 3, 5, 10, None], ["eom", "leaf"],
                                                [None, 0.9, 0.85]):
            lab, _ = hdbscan_labels(Z, mcs, ms, m, 0.0)
            lab = merge_close(X, lab, mt)
            a = scores(y, lab)
            re = reassign_noise(X, lab)
            r = scores(y, re)
            pf = planted_f1(re, y, planted)
            w.writerow([b, mcs, ms, m, mt, round(a["nmi"], 4), round(a["ari"], 4), round(a["noise"], 4), a["k"],
                        round(r["nmi"], 4), round(r["ari"], 4), round(np.mean(list(pf.values())), 3),
                        round(min(pf.values()), 3)] + [round(pf[p], 3) for p in planted])
            f.flush()
