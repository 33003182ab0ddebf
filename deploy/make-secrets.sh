#!/bin/sh
# Makes every secret and certificate docker-compose.yml reads, in deploy/secrets/ (or the
# folder given), for a deployment or a demonstration: database passwords, MongoDB's keyfile,
# an internal certificate authority and the certificates it signs (MongoDB, each subgraph,
# the gateway's client certificate), and each subgraph's gateway-token key (HMAC-SHA256, 256
# bits) with the gateway's file of all of them. A file that already exists is kept, so running
# it again only fills gaps; the gateway's keys file is rebuilt each time from the subgraphs'
# key files (to rotate a subgraph's key, put a new key on the first line of its file, keep the
# old one on the second until every gateway uses the new one, then remove it). The gateway's signing key, its public JWKS and the agency registry are
# the operator's own; for a demonstration, the development ones in .dev-keys/ (made by
# `npm run token`) are copied when present.
#
# Docker Compose bind-mounts a file secret with the host file's owner and mode, so each
# file gets the owner and mode its reader needs (run as root to set owners):
#   - MongoDB's own (root password, keyfile, TLS key): 999:999 (mongodb user), 0400;
#   - a service's database password: owner 1000 (the services' user), group 999 (the mongo
#     container's init script reads it once), 0440;
#   - private keys (gateway signing key, TLS keys, gateway-token keys and the gateway's keys
#     file): 1000:1000, 0400;
#   - certificates, the CA certificate, the JWKS and the agency registry: 0444.
# Usage: deploy/make-secrets.sh [secrets-dir]   (from the repository root)
set -eu

DIR=${1:-deploy/secrets}
SERVICE_UID=1000
MONGO_UID=999
DAYS=${CERT_DAYS:-825}
SUBGRAPHS=$(node -p "require('./shared/subgraphRegistry.json').subgraphs.map((s) => s.name).join(' ')")

mkdir -p "$DIR/ca"
chmod 0755 "$DIR"
chmod 0700 "$DIR/ca"
umask 077

owner() { # owner uid:gid mode file
  if [ "$(id -u)" = 0 ]; then chown "$1" "$3"; else echo "as root: chown $1 $3" >&2; fi
  chmod "$2" "$3"
}

password() { # file owner mode
  [ -e "$DIR/$1" ] || openssl rand -hex 32 > "$DIR/$1"
  owner "$2" "$3" "$DIR/$1"
}

# The internal certificate authority: its key stays in $DIR/ca and is mounted nowhere.
if [ ! -e "$DIR/internal-ca.pem" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days "$DAYS" -subj "/CN=intel-gateway internal CA" \
    -keyout "$DIR/ca/internal-ca.key" -out "$DIR/internal-ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi
chmod 0444 "$DIR/internal-ca.pem"

certificate() { # name usage dns... : writes $DIR/<name>.key and $DIR/<name>.crt, named after its first DNS name
  name=$1 usage=$2
  shift 2
  [ -e "$DIR/$name.crt" ] && return 0
  cn=$1 san=""
  for dns in "$@"; do san="${san:+$san,}DNS:$dns"; done
  openssl req -newkey rsa:3072 -nodes -subj "/CN=$cn" -keyout "$DIR/$name.key" -out "$DIR/ca/$name.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\nsubjectAltName=%s\n' "$usage" "$san" > "$DIR/ca/$name.ext"
  openssl x509 -req -in "$DIR/ca/$name.csr" -CA "$DIR/internal-ca.pem" -CAkey "$DIR/ca/internal-ca.key" -CAserial "$DIR/ca/internal-ca.srl" -CAcreateserial \
    -days "$DAYS" -extfile "$DIR/ca/$name.ext" -out "$DIR/$name.crt" 2>/dev/null
  rm -f "$DIR/ca/$name.csr" "$DIR/ca/$name.ext"
}

# MongoDB: one PEM with its key and certificate, for the names services and its health check use.
if [ ! -e "$DIR/mongo.pem" ]; then
  certificate mongo serverAuth,clientAuth mongo localhost
  cat "$DIR/mongo.key" "$DIR/mongo.crt" > "$DIR/mongo.pem"
  rm -f "$DIR/mongo.key" "$DIR/mongo.crt"
fi
owner "$MONGO_UID:$MONGO_UID" 0400 "$DIR/mongo.pem"
[ -e "$DIR/mongo-keyfile" ] || openssl rand -base64 756 > "$DIR/mongo-keyfile"
owner "$MONGO_UID:$MONGO_UID" 0400 "$DIR/mongo-keyfile"
password mongo-root-password "$MONGO_UID:$MONGO_UID" 0400

# A database password per service (and the demo profile's seed job).
for user in $SUBGRAPHS gateway seed; do password "db-password-$user" "$SERVICE_UID:$MONGO_UID" 0440; done

# Each subgraph serves TLS under its compose name; the gateway presents a client certificate.
for name in $SUBGRAPHS; do
  certificate "$name" serverAuth "$name"
  owner "$SERVICE_UID:$SERVICE_UID" 0400 "$DIR/$name.key"
  chmod 0444 "$DIR/$name.crt"
done
certificate gateway-client clientAuth gateway
owner "$SERVICE_UID:$SERVICE_UID" 0400 "$DIR/gateway-client.key"
chmod 0444 "$DIR/gateway-client.crt"

# Each subgraph's gateway-token key (base64url, one a line, current first), and the gateway's
# file of them all; a subgraph's container mounts its own file only.
for name in $SUBGRAPHS; do
  [ -e "$DIR/$name-token.key" ] || openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n' > "$DIR/$name-token.key"
  owner "$SERVICE_UID:$SERVICE_UID" 0400 "$DIR/$name-token.key"
done
rm -f "$DIR/subgraph-token-keys.json"
DIR="$DIR" SUBGRAPHS="$SUBGRAPHS" node -e "
const { readFileSync, writeFileSync } = require('node:fs');
const keys = {};
for (const name of process.env.SUBGRAPHS.split(' ')) keys[name] = readFileSync(process.env.DIR + '/' + name + '-token.key', 'utf8').split('\\n').map((line) => line.trim()).filter(Boolean);
writeFileSync(process.env.DIR + '/subgraph-token-keys.json', JSON.stringify(keys, null, 2) + '\\n', { mode: 0o600 });
"
owner "$SERVICE_UID:$SERVICE_UID" 0400 "$DIR/subgraph-token-keys.json"

# The operator's own keys and registry; for a demonstration, the development ones.
for file in gateway-signing-key.json gateway-jwks.json agency-registry.json; do
  if [ ! -e "$DIR/$file" ] && [ -e ".dev-keys/$file" ]; then cp ".dev-keys/$file" "$DIR/$file"; fi
  if [ ! -e "$DIR/$file" ]; then echo "missing $DIR/$file: put the deployment's own there (docs/deployment.md)" >&2; continue; fi
  if [ "$file" = gateway-signing-key.json ]; then owner "$SERVICE_UID:$SERVICE_UID" 0400 "$DIR/$file"; else chmod 0444 "$DIR/$file"; fi
done
echo "secrets in $DIR"
