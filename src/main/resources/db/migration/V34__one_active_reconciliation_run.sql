-- At most one reconciliation run is queued or running. Before this, two requests at the same moment (two operators, the
-- schedule on two instances) could both find none active and both queue one. The active run now holds active = 1 under
-- a unique key (finished runs hold NULL, which the key does not count), so the second insert loses and that request is
-- answered with the first run.

ALTER TABLE reconciliation_run ADD COLUMN active SMALLINT;

-- Runs queued twice that way before the upgrade: the oldest stays, the others are cancelled with the reason shown.
UPDATE reconciliation_run
   SET status = 'CANCELLED', finished_at = CURRENT_TIMESTAMP,
       failure = 'cancelled on upgrade: queued at the same moment as an older active run, and one run goes at a time'
 WHERE status IN ('QUEUED', 'RUNNING')
   AND id > (SELECT MIN(id) FROM reconciliation_run WHERE status IN ('QUEUED', 'RUNNING'));

UPDATE reconciliation_run SET active = 1 WHERE status IN ('QUEUED', 'RUNNING');

CREATE UNIQUE INDEX ux_reconciliation_run_active ON reconciliation_run (active);
