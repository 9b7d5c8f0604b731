import pandas as pd
rows=[]
for ds in ['tickets','tickets_clean']:
    d=pd.read_csv(f'tickets_grid_{ds}.csv'); d['ms']=d['ms'].fillna(0).astype(int); d['merge_t']=d['merge_t'].fillna(0)
    q=d[(d.method=='eom')&(d.merge_t==0)&(d.mcs.isin([10,15,30]))&(d.ms.isin([0,1,3]))]
    for _,r in q.iterrows():
        rows.append(f"| {ds} | {r.backend} | {r.mcs} | {'None' if r.ms==0 else r.ms} | {r.nmi:.3f} / {r.ari:.3f} | {r.nmi_re:.3f} / {r.ari_re:.3f} | {r.noise:.1%} | {r.k} | {r.planted_f1_mean:.2f} / {r.planted_f1_min:.2f} |")
t="| data | backend | mcs | min_samples | NMI / ARI noise counted | NMI / ARI reassigned | noise | clusters | planted F1 mean / min |\n|---|---|---|---|---|---|---|---|---|\n"+"\n".join(rows)
s=open('RESULTS.md').read().replace('TICKETS_GRID_PLACEHOLDER',t); open('RESULTS.md','w').write(s)
print(t)
