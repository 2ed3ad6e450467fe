-- What is wrong with a batch file as a whole (French, for operators): truncated in transit, its
-- cross-reference table rebuilt. Such a batch is read, never as if whole.
ALTER TABLE batches ADD COLUMN warnings text[] NOT NULL DEFAULT '{}';
