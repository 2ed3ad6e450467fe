-- A code télédemandeur asked for from the public portal: its hash waits in `pending_code_hash`
-- (the current code stays valid) until the applicant logs in with it, which makes it the code.
-- `code_sent_at` limits the requests per demande, so nobody can flood an applicant's mailbox.
ALTER TABLE demandes
    ADD COLUMN pending_code_hash text,
    ADD COLUMN code_sent_at timestamptz;
