-- The daily decay rewrites freshness, SCI and tier of every standing. Leaving room on each page lets PostgreSQL update
-- a row in place (a HOT update: no index entry to rewrite), since none of those columns is indexed.
alter table learner_skill set (fillfactor = 70);
