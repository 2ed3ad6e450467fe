-- Portals: accounts, sessions, tokens, uploads, e-mail.

-- Registration desks, with the address that receives their notices.
CREATE TABLE guichets (
    code text PRIMARY KEY,
    libelle text NOT NULL,
    email text
);

-- The applicant's e-mail (from the registry) and code télédemandeur (argon2 hash).
ALTER TABLE demandes
    ADD COLUMN email text,
    ADD COLUMN code_hash text,
    ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
    ADD COLUMN locked_until timestamptz;

-- Staff accounts. `territory` lists départements (e.g. {075,092,02A}).
CREATE TABLE users (
    id uuid PRIMARY KEY,
    login text NOT NULL UNIQUE,
    nom text NOT NULL,
    email text,
    profile text NOT NULL CHECK (profile IN ('consultant_simple', 'consultant_demande',
        'consultant_sensible', 'guichet_enregistreur', 'gestionnaire_territorial', 'operateur')),
    guichet text NOT NULL,
    territory text[] NOT NULL,
    password_hash text NOT NULL,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Browser sessions: the cookie holds a random token, the table its sha256.
CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id uuid REFERENCES users (id) ON DELETE CASCADE,
    demande text REFERENCES demandes (numero_unique),
    csrf text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CHECK ((user_id IS NULL) <> (demande IS NULL))
);

-- Machine clients of a guichet ("web services" channel), scoped like a profile.
CREATE TABLE api_tokens (
    id uuid PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    label text NOT NULL,
    guichet text NOT NULL,
    profile text NOT NULL CHECK (profile IN ('consultant_simple', 'consultant_demande',
        'consultant_sensible', 'guichet_enregistreur', 'gestionnaire_territorial', 'operateur')),
    territory text[] NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- Pieces deposited digitally: stored first (originals), normalized by a worker afterwards.
ALTER TABLE pieces DROP CONSTRAINT pieces_status_check;
ALTER TABLE pieces ADD CONSTRAINT pieces_status_check
    CHECK (status IN ('processing', 'attached', 'to_review', 'quarantined', 'rejected', 'deleted'));
ALTER TABLE pieces
    ALTER COLUMN object_key DROP NOT NULL,
    ALTER COLUMN sha256 DROP NOT NULL,
    ALTER COLUMN size_bytes DROP NOT NULL,
    ALTER COLUMN page_count DROP NOT NULL,
    -- [{"key": …, "content_type": …, "name": …, "size": …}] in the order given.
    ADD COLUMN originals jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN deposited_guichet text,
    -- Set when the applicant deposited it: he may delete it.
    ADD COLUMN by_applicant boolean NOT NULL DEFAULT false,
    -- What the piece becomes once normalized: 'attached' or 'to_review'.
    ADD COLUMN target_status text,
    ADD COLUMN status_reason text,
    -- Deliveries of its normalization message (poison after a few).
    ADD COLUMN deliveries integer NOT NULL DEFAULT 0,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX pieces_by_demande_all ON pieces (demande, type_code, status);
CREATE INDEX pieces_to_review ON pieces (created_at) WHERE status = 'to_review';

-- E-mails to send, written in the same transaction as the event they announce.
CREATE TABLE mail_outbox (
    id bigserial PRIMARY KEY,
    recipient text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    sent_at timestamptz
);
CREATE INDEX mail_pending ON mail_outbox (id) WHERE sent_at IS NULL;
