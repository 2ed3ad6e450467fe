-- The households declared with the demandes (imported from the registry's household CSV): the
-- persons of a demande besides its applicant. An import replaces a demande's rows as a whole.
CREATE TABLE menage_membres (
    numero_unique text NOT NULL REFERENCES demandes (numero_unique),
    -- The order of the registry's file.
    position integer NOT NULL CHECK (position >= 0),
    lien text NOT NULL CHECK (lien IN ('conjoint', 'codemandeur', 'enfant', 'autre')),
    nom text NOT NULL CHECK (nom <> ''),
    prenom text NOT NULL CHECK (prenom <> ''),
    date_naissance date NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    -- Also the index by numero_unique (its leading column).
    PRIMARY KEY (numero_unique, position)
);
