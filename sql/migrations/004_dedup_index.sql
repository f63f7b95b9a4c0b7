-- 004: near-duplicate index. Forward-only: never edit a released migration, add a new one.
--
-- Cross-file near-duplicate detection (steps._mark_cross_batch_duplicates) compares each new
-- file with the stored documents that can be its duplicates only: those sharing an LSH band key
-- (pipelines.dedup.lsh_band_keys) and those by the same author. The keys are derived data:
-- deleting these tables only makes the next ingest index every stored document again.

-- LSH band keys of stored documents (one row per document and band; documents without any
-- shingle have none). Rows of documents later flagged as duplicates stay: readers join
-- documents and keep NOT is_duplicate.
CREATE TABLE IF NOT EXISTS doc_lsh (
    kind    VARCHAR NOT NULL,
    band    SMALLINT NOT NULL,
    bucket  UBIGINT NOT NULL,
    doc_id  VARCHAR NOT NULL,
    is_long BOOLEAN NOT NULL                -- >= min_words words: a repost by anyone counts
);

-- Which documents (at which text) have their keys in doc_lsh: a stored document missing here,
-- or whose text_hash changed, is compared and indexed by the next ingest of its kind.
CREATE TABLE IF NOT EXISTS doc_lsh_indexed (
    doc_id     VARCHAR PRIMARY KEY,
    kind       VARCHAR NOT NULL,
    text_hash  VARCHAR NOT NULL,
    n_shingles INTEGER NOT NULL         -- Jaccard >= t needs sizes within a factor t: a cheap
                                        -- filter on the same author's documents
);

-- The parameters the keys were computed with (pipelines.dedup.index_scheme); when they change
-- (another seed) both tables above are emptied and rebuilt.
CREATE TABLE IF NOT EXISTS doc_lsh_scheme (
    scheme VARCHAR PRIMARY KEY
);
