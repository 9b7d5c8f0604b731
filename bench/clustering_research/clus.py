"""UMAP + HDBSCAN + post-processing helpers and metrics (research only)."""
import hashlib
import os
import time
import warnings

import numpy as np
from sklearn.metrics import adjusted_rand_score as ari_score
from sklearn.metrics import normalized_mutual_info_score as nmi_score

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
UCACHE = os.path.join(HERE, "cache", "umap")


def l2n(X):
    X = np.asarray(X, dtype=np.float32)
    return X / (np.linalg.norm(X, axis=1, keepdims=True) + 1e-12)


def concat(*Xs):
    """Concatenate L2-normalised blocks, renormalise (cosine = mean of block cosines)."""
    return l2n(np.hstack([l2n(X) for X in Xs]))


def umap_reduce(X, n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                random_state=42, cache=True):
    """Returns (Z, seconds). Cached on disk by content hash + params."""
    key = hashlib.sha1(X.tobytes()).hexdigest()[:12]
    name = f"{key}_nn{n_neighbors}_nc{n_components}_md{min_dist}_{metric}_rs{random_state}.npy"
    path = os.path.join(UCACHE, name)
    if cache and os.path.exists(path):
        return np.load(path), float(open(path + ".t").read())
    from umap import UMAP
    t0 = time.perf_counter()
    Z = UMAP(n_neighbors=n_neighbors, n_components=n_components, min_dist=min_dist,
             metric=metric, random_state=random_state, low_memory=False).fit_transform(X)
    dt = time.perf_counter() - t0
    if cache:
        os.makedirs(UCACHE, exist_ok=True)
        np.save(path, Z)
        open(path + ".t", "w").write(str(dt))
    return Z, dt


def hdbscan_labels(Z, min_cluster_size=10, min_samples=None, method="eom", epsilon=0.0):
    import hdbscan
    t0 = time.perf_counter()
    cl = hdbscan.HDBSCAN(min_cluster_size=min_cluster_size, min_samples=min_samples,
                         cluster_selection_method=method, cluster_selection_epsilon=epsilon,
                         metric="euclidean", core_dist_n_jobs=1)
    lab = cl.fit_predict(Z)
    return lab, time.perf_counter() - t0


def centroids(X, labels):
    ids = np.array(sorted(set(labels) - {-1}))
    C = np.vstack([X[labels == i].mean(0) for i in ids]) if len(ids) else np.zeros((0, X.shape[1]))
    return ids, l2n(C)


def merge_close(X, labels, t):
    """Greedy agglomeration: merge the two clusters whose (normalised-mean) centroids have
    the highest cosine, recompute, repeat while that cosine > t. X must be L2-normalised."""
    if t is None or t >= 1:
        return labels
    lab = labels.copy()
    ids, C = centroids(X, lab)
    sums = {i: X[lab == i].sum(0) for i in ids}
    ids = list(ids)
    while len(ids) > 1:
        Cm = l2n(np.vstack([sums[i] for i in ids]))
        S = Cm @ Cm.T
        np.fill_diagonal(S, -1)
        a, b = np.unravel_index(np.argmax(S), S.shape)
        if S[a, b] <= t:
            break
        ia, ib = ids[a], ids[b]
        lab[lab == ib] = ia
        sums[ia] = sums[ia] + sums.pop(ib)
        ids.pop(b)
    return lab


def reassign_noise(X, labels, min_sim=-1.0):
    """Give each noise point the label of the nearest cluster centroid (cosine in the
    embedding space) when that cosine >= min_sim; others stay -1."""
    lab = labels.copy()
    noise = lab == -1
    if not noise.any():
        return lab
    ids, C = centroids(X, lab)
    if len(ids) == 0:
        return lab
    S = X[noise] @ C.T
    best = S.argmax(1)
    ok = S[np.arange(len(best)), best] >= min_sim
    new = np.where(ok, ids[best], -1)
    lab[noise] = new
    return lab


def relabel(labels):
    """Map to 0..k-1 by cluster size (noise stays -1) for stable comparison."""
    out = np.full_like(labels, -1)
    ids, counts = np.unique(labels[labels != -1], return_counts=True)
    for new, i in enumerate(ids[np.argsort(-counts, kind="stable")]):
        out[labels == i] = new
    return out


def scores(y, labels):
    """NMI/ARI over all texts, noise (-1) counted as its own label."""
    return {
        "nmi": nmi_score(y, labels),
        "ari": ari_score(y, labels),
        "noise": float(np.mean(labels == -1)),
        "k": int(len(set(labels) - {-1})),
    }
