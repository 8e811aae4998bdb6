-- "Forget customer": dead letters carry keyed hashes of the email addresses their payload held before masking
-- (",k1,k2,"), so a customer's dead letters are found without keeping the address; journal entries whose personal
-- data was purged are listed so that a replay of them is refused. The salt of the keyed hashes is generated once
-- per installation (privacy_salt).
ALTER TABLE dead_letter ADD COLUMN subject_keys VARCHAR(2000);

CREATE TABLE forgotten_journal (
    journal_id    BIGINT PRIMARY KEY,
    forgotten_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE privacy_salt (
    id    INT PRIMARY KEY,
    salt  VARCHAR(64) NOT NULL
);
