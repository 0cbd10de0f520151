-- Schema v9: a place entity may have the precision `region` (an ADM1 region
-- located at the mean of its cities), which v4's CHECK did not allow: a
-- store of v4–v8 refused the first region mention ("CHECK constraint
-- failed") and the ingest stopped.
--
-- SQLite cannot change a CHECK in place, so the table is rebuilt (the
-- procedure of https://www.sqlite.org/lang_altertable.html, section 7). The
-- migration runs with foreign keys off (`schema::migrate`), so dropping the
-- old table does not cascade to `entity_mentions`, whose REFERENCES clause
-- names `entities` and binds to the rebuilt table; the runner checks every
-- foreign key before committing.
CREATE TABLE entities_v9 (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place')),
    canonical TEXT NOT NULL,
    country   TEXT,
    lat       REAL,
    lon       REAL,
    geonameid INTEGER,
    precision TEXT CHECK (precision IN ('country', 'region', 'city'))
) STRICT;

INSERT INTO entities_v9 (id, key, kind, canonical, country, lat, lon, geonameid, precision)
SELECT id, key, kind, canonical, country, lat, lon, geonameid, precision FROM entities;

DROP TABLE entities;

ALTER TABLE entities_v9 RENAME TO entities;
