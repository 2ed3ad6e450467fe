-- Sessions of the phone app: an applicant's session whose token is sent as a bearer header.
ALTER TABLE sessions ADD COLUMN kind text NOT NULL DEFAULT 'web' CHECK (kind IN ('web', 'mobile'));
