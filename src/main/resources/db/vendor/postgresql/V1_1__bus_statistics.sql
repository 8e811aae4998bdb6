-- PostgreSQL only. The bus claim reads the heads of the oldest keys with a self-referencing NOT EXISTS; without
-- statistics (a queue table that filled up before autovacuum analysed it) the planner picks a quadratic
-- anti-join, ~60 ms a claim at 500 rows, instead of an index probe (well under 1 ms). Analyse the queue tables
-- after small changes so their statistics follow bursts.
ALTER TABLE bus_message SET (autovacuum_analyze_scale_factor = 0.0, autovacuum_analyze_threshold = 200,
                             autovacuum_vacuum_scale_factor = 0.05);
ANALYZE bus_message;
ANALYZE journal;
