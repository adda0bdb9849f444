-- What a stack was provisioned from (module provisioning): its spec, workspace and owner, as JSON. With it, any platform
-- node that reaches the stack's Docker host can restart the stack's app, not only the node that provisioned it.
alter table stack add column request jsonb;
