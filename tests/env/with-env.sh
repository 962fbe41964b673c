#!/usr/bin/env bash
# Runs a command with a running environment's addresses exported (AFFLUX_WP_URL, AFFLUX_WP_ROOT,
# AFFLUX_WP_HOST, AFFLUX_SANDBOX_URL, AFFLUX_CACHE_PATH, ...), for the PHPUnit and browser suites.
#   AFFLUX_ENV=test bash tests/env/with-env.sh vendor/bin/phpunit -c tests/php/phpunit.xml
set -euo pipefail
AFFLUX_ENV="${AFFLUX_ENV:-test}"
source "$(dirname "${BASH_SOURCE[0]}")/env-config.sh"
if [ ! -f "$AFFLUX_PIDS/php-server.pid" ]; then
  echo "afflux: the '$AFFLUX_ENV' environment is not running; start it with: AFFLUX_ENV=$AFFLUX_ENV npm start -- --detach" >&2
  exit 1
fi
export AFFLUX_WP_HOST="$AFFLUX_HOST:$AFFLUX_WP_PORT"
exec "$@"
