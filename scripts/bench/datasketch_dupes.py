"""Times datasketch MinHash + MinHashLSH on shingle lists exported by
`cargo xtask bench dupes`, the peer side of that benchmark.

usage: datasketch_dupes.py INPUT THRESHOLD OUTPUT

INPUT: one document a line, `key<TAB>shingle<US>shingle...` (US = \\x1f),
shingles being folded words joined by spaces (the same ones the Rust side
hashes). Timed per document: MinHash(num_perm=128) + update_batch over the
UTF-8 shingles (signing), then lsh.query + lsh.insert. OUTPUT (JSON): the
banding, timings, the candidates of every document, and the bytes per
indexed document measured with tracemalloc on a sample.
"""
import json
import sys
import time
import tracemalloc

from datasketch import MinHash, MinHashLSH


def read(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, rest = line.rstrip("\n").partition("\t")
            shingles = [s.encode("utf-8") for s in rest.split("\x1f")] if rest else []
            docs.append((key, shingles))
    return docs


def main():
    path, threshold, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    docs = read(path)
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    candidates = {}
    sign_s = 0.0
    t0 = time.perf_counter()
    for key, shingles in docs:
        t1 = time.perf_counter()
        m = MinHash(num_perm=128)
        if shingles:
            m.update_batch(shingles)
        sign_s += time.perf_counter() - t1
        found = lsh.query(m)
        if found:
            candidates[key] = found
        lsh.insert(key, m)
    total = time.perf_counter() - t0

    # Memory: the LSH index alone (MinHash objects not kept), on a sample.
    sample = docs[: min(2000, len(docs))]
    sigs = []
    for key, shingles in sample:
        m = MinHash(num_perm=128)
        if shingles:
            m.update_batch(shingles)
        sigs.append((key, m))
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    small = MinHashLSH(threshold=threshold, num_perm=128)
    for key, m in sigs:
        small.insert(key, m)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    lsh_bytes = sum(s.size_diff for s in after.compare_to(before, "filename"))
    minhash_bytes = sigs[0][1].hashvalues.nbytes if sigs else 0

    json.dump(
        {
            "bands": lsh.b,
            "rows": lsh.r,
            "docs": len(docs),
            "seconds": total,
            "sign_seconds": sign_s,
            "candidates": candidates,
            "lsh_bytes_per_doc": lsh_bytes / max(1, len(sample)),
            "minhash_bytes_per_doc": minhash_bytes,
        },
        open(out, "w"),
    )


if __name__ == "__main__":
    main()
