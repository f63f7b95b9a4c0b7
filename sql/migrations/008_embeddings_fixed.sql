-- Embeddings as fixed-size arrays, read through Arrow as one numpy matrix
-- (pipelines/store/vector_tables.py). An ARRAY column has one size and embedders have
-- different ones, so there is one table per size, embeddings_<d>, and a map model -> size.
-- The old variable-size table is emptied in place: its 384-float rows (multilingual-e5-small)
-- move here; rows of other sizes move to their own tables and the old table is dropped by
-- vector_tables.adopt_unsized, in the same transaction as this file.

CREATE TABLE IF NOT EXISTS embedding_models (
    model_id VARCHAR PRIMARY KEY,
    dim      INTEGER NOT NULL          -- vector size: its vectors live in embeddings_<dim>
);

CREATE TABLE IF NOT EXISTS embeddings_384 (
    model_id  VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    vector    FLOAT[384] NOT NULL,
    PRIMARY KEY (model_id, text_hash)
);

-- Each model's size is the size of most of its vectors (a doctor fault if it has several).
INSERT INTO embedding_models
SELECT model_id, arg_max(dim, n) FROM (
    SELECT model_id, len(vector) AS dim, count(*) AS n FROM embeddings
    WHERE len(vector) > 0 GROUP BY model_id, len(vector)
) GROUP BY model_id;

INSERT INTO embeddings_384
SELECT model_id, text_hash, vector::FLOAT[384] FROM embeddings WHERE len(vector) = 384;
