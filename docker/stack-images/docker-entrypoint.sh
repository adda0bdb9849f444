#!/bin/sh
# The entrypoint of the test stand-in image. For "postgres ..." it does what the official postgres image does for the
# Docker provisioner: as root, initialise $PGDATA on first start (superuser postgres, POSTGRES_HOST_AUTH_METHOD,
# listening on every interface of the container) and run the server as the postgres user; started as the postgres user
# itself (the provisioner's stacks are), it runs the server as it is. Anything else runs as given, as the official node
# and nginx images do.
set -e
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
	mkdir -p "$PGDATA" /run/postgresql
	chown postgres:postgres "$PGDATA" /run/postgresql
	chmod 700 "$PGDATA"
	if [ ! -s "$PGDATA/PG_VERSION" ]; then
		setpriv --reuid=postgres --regid=postgres --init-groups \
			initdb -D "$PGDATA" -U postgres --auth-local=trust --auth-host="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >/dev/null
		echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"
		echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
	fi
	exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"
fi
exec "$@"
