-- Whether the alert centre has been told that this (SKU, channel) is in the error state: set when the alert is raised,
-- cleared when the row is back in sync and the alert is resolved. The index finds both kinds of news quickly.
alter table inventory_channels add column alert_open boolean not null default false;
create index inventory_channels_alerts on inventory_channels (alert_open, sync_state);
