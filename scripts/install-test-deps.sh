#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing: Chromium for the GraphiQL browser
# test, curl for the curl examples, redis-server for the Redis-backed cache, PostgreSQL for the
# shared inventory (the tests start their own server from its binaries), kubectl for rendering
# the Kubernetes manifests (Debian's kubernetes-client: `kubectl kustomize`, offline). Run as root
# (or with sudo available).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
