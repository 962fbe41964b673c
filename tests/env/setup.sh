#!/usr/bin/env bash
# Installs everything Afflux needs on a fresh Debian machine, then builds it. Idempotent: a second
# run only checks. Used by both quick-start commands (npm start, npm test).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env-config.sh"
cd "$AFFLUX_ROOT"

# Debian packages: PHP with the extensions the plugin and WordPress use, Debian's WordPress (6.1),
# MariaDB for WordPress's own tables, Chromium for the editor tests, gettext for translations,
# nginx + php-fpm + wrk for the redirect benchmarks, zip for the release archive.
apt_packages=(php-cli php-sqlite3 php-mysql php-xml php-mbstring php-curl php-intl php-fpm
  wordpress mariadb-server mariadb-client chromium nginx wrk gettext zip unzip curl composer ca-certificates)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "afflux setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm dependencies, exactly as locked.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "afflux setup: installing npm dependencies"
  npm ci --no-audit --no-fund
fi

# Composer dev tools (PHPUnit, PHP_CodeSniffer + WordPress standards, PHPStan).
if [ ! -d vendor ] || [ composer.json -nt vendor/autoload.php ]; then
  echo "afflux setup: installing Composer dependencies"
  COMPOSER_ALLOW_SUPERUSER=1 composer install --no-interaction --no-progress --quiet
  touch vendor/autoload.php
fi

echo "afflux setup: building the daemon and the blocks"
npm run --silent build
