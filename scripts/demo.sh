#!/usr/bin/env bash
# A short end-to-end tour of what InfraNest does today, on the shop example.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin/infranest
out=out/demo
rm -rf "$out" && mkdir -p "$out"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Check every example spec"
$bin check examples/*.nest

step "2. The shop spec in canonical form (infranest fmt --check)"
$bin fmt --check examples/*.nest

step "3. Export the shop spec: OpenAPI 3.1, Mermaid ER diagram, JSON, JSON Schema"
$bin export examples/shop.nest --format openapi -o "$out/shop.openapi.yaml"
$bin export examples/shop.nest --format mermaid -o "$out/shop.mmd"
$bin export examples/shop.nest --format json -o "$out/shop.json"
$bin export examples/shop.nest --format jsonschema -o "$out/spec.schema.json"
head -n 25 "$out/shop.mmd"

step "4. Import real specs written elsewhere (JDL, SQL, OpenAPI) into .nest"
corpus=../shared/corpus
if [ -d "$corpus" ]; then
  $bin import "$corpus/jdl/blog.jh" -o "$out/blog.nest"
  $bin import "$corpus/sql/chinook-postgres-schema.sql" -o "$out/chinook.nest"
  $bin import "$corpus/openapi/vampi-openapi3.yml" -o "$out/vampi.nest"
  sed -n '1,30p' "$out/blog.nest"
else
  echo "(no ../shared/corpus beside this checkout; skipping imports)"
fi

step "5. Describe a backend in plain English (offline; recommended answers taken)"
$bin new "A clinic where patients book appointments with doctors, who write prescriptions. FastAPI, PostgreSQL, JWT." \
  --no-input --no-profile -o "$out/clinic-draft.nest"
sed -n '1,25p' "$out/clinic-draft.nest"

step "6. Audit the shop spec before any code exists (OWASP API Top 10, privacy, performance)"
$bin audit examples/shop.nest --fail-on critical | tail -n 12

step "7. Generate a FastAPI service from it (then: infranest verify $out/shop-service)"
$bin generate examples/shop.nest --target fastapi -o "$out/shop-service" 2>&1 | tail -n 1
find "$out/shop-service" -path '*/.infranest' -prune -o -type f -name '*.py' -print | sort | head -n 20

step "8. A spec with mistakes: every error at once, with the place and what would be valid"
$bin check examples/errors/broken.nest || true

printf '\nOutputs are in %s\n' "$out"
