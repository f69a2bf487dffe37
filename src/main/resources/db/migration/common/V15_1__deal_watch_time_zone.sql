-- A watch's daily cap counts days in the watch's own time zone (as the notification rules' caps do), so "20 a day"
-- means the merchant's day, not UTC's. Existing watches keep counting UTC days.
alter table dealscout_watches add column time_zone varchar(64) default 'UTC' not null;
