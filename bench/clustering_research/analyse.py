import sys, pandas as pd
pd.set_option("display.width", 250); pd.set_option("display.max_rows", 200)
df = pd.read_csv(sys.argv[1])
df["ms"] = df["ms"].fillna(0).astype(int)
print("best per set (by nmi_re):")
print(df.sort_values("nmi_re", ascending=False).groupby("set").head(3).sort_values(["set","nmi_re"], ascending=[True,False]).to_string(index=False))
print("\nbest per set (by nmi noise-counted):")
print(df.sort_values("nmi", ascending=False).groupby("set").head(1).to_string(index=False))
base = df[(df.nn==15)&(df.nc==5)&(df.mcs==10)&(df.ms==0)&(df.method=="eom")&(df.eps==0)]
print("\nBERTopic-equivalent (seeded):"); print(base.to_string(index=False))
