import json, os, numpy as np
rows = json.load(open('compare_main.json'))
if os.path.exists('compare_clean.json'):
    rows += json.load(open('compare_clean.json'))
short = {"BERTopic defaults": "BERTopic defaults (unseeded)",
         "recommended (seeded UMAP, mcs10, ms=None)": "**recommended** (seeded, mcs10, ms None)",
         "variant ms=3": "variant ms=3"}
out = ["| dataset | backend | method | texts/s | NMI / ARI noise counted | NMI / ARI noise reassigned | noise share | clusters | seconds (UMAP / HDBSCAN) | planted F1 mean / min |",
       "|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    nc, re = r["noise_counted"], r["reassigned"]
    if "t_umap" in r:
        sec = f"{r['t_umap']:.1f} / {r['t_hdbscan']:.2f}"
    else:
        sec = f"{r['seconds']:.1f} (whole BERTopic fit)"
    pf = r.get("planted_f1")
    pft = f"{np.mean(list(pf.values())):.2f} / {min(pf.values()):.2f}" if pf else "-"
    out.append(f"| {r['dataset']} | {r['backend']} | {short.get(r['method'], r['method'])} | {r['texts_per_s']:.0f} | "
               f"{nc['nmi']:.3f} / {nc['ari']:.3f} | {re['nmi']:.3f} / {re['ari']:.3f} | {nc['noise']:.1%} | {nc['k']} | {sec} | {pft} |")
t = "\n".join(out)
s = open('RESULTS.md').read()
if 'FINAL_TABLE_PLACEHOLDER' in s:
    s = s.replace('FINAL_TABLE_PLACEHOLDER', t)
else:
    a = s.index('| dataset | backend | method | texts/s | NMI / ARI noise counted')
    b = s.index('\n\n', a)
    s = s[:a] + t + s[b:]
open('RESULTS.md', 'w').write(s)
print(t)
