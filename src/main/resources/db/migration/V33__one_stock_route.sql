-- Route stock-magento-to-channels is gone: stock-magento-ledger now records the source quantity and marks the SKU for
-- the channels in one delivery. Its subscription must go too (a journal entry counts as processed only when every route
-- subscribed to its topic has recorded its effect, and nothing would ever consume that route's queue again), and the work
-- it had not done yet moves to stock-magento-ledger, so no channel mark is lost across the upgrade.

-- 1. Events the ledger route had finished but the channels route had not (queued or dead-lettered): forget the ledger
--    route's recorded effect so that the merged route runs them again. Recording a source quantity a second time is
--    harmless: the ledger keeps the newest version and counts the repeat as stale.
DELETE FROM idempotency_key
 WHERE scope = 'route:stock-magento-ledger'
   AND idem_key IN (SELECT CAST(m.journal_id AS VARCHAR(20)) FROM bus_message m
                     WHERE m.topic = 'stock' AND m.group_name = 'stock-magento-to-channels'
                    UNION
                    SELECT CAST(d.journal_id AS VARCHAR(20)) FROM dead_letter d
                     WHERE d.route_id = 'stock-magento-to-channels' AND d.status = 'OPEN' AND d.journal_id IS NOT NULL);

-- 2. Queued work: an event still queued for both routes stays once, in the ledger route's queue; one queued only for
--    the channels route moves there (its id is older than any later event of its key, so per-key order holds).
UPDATE bus_message SET group_name = 'stock-magento-ledger'
 WHERE topic = 'stock' AND group_name = 'stock-magento-to-channels'
   AND journal_id NOT IN (SELECT l.journal_id FROM bus_message l
                           WHERE l.topic = 'stock' AND l.group_name = 'stock-magento-ledger');
DELETE FROM bus_message WHERE topic = 'stock' AND group_name = 'stock-magento-to-channels';

-- 3. Dead letters of the old route are replayed through the merged one; the Kafka bus's outbox likewise.
UPDATE dead_letter SET route_id = 'stock-magento-ledger' WHERE route_id = 'stock-magento-to-channels';
UPDATE bus_outbox SET target_group = 'stock-magento-ledger' WHERE target_group = 'stock-magento-to-channels';

-- 4. On the Kafka bus the old route's consumer group may not have read every record the ledger route had: marks made
--    by neither are recovered by one repair run (the leader takes it when reconciliation is enabled), queued only on
--    an installation that ran the old route and when no run is active.
INSERT INTO reconciliation_run (mode, status, requested_by, requested_at)
SELECT 'REPAIR', 'QUEUED', 'upgrade:V33', CURRENT_TIMESTAMP FROM bus_subscription
 WHERE topic = 'stock' AND group_name = 'stock-magento-to-channels'
   AND NOT EXISTS (SELECT 1 FROM reconciliation_run WHERE status IN ('QUEUED', 'RUNNING'));

DELETE FROM bus_subscription WHERE topic = 'stock' AND group_name = 'stock-magento-to-channels';
