#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for tests (installing it from Debian if missing).
# Prints the URL to use as INFRANEST_TEST_DATABASE_URL. `scripts/postgres.sh stop` stops it.
set -euo pipefail
PORT=${INFRANEST_PG_PORT:-54329}
DATA=${INFRANEST_PG_DATA:-/tmp/infranest-pg-$PORT}
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ "${1:-start}" = "stop" ]; then
  bin=$(pg_bin)
  [ -n "$bin" ] && [ -d "$DATA" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$DATA" stop -m fast >/dev/null || true
  exit 0
fi

if [ -z "$(pg_bin)" ]; then
  echo "installing PostgreSQL from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin=$(pg_bin)
if ! runuser -u postgres -- "$bin/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
  rm -rf "$DATA"
  mkdir -p "$DATA" && chown postgres "$DATA"
  runuser -u postgres -- "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
echo "$URL"
