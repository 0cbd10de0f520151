-- Events and stories (issue 4), filled incrementally by the engine's cluster
-- stage: a document belongs to one event, an event to one story.

-- A story: events linked over weeks by shared actors, places and words.
-- `label` is the most central title of its documents; `first_date` and
-- `last_date` the span of their publication dates (NULL when none is dated).
CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    label      TEXT NOT NULL,
    first_date TEXT,
    last_date  TEXT
) STRICT;

-- An event: documents about one happening, within days.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    story_id   INTEGER NOT NULL REFERENCES stories(id),
    label      TEXT NOT NULL,
    first_date TEXT,
    last_date  TEXT
) STRICT;

CREATE INDEX events_story ON events(story_id);

-- The event of each clustered document. `seq` is the order in which the
-- clusterer took the documents (by publication date within a batch), so the
-- clusterer's state can be rebuilt by replaying them; `score` is the score
-- it joined with (for the document that opened the event, the best score
-- turned down).
CREATE TABLE event_members (
    doc_id   INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES events(id),
    seq      INTEGER NOT NULL UNIQUE,
    score    REAL NOT NULL
) STRICT;

CREATE INDEX event_members_event ON event_members(event_id);

-- A snapshot of the clusterer's state (an encoded blob, `format` naming the
-- encoding and settings) holding the members with `seq <= docs`; later
-- members are replayed from it in `seq` order when the engine loads.
CREATE TABLE cluster_state (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    format TEXT NOT NULL,
    docs   INTEGER NOT NULL,
    state  BLOB NOT NULL
) STRICT;

-- The highest document id the cluster stage has processed and the last
-- `seq` it gave: later documents are clustered when the engine next loads.
CREATE TABLE cluster_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_doc INTEGER NOT NULL,
    last_seq INTEGER NOT NULL
) STRICT;
