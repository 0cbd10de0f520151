-- Schema v3: what documents claim, filled by the engine's extraction stage
-- (veille-extract) as documents are ingested. Spans are byte offsets into
-- `documents.text` (the cleaned text), or into `documents.title` for a
-- finding of the title (`sentence_idx` NULL); `sent_start`/`sent_end` is the
-- sentence (or the whole title) the finding was read from. Rows of a
-- document are numbered by `idx` in reading order and are rewritten as a
-- whole, so recording a document twice leaves the same rows.

-- A casualty or displacement figure: `min`..`max` (`max` NULL when
-- open-ended: "au moins 70"), who the victims are, where and when, who
-- claims it and whom it accuses.
CREATE TABLE casualty_facts (
    doc_id          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    sentence_idx    INTEGER,
    sent_start      INTEGER NOT NULL,
    sent_end        INTEGER NOT NULL,
    -- the number phrase ("au moins 70", "21 civils")
    byte_start      INTEGER NOT NULL,
    byte_end        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN
                        ('killed', 'injured', 'missing', 'captured', 'displaced', 'evacuated')),
    min             INTEGER NOT NULL,
    max             INTEGER,
    approximate     INTEGER NOT NULL,
    victim_category TEXT,
    victim_side     TEXT,
    place           TEXT,
    -- ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or a TIMEX3 value such as
    -- 2020-10-28TEV), its granularity, where it comes from ('sentence': a
    -- date of the sentence resolved against the publication date;
    -- 'published': the document's date), its span when read from the
    -- sentence, and which end of a period it is ('start' for "depuis le 27
    -- septembre")
    date            TEXT,
    date_granularity TEXT,
    date_from       TEXT CHECK (date_from IN ('sentence', 'published')),
    date_start      INTEGER,
    date_end        INTEGER,
    date_edge       TEXT CHECK (date_edge IN ('start', 'end')),
    -- a running toll ("depuis le 27 septembre", "au total") rather than one incident
    cumulative      INTEGER NOT NULL,
    -- no count is written: one victim read from a singular report
    implicit        INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_start   INTEGER,
    claimed_end     INTEGER,
    accused         TEXT,
    accused_start   INTEGER,
    accused_end     INTEGER,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID, STRICT;

CREATE INDEX casualty_facts_kind ON casualty_facts(kind, doc_id);

-- A quote or a reported statement: who speaks (as written), the reporting
-- verb, what is said (inside the quotation marks when `direct`).
CREATE TABLE quotes (
    doc_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    sentence_idx  INTEGER,
    sent_start    INTEGER NOT NULL,
    sent_end      INTEGER NOT NULL,
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    cue           TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    direct        INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID, STRICT;

-- An accusation (`actor` accuses `target` of the content) or a denial
-- (`actor` denies the content).
CREATE TABLE stances (
    doc_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    sentence_idx  INTEGER,
    sent_start    INTEGER NOT NULL,
    sent_end      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('accusation', 'denial')),
    actor         TEXT NOT NULL,
    actor_start   INTEGER NOT NULL,
    actor_end     INTEGER NOT NULL,
    target        TEXT,
    target_start  INTEGER,
    target_end    INTEGER,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID, STRICT;

-- The highest document id whose claims are recorded: documents above it
-- (ingested with --defer, before this stage existed, or by a run killed
-- between a batch and its claims) are caught up when the stage is loaded.
CREATE TABLE extract_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_doc INTEGER NOT NULL
) STRICT;
