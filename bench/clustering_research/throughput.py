"""Embedding throughput (texts/s), warm, on a fixed random sample of each dataset (research only).

    throughput.py [n=600]
Prints backend x dataset texts/s and the load average at the time (the machine is shared).
"""
import os
import sys
import time
import random

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from embed import load_dataset, tickets_available, embed_raw, load_backend  # noqa: E402

n = int(sys.argv[1]) if len(sys.argv) > 1 else 600
datasets = ["b77_test"] + (["tickets"] if tickets_available() else [])
print("| backend | dataset | sample | mean chars | texts/s | load avg (1 min) |")
print("|---|---|---|---|---|---|")
for b in ["use", "minilm", "e5"]:
    load_backend(b)
    for ds in datasets:
        texts, _ = load_dataset(ds)
        sample = random.Random(0).sample(texts, min(n, len(texts)))
        embed_raw(b, sample[:32])
        t0 = time.perf_counter()
        embed_raw(b, sample)
        dt = time.perf_counter() - t0
        chars = sum(map(len, sample)) / len(sample)
        print(f"| {b} | {ds} | {len(sample)} | {chars:.0f} | {len(sample) / dt:.0f} | {os.getloadavg()[0]:.1f} |", flush=True)
