-- What the worker noticed on a deposited piece, for a guichet to check (the piece stays).
ALTER TABLE pieces
    -- Perceptual hash of the first photo's page, 256 bits in hex (near-duplicate photos).
    ADD COLUMN phash text,
    -- French text shown to guichets: probable duplicate, type the reading disagrees with.
    ADD COLUMN check_reason text,
    ADD COLUMN duplicate_of uuid REFERENCES pieces (id);
CREATE INDEX pieces_phash ON pieces (demande) WHERE phash IS NOT NULL;
