-- Accounts and sessions as a security reviewer expects them.

-- Sessions also end after a period of inactivity: the requests of a session refresh
-- `last_seen_at` (at most once a minute); the API purges idle and expired sessions.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX sessions_by_user ON sessions (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX sessions_by_demande ON sessions (demande) WHERE demande IS NOT NULL;

-- A disabled staff account cannot log in; disabling it deletes its sessions.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- API tokens expire; those issued before this migration get a year from now.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
UPDATE api_tokens SET expires_at = now() + interval '365 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;

-- Progressive delays after failed logins, per account (known or not) and per client address,
-- instead of a hard lock (users/demandes.failed_logins and locked_until are no longer used).
-- `key` is a sha256 of "compte:<login>", "demande:<numéro>" or "adresse:<ip>": no login or
-- address in clear. An attempt made during the delay is refused and not counted.
CREATE TABLE login_throttle (
    key text PRIMARY KEY,
    failures integer NOT NULL,
    next_allowed_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
