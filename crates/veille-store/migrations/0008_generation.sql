-- Schema v8: a store generation, bumped by every write that changes what a
-- read returns, in the same transaction as the write.
--
-- A reader that keeps answers (the HTTP server's cache) asks "has anything
-- changed since?" with one primary-key read of this row instead of counting
-- documents and reading every stage's progress mark. The bumps are triggers,
-- so every writer (this process, another `veille ingest`, an older binary
-- of this schema) moves the counter, and they commit or roll back with the
-- write they count.
--
-- What is watched: the documents (every version, inserted, updated or
-- deleted), the ingest batches and errors, the story and event rows, and the
-- progress mark of every derived stage. A stage records its results and its
-- mark in one transaction (`veille_engine::stage`), so a mark's trigger
-- counts the results written beside it; resetting a stage deletes its mark.
-- Result tables with one row per sentence or mention are not watched
-- directly: a trigger per row would cost every ingest more than it saves.
-- A new stage's `*_progress` table needs the same three triggers (a store
-- test fails until it has them).
CREATE TABLE generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;

INSERT INTO generation (id, n) VALUES (1, 0);

CREATE TRIGGER generation_documents_insert AFTER INSERT ON documents
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_documents_update AFTER UPDATE ON documents
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_documents_delete AFTER DELETE ON documents
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_batches_insert AFTER INSERT ON batches
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_batches_update AFTER UPDATE ON batches
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_batches_delete AFTER DELETE ON batches
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_ingest_errors_insert AFTER INSERT ON ingest_errors
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_ingest_errors_update AFTER UPDATE ON ingest_errors
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_ingest_errors_delete AFTER DELETE ON ingest_errors
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_stories_insert AFTER INSERT ON stories
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_stories_update AFTER UPDATE ON stories
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_stories_delete AFTER DELETE ON stories
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_events_insert AFTER INSERT ON events
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_events_update AFTER UPDATE ON events
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_events_delete AFTER DELETE ON events
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_dedup_progress_insert AFTER INSERT ON dedup_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dedup_progress_update AFTER UPDATE ON dedup_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dedup_progress_delete AFTER DELETE ON dedup_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_extract_progress_insert AFTER INSERT ON extract_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_extract_progress_update AFTER UPDATE ON extract_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_extract_progress_delete AFTER DELETE ON extract_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_entity_progress_insert AFTER INSERT ON entity_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_entity_progress_update AFTER UPDATE ON entity_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_entity_progress_delete AFTER DELETE ON entity_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_cluster_progress_insert AFTER INSERT ON cluster_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_cluster_progress_update AFTER UPDATE ON cluster_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_cluster_progress_delete AFTER DELETE ON cluster_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER generation_search_progress_insert AFTER INSERT ON search_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_search_progress_update AFTER UPDATE ON search_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER generation_search_progress_delete AFTER DELETE ON search_progress
BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
