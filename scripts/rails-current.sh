#!/usr/bin/env bash
# Build DIR: a Debian trixie root filesystem with the newest Rails Debian packages (7.2, Ruby
# 3.3) and every gem the rails target's Gemfile names, then print the Rails and Ruby versions.
# The generated rails projects run in it with `INFRANEST_RUBY_ROOT=DIR infranest verify ...`
# (see docs/targets/rails.md, "Rails 7.2 (current Debian)"). Needs root, unshare, chroot and
# the Debian mirror (debootstrap is installed from it when missing). Idempotent: a complete
# root (its marker names the package list) is reused; an interrupted one is completed. Quiet
# unless a step fails; then it names the step and shows the end of its output.
set -euo pipefail

SUITE=trixie
MIRROR="${INFRANEST_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${INFRANEST_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
# The same list as scripts/system-deps.sh installs on the host (bookworm), without Chromium.
PACKAGES=(ruby-rails bundler ruby-sqlite3 ruby-pg ruby-jwt ruby-bcrypt ruby-rack-cors
  ruby-rack-attack puma rubocop ruby-simplecov)
MARKER_NAME=.infranest-ruby-root
ROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DIR   (DIR: where the $SUITE root is built or already is)" >&2
  exit 2
fi
DIR="$(realpath -m -- "$1")"
MARKER="$DIR/$MARKER_NAME"
WANTED="$SUITE ${PACKAGES[*]}"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

# step NAME COMMAND...: run quietly; on failure name the step and show the end of its output.
step() {
  local name="$1"
  shift
  if ! "$@" >"$LOG" 2>&1; then
    echo "rails-current.sh: step '$name' failed (DIR=$DIR): $*" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

# in_root COMMAND...: run COMMAND inside DIR with /proc and /dev mounted in a private mount
# namespace (the mounts end with the command; nothing stays mounted on the host).
in_root() {
  # shellcheck disable=SC2016  # $root and $@ expand in the inner shell
  env -i PATH="$ROOT_PATH" HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    unshare --mount --propagation private -- /bin/sh -c \
    'root=$1; shift; mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
      exec chroot "$root" "$@"' sh "$DIR" "$@"
}

check_host() {
  [ "$(id -u)" -eq 0 ] || { echo "must run as root (debootstrap, chroot, mount)"; return 1; }
  if ! command -v debootstrap >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
  fi
  local tool
  for tool in debootstrap unshare chroot; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y $tool)"; return 1; }
  done
}

check_target() {
  # Refuse to write into a folder that is neither empty nor a (partial) Debian root.
  if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -e "$DIR/debootstrap" ] \
    && [ ! -f "$DIR/etc/debian_version" ]; then
    echo "$DIR is not empty and is not a Debian root; give an empty or new folder"
    return 1
  fi
}

write_sources() {
  cat >"$DIR/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
  # No service starts inside the root; its resolver is the host's.
  printf '#!/bin/sh\nexit 101\n' >"$DIR/usr/sbin/policy-rc.d"
  chmod 755 "$DIR/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$DIR/etc/resolv.conf"
}

step "check the host" check_host
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANTED" ]; then
  :  # built and complete
else
  step "check $DIR" check_target
  rm -f "$MARKER"
  # debootstrap deletes DIR/debootstrap when it finished; while it is there, run it again.
  if [ ! -f "$DIR/etc/debian_version" ] || [ -e "$DIR/debootstrap" ]; then
    mkdir -p "$DIR"
    step "debootstrap $SUITE" debootstrap --variant=minbase "$SUITE" "$DIR" "$MIRROR"
  fi
  step "write apt sources" write_sources
  step "apt-get update (in the root)" in_root apt-get update -qq
  step "apt-get install ${PACKAGES[*]} (in the root)" \
    in_root apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
  step "apt-get clean (in the root)" in_root apt-get clean
  echo "$WANTED" >"$MARKER"
fi
step "read the versions" in_root ruby -e \
  'gem "rails"; require "rails/version"; puts "Rails #{Rails::VERSION::STRING}, Ruby #{RUBY_VERSION}"'
echo "$(cat "$LOG") ($SUITE root at $DIR)"
