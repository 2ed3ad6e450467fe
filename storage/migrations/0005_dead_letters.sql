-- Messages the worker dead-lettered (permanent failures), for the operators: the broker's
-- dead-letter queue keeps the message itself; this table keeps why, and what was done about it.
CREATE TABLE dead_letters (
    id uuid PRIMARY KEY,
    queue text NOT NULL,
    -- The message body as received (JSON normally, anything for an unparsable message).
    payload bytea NOT NULL,
    job_kind text CHECK (job_kind IN ('batch', 'piece')),
    job_id uuid,
    reason text NOT NULL,
    deliveries integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- 'relance' (replayed) or 'classe' (dismissed), with who and when.
    resolution text CHECK (resolution IN ('relance', 'classe')),
    resolved_by text,
    resolved_at timestamptz
);
CREATE INDEX dead_letters_open ON dead_letters (created_at) WHERE resolution IS NULL;
