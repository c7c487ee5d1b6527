#!/usr/bin/env bash
# Install from Debian what the tests need (idempotent, quiet): Ruby + Rails 6.1 and the gems
# the rails target's Gemfile names, and Chromium for the browser tests. Go and Node are expected
# on the machine (go 1.26, node 20); the script says so when they are missing.
set -euo pipefail
PACKAGES=(ruby-rails bundler ruby-sqlite3 ruby-pg ruby-jwt ruby-bcrypt ruby-rack-cors
  ruby-rack-attack puma rubocop ruby-simplecov chromium)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing from Debian: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for tool in go node npm; do
  command -v "$tool" >/dev/null || echo "warning: $tool is not on PATH; its target's tests will skip" >&2
done
