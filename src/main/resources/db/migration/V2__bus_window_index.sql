-- The bus claim reads a window of the oldest messages of a route (topic, group) in id order.
CREATE INDEX ix_bus_message_window ON bus_message (topic, group_name, id);
