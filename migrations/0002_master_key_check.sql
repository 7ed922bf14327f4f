-- A known value sealed with the master key at bootstrap: a process started with a different key cannot open
-- it and refuses to start, instead of failing later on every stored secret.
CREATE TABLE master_key_check (
    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    sealed bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
