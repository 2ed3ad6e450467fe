-- The plan de classement, synced from plan-de-classement/plan.toml at start-up.
CREATE TABLE plan_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version integer NOT NULL,
    synced_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_categories (
    code text PRIMARY KEY,
    label text NOT NULL,
    position integer NOT NULL
);

CREATE TABLE plan_types (
    code text PRIMARY KEY,
    category text NOT NULL REFERENCES plan_categories (code),
    label text NOT NULL,
    piece_limit integer NOT NULL CHECK (piece_limit > 0),
    sensible boolean NOT NULL,
    position integer NOT NULL
);

-- The registry of demandes (imported from the national registry's CSV).
CREATE TABLE demandes (
    numero_unique text PRIMARY KEY CHECK (length(numero_unique) = 18),
    nom text NOT NULL,
    prenom text NOT NULL,
    date_naissance date NOT NULL,
    etat text NOT NULL CHECK (etat IN ('active', 'radiee')),
    departement text NOT NULL,
    guichet_code text NOT NULL,
    date_depot date NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A scanned batch: one file in object storage, processed by one message.
CREATE TABLE batches (
    id uuid PRIMARY KEY,
    sha256 text NOT NULL UNIQUE,
    object_key text NOT NULL,
    filename text,
    size_bytes bigint NOT NULL,
    status text NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
    pages_total integer,
    pages_done integer NOT NULL DEFAULT 0,
    blank_pages integer[] NOT NULL DEFAULT '{}',
    rejected_pages jsonb NOT NULL DEFAULT '[]',
    error text,
    deliveries integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Messages to publish, written in the same transaction as what they announce.
CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    queue text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;

-- An envelope of a batch, from its cover to the page before the next cover.
CREATE TABLE plis (
    id uuid PRIMARY KEY,
    batch_id uuid NOT NULL REFERENCES batches (id),
    first_page integer NOT NULL,
    last_page integer NOT NULL,
    cover_page integer,
    numero_lu text,
    demande text REFERENCES demandes (numero_unique),
    outcome text NOT NULL CHECK (outcome IN ('attached', 'unknown_numero', 'demande_radiee',
                                              'unreadable_cover', 'missing_cover', 'needs_review')),
    reason text NOT NULL DEFAULT '',
    cover_object_key text,
    blank_pages integer[] NOT NULL DEFAULT '{}',
    rejected_pages jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    -- A redelivered batch finds its plis already there: nothing is written twice.
    UNIQUE (batch_id, first_page)
);

CREATE TABLE pieces (
    id uuid PRIMARY KEY,
    pli_id uuid REFERENCES plis (id),
    demande text REFERENCES demandes (numero_unique),
    category text REFERENCES plan_categories (code),
    type_code text REFERENCES plan_types (code),
    confidence real,
    status text NOT NULL CHECK (status IN ('attached', 'to_review', 'quarantined', 'deleted')),
    first_page integer,
    last_page integer,
    page_count integer NOT NULL CHECK (page_count > 0),
    object_key text NOT NULL,
    sha256 text NOT NULL,
    size_bytes bigint NOT NULL,
    channel text NOT NULL CHECK (channel IN ('papier', 'pwp', 'pgp', 'mobile', 'ws')),
    indice text NOT NULL DEFAULT 'NV' CHECK (indice IN ('NV', 'PR', 'HP')),
    date_fin_validite date,
    deposited_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (pli_id, first_page)
);
CREATE INDEX pieces_by_demande ON pieces (demande, type_code) WHERE status = 'attached';

-- The append-only journal of every event on a piece.
CREATE TABLE journal (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    demande text NOT NULL REFERENCES demandes (numero_unique),
    piece_id uuid REFERENCES pieces (id),
    event text NOT NULL CHECK (event IN ('creation', 'modification', 'suppression',
                                         'mise_en_quarantaine', 'restauration', 'consultation')),
    category text,
    type_code text,
    actor text NOT NULL,
    actor_guichet text,
    details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX journal_by_demande ON journal (demande, at);

CREATE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_is_append_only();
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
    FOR EACH STATEMENT EXECUTE FUNCTION journal_is_append_only();
