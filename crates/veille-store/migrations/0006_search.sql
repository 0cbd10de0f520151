-- Schema v6: full-text search over documents.
--
-- `search_docs` is a contentless FTS5 table (the text already lives in
-- `documents`): its rowid is the document id, and its two columns hold the
-- analysed terms of the title and of the cleaned text, space separated. The
-- terms are computed by veille (folded words without stop words, reduced to
-- their Snowball stem in the document's language), because FTS5 has no French
-- stemmer; the tokenizer below only splits them on spaces again. Snippets and
-- highlights are computed from `documents.text`, not from this table.
CREATE VIRTUAL TABLE search_docs USING fts5(
    title,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- The highest document id whose terms are in `search_docs`: documents above
-- it (`veille ingest --defer`, an older store) are indexed when the search
-- stage next loads.
CREATE TABLE search_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_doc INTEGER NOT NULL
) STRICT;
