#!/bin/sh
# The mongo service's entrypoint (docker-compose.yml). mongod refuses a keyfile that others
# may read, and a bind-mounted compose secret keeps the host file's owner and mode; so the
# keyfile is copied, readable by this user (the image's mongodb user) alone, into a tmpfs,
# and the image's own entrypoint (which runs /docker-entrypoint-initdb.d on first start)
# takes over.
set -eu
install -m 0400 /run/secrets/mongo-keyfile /run/mongo/keyfile
exec docker-entrypoint.sh "$@"
