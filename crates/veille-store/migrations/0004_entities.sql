-- Entities (persons, organisations, places) and their mentions, filled
-- incrementally by the engine's entity stage as documents are ingested.

-- One row per entity, keyed by its grouping key (`country:AM`, `geo:616052`
-- for a GeoNames place, `per:`/`org:`/`loc:` and a transliteration key).
-- Places carry coordinates and a precision (`country`, `city`); persons the
-- country of their role when one was seen.
CREATE TABLE entities (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place')),
    canonical TEXT NOT NULL,
    country   TEXT,
    lat       REAL,
    lon       REAL,
    geonameid INTEGER,
    precision TEXT CHECK (precision IN ('country', 'city'))
) STRICT;

-- A mention: the byte span of the name in `documents.text`, its sentence,
-- the words as written (`surface`, the aliases of the entity), how it
-- names the entity (`name`, `demonym`, `metonym`) and the role words around
-- a person.
CREATE TABLE entity_mentions (
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    via        TEXT NOT NULL CHECK (via IN ('name', 'demonym', 'metonym')),
    role       TEXT,
    PRIMARY KEY (doc_id, byte_start, entity_id)
) WITHOUT ROWID, STRICT;

CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id, doc_id);

-- The highest document id whose entities are recorded.
CREATE TABLE entity_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_doc INTEGER NOT NULL
) STRICT;
