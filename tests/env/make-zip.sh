#!/usr/bin/env bash
# Builds afflux.zip: the plugin folder as WordPress installs it (PHP, built blocks, compiled
# translations), ready for Plugins → Add New → Upload.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
npm run --silent build
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -r plugin "$staging/afflux"
rm -f afflux.zip
(cd "$staging" && zip -qr "$root/afflux.zip" afflux)
echo "afflux.zip written ($(du -h afflux.zip | cut -f1))"
