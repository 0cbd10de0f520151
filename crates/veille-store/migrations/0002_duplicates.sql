-- Schema v2: duplicate groups and the sentence-reuse graph, both filled
-- incrementally by the engine as documents are ingested.

-- One row per document that belongs to a group of two or more duplicates.
-- `group_id` is the canonical member (earliest publication, then first
-- ingested) and changes when an earlier copy arrives or groups merge.
-- `kind` is what the document was found to be when it was added: `first`
-- (it opened the group), `exact` or `near` copy of `of_doc`, with `score`
-- (1 for exact, the shingle Jaccard for near).
CREATE TABLE dup_members (
    doc_id   INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('first', 'exact', 'near')),
    of_doc   INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    score    REAL
) STRICT;

CREATE INDEX dup_members_group ON dup_members(group_id);

-- Document `doc_id` copies `sentences` of its sentences (`verbatim` of them
-- word for word) from the earlier document `source_doc_id`; `share` is
-- `sentences` over all sentences of `doc_id`.
CREATE TABLE reuse_links (
    doc_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source_doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentences     INTEGER NOT NULL,
    verbatim      INTEGER NOT NULL,
    share         REAL NOT NULL,
    PRIMARY KEY (doc_id, source_doc_id)
) WITHOUT ROWID, STRICT;

CREATE INDEX reuse_links_source ON reuse_links(source_doc_id);

-- The highest document id whose duplicates and reuse are recorded: the
-- engine treats every later document as new when it rebuilds its indexes,
-- so a run killed between a batch and its duplicate records catches up.
CREATE TABLE dedup_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_doc INTEGER NOT NULL
) STRICT;
