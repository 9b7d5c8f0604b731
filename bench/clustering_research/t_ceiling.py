import numpy as np
from sklearn.cluster import KMeans, AgglomerativeClustering
from embed import *; from clus import *
_,y=load_dataset('b77_test')
E={b:l2n(get_embeddings(b,'b77_test')[0]) for b in ['minilm','e5','use']}
E['minilm+e5']=concat(E['minilm'],E['e5']); E['minilm+use']=concat(E['minilm'],E['use'])
for name,X in E.items():
    out=[]
    for k in (77,):
        lab=KMeans(k,n_init=3,random_state=0).fit_predict(X); s=scores(y,lab); out.append('km77 %.3f/%.3f'%(s['nmi'],s['ari']))
        lab=AgglomerativeClustering(k,linkage='average',metric='cosine').fit_predict(X); s=scores(y,lab); out.append('avg77 %.3f/%.3f'%(s['nmi'],s['ari']))
        lab=AgglomerativeClustering(k,linkage='ward').fit_predict(X); s=scores(y,lab); out.append('ward77 %.3f/%.3f'%(s['nmi'],s['ari']))
    print(name,' | '.join(out),flush=True)
