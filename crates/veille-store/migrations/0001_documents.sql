-- Schema v1: documents with their paragraphs and sentences, ingest batches
-- and the errors met while ingesting. Byte offsets are into `documents.text`
-- (the cleaned text). Tables are STRICT so that a wrongly typed value is an
-- error, not a silent conversion.

CREATE TABLE batches (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    inputs      INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    source_id        TEXT NOT NULL,
    origin           TEXT NOT NULL,
    origin_line      INTEGER,
    format           TEXT NOT NULL,
    url              TEXT,
    -- the cleaned title, and the title as the source gave it
    title            TEXT,
    source_title     TEXT,
    lead             TEXT,
    -- ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD): the resolved date,
    -- its precision, and the date as the source gave it
    published        TEXT,
    date_precision   TEXT,
    source_published TEXT,
    site             TEXT,
    author           TEXT,
    lang             TEXT NOT NULL,
    lang_confidence  REAL NOT NULL,
    lang_hint        TEXT,
    -- the raw body, NULL when identical to `text` (saves half the bytes of
    -- sources that need no cleaning)
    raw              TEXT,
    text             TEXT NOT NULL,
    -- OffsetMap anchors, zigzag-varint deltas (see src/codec.rs)
    offset_map       BLOB NOT NULL,
    -- JSON list of removals, NULL when nothing was removed
    removed          TEXT,
    -- JSON object of source fields veille has no column for, NULL when empty
    meta             TEXT,
    n_sentences      INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    ingested_at      TEXT NOT NULL,
    batch_id         INTEGER REFERENCES batches(id),
    UNIQUE (source_id, content_hash)
) STRICT;

-- The UNIQUE index above also serves lookups by source_id alone.
CREATE INDEX documents_content_hash ON documents(content_hash);
-- The listing order (dated documents by date then id, undated ones last):
-- a listing reads the first rows of this index and stops at its LIMIT.
CREATE INDEX documents_published ON documents(published IS NULL, published, id);

CREATE TABLE paragraphs (
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID, STRICT;

CREATE TABLE sentences (
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID, STRICT;

CREATE TABLE ingest_errors (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    line        INTEGER,
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;

CREATE INDEX ingest_errors_batch ON ingest_errors(batch_id);
