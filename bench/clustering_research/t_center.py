import itertools, numpy as np
from embed import *; from clus import *
_,y=load_dataset('b77_test')
for b in ['e5','minilm']:
    X0=l2n(get_embeddings(b,'b77_test')[0])
    S=X0[:500]@X0[:500].T; print(b,'mean pairwise cos',S.mean().round(3))
    Xc=l2n(X0-X0.mean(0))
    for name,X in [('raw',X0),('center',Xc)]:
        Z,dt=umap_reduce(X,15,5)
        for mcs,ms,m,eps in [(10,None,'eom',0),(8,1,'leaf',0.25),(10,3,'eom',0),(10,5,'leaf',0)]:
            lab,_=hdbscan_labels(Z,mcs,ms,m,eps)
            a=scores(y,lab); r=scores(y,reassign_noise(X,lab))
            print(b,name,mcs,ms,m,eps,'nc %.3f/%.3f noise %.3f k %d | re %.3f/%.3f'%(a['nmi'],a['ari'],a['noise'],a['k'],r['nmi'],r['ari']),flush=True)
