#!/usr/bin/env python3
"""Where the event clusterer splits GVA incidents, and what linking follow-up
reports by shared rare names would gain (reports/clustering.md).

    cargo run --release -p xtask -- eval clustering --dump /tmp/assign.tsv
    python3 scripts/analysis/gva_splits.py /tmp/assign.tsv

Reads the gold articles from $VEILLE_DATA (default ../shared/data). Prints the
gold pairs of documents by days apart, with how many the clusterer put in
different events, then the B-cubed figures after merging predicted events
whose documents share k or more rare capitalised names (document frequency
<= maxdf) and a TF-IDF cosine >= th: an offline estimate, not the engine.
"""
import collections, csv, datetime, itertools, json, math, os, re, sys

data = os.environ.get("VEILLE_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
path = os.path.join(data, "gva/articles.jsonl")
if not os.path.exists(path):
    sys.exit(f"skipped: {path} not found (set VEILLE_DATA)")
docs = [json.loads(l) for l in open(path) if l.strip()]
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["set"] == "gva"]
gold = [d["incident_uri"] for d in docs]
assert [r["gold"] for r in rows] == gold, "the dump is not of this GVA file"
pred = [r["event"] for r in rows]
date = [datetime.date.fromisoformat(d["dct"][:10]) for d in docs]


def b3(pred, gold):
    both = collections.Counter(zip(pred, gold))
    ps, gs = collections.Counter(pred), collections.Counter(gold)
    p = sum(both[(a, b)] / ps[a] for a, b in zip(pred, gold)) / len(pred)
    r = sum(both[(a, b)] / gs[b] for a, b in zip(pred, gold)) / len(pred)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}"


by_gold = collections.defaultdict(list)
for i, g in enumerate(gold):
    by_gold[g].append(i)
limits = (0, 1, 3, 7, 14, 30, 90, 365, 10**6)
pairs, split = collections.Counter(), collections.Counter()
for v in by_gold.values():
    for a, b in itertools.combinations(v, 2):
        gap = abs((date[a] - date[b]).days)
        k = next(l for l in limits if gap <= l)
        pairs[k] += 1
        split[k] += pred[a] != pred[b]
print("| days apart (at most) | gold pairs | in different events |\n|---|---|---|")
for k in limits:
    print(f"| {k if k < 10**6 else 'more'} | {pairs[k]} | {split[k]} |")
print(f"\nclusterer: {b3(pred, gold)}")

cap = re.compile(r"\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)+)")
stop = set("The A An In On At Police Sheriff County City Street Avenue Road Department Office News Court "
           "Mr Mrs Ms Dr Officer Sgt Lt Chief Deputy Detective Copyright All Rights Reserved Associated Press".split())
stop |= {datetime.date(2001, 1, d).strftime("%A") for d in range(1, 8)}
stop |= {datetime.date(2001, m, 1).strftime("%B") for m in range(1, 13)}
places = re.compile(r"Hospital|Center|Medical|Street|Avenue|Road|Drive|Park|County|School|University|Village|"
                    r"Apartments|Church|Police|Department|Court|State|North|South|East|West|Photo|Wikipedia|"
                    r"Images|Stor(y|ies)|Killed|Shot|Shooting|Fire|Weekend|Homicide|Herald|News|Times|Jail|Health")


def names(t):
    out = set()
    for m in cap.finditer(t):
        w = [x for x in m.group(1).split() if x not in stop]
        if len(w) >= 2:
            out.add(" ".join(w))
    return out


N = [names(d["title"] + "\n" + d["content"][:4000]) for d in docs]
df = collections.Counter(n for s in N for n in s)
word = re.compile(r"[a-z]{3,}")
bags = [collections.Counter(word.findall((d["title"].lower() + " ") * 3 + d["content"][:3000].lower())) for d in docs]
wdf = collections.Counter(w for b in bags for w in b)


def unit(b):
    x = {w: c * math.log(len(docs) / wdf[w]) for w, c in b.items() if wdf[w] > 1}
    s = math.sqrt(sum(a * a for a in x.values())) or 1.0
    return {w: a / s for w, a in x.items()}


vecs = [unit(b) for b in bags]


def cos(a, b):
    x, y = sorted((vecs[a], vecs[b]), key=len)
    return sum(c * y.get(w, 0.0) for w, c in x.items())


print("\n| rare = df ≤ | shared names ≥ | cosine ≥ | linked pairs | of one incident | after merging |\n|---|---|---|---|---|---|")
for maxdf, k, th in [(3, 1, 0.3), (3, 2, 0.1), (5, 2, 0.1), (5, 2, 0.3), (8, 2, 0.3)]:
    rare = [{n for n in s if df[n] <= maxdf and not places.search(n)} for s in N]
    inv = collections.defaultdict(list)
    for i, s in enumerate(rare):
        for n in s:
            inv[n].append(i)
    shared = collections.Counter(p for l in inv.values() for p in itertools.combinations(l, 2))
    linked = [p for p, c in shared.items() if c >= k and cos(*p) >= th]
    parent = {}

    def root(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in linked:
        parent[root(pred[a])] = root(pred[b])
    merged = [root(p) for p in pred]
    true = sum(gold[a] == gold[b] for a, b in linked)
    print(f"| {maxdf} | {k} | {th} | {len(linked)} | {true} | {b3(merged, gold)} |")

# The ceiling of events "within days": gold incidents cut wherever two
# consecutive reports are more than `w` days apart, scored against the gold.
print("\n| gold cut at gaps of more than (days) | events | B³ against the gold |\n|---|---|---|")
for w in (3, 7, 14, 30, 60):
    cut = [None] * len(docs)
    n = 0
    for v in by_gold.values():
        v = sorted(v, key=lambda i: date[i])
        for j, i in enumerate(v):
            if j == 0 or (date[i] - date[v[j - 1]]).days > w:
                n += 1
            cut[i] = n
    print(f"| {w} | {n} | {b3(cut, gold)} |")
