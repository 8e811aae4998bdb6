-- Inbound stock (ERP goods receipts, write-offs) applied to Magento as MSI partial transfers through a staging
-- source omnisync alone writes: one row per receipt line, its phase written before each Magento call, so an attempt
-- that died half-way is finished (not repeated) by the next one. Phases: STAGING (inbound source set to the
-- quantity), TRANSFERRING (the relative transfer), RESETTING (inbound source back to 0), DONE, FAILED.
CREATE TABLE stock_transfer (
    transfer_key  VARCHAR(255)  PRIMARY KEY,
    sku           VARCHAR(255)  NOT NULL,
    source_code   VARCHAR(64)   NOT NULL,
    quantity      DECIMAL(19,4) NOT NULL,
    phase         VARCHAR(16)   NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    last_error    VARCHAR(1000)
);
CREATE INDEX ix_stock_transfer_sku ON stock_transfer (sku, phase);
