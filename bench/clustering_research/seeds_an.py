import pandas as pd, sys; pd.set_option('display.width',250); pd.set_option('display.max_rows',300)
ds=sys.argv[1]
a=pd.read_csv(f'tune_stage1_{ds}.csv'); a.insert(0,'seed',42)
b=pd.read_csv(f'tune_seeds_{ds}.csv'); d=pd.concat([a,b])
d['ms']=d['ms'].fillna(0).astype(int)
d=d[d.nn.isin([10,15])&d.nc.isin([5,10])]
k=['set','nn','nc','mcs','ms','method','eps']
g=d.groupby(k).agg(n=('seed','nunique'),nmi=('nmi','mean'),ari=('ari','mean'),noise=('noise','mean'),k=('k','mean'),nmi_re=('nmi_re','mean'),nmi_re_sd=('nmi_re','std'),ari_re=('ari_re','mean')).reset_index()
g=g[g.n==3]
print(g.sort_values('nmi_re',ascending=False).groupby('set').head(6).round(4).to_string(index=False))
print("seed sd of nmi_re: median", g.nmi_re_sd.median().round(4))
sel=g[(g.method=='eom')&(g.eps==0)]
print(sel.groupby(['mcs','ms'])[['nmi','nmi_re','ari_re','noise']].mean().sort_values('nmi_re',ascending=False).round(4).head(12))
print(g.groupby(['nn','nc'])[['nmi_re']].mean())
print(g.groupby(['method','eps'])[['nmi','nmi_re','noise']].mean())
