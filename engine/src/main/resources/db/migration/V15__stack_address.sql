-- Where the platform reaches a stack's services (module provisioning): a local stack has a network namespace of its
-- own with an address on the host's link to it; a Docker stack publishes its ports on the host's 127.0.0.1.
alter table stack add column address text not null default '127.0.0.1';
