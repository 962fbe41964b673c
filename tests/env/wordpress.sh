#!/usr/bin/env bash
# A throwaway WordPress for development and tests: Debian's WordPress copied into
# .afflux-dev/<env>/wordpress, its own MariaDB data directory, PHP's built-in server, all on
# 127.0.0.1. Afflux is linked in from plugin/ and activated.
#   AFFLUX_ENV=dev|test bash tests/env/wordpress.sh up|down
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env-config.sh"

db_socket="$AFFLUX_ENV_DIR/mysql.sock"

start_mariadb() {
  local datadir="$AFFLUX_ENV_DIR/mysql"
  if [ ! -d "$datadir/mysql" ]; then
    mkdir -p "$datadir"
    chown mysql:mysql "$datadir"
    mariadb-install-db --no-defaults --datadir="$datadir" --user=mysql \
      --auth-root-authentication-method=socket --skip-test-db >"$AFFLUX_ENV_DIR/mariadb-install.log" 2>&1
  fi
  chown mysql:mysql "$AFFLUX_ENV_DIR"
  afflux_spawn mariadb mariadbd --no-defaults --user=mysql --datadir="$datadir" \
    --socket="$db_socket" --port="$AFFLUX_DB_PORT" --bind-address=127.0.0.1 \
    --pid-file="$AFFLUX_ENV_DIR/mariadb.pid" --skip-name-resolve --innodb-buffer-pool-size=64M
  afflux_wait_for 60 "MariaDB" mariadb-admin --socket="$db_socket" ping
  mariadb --socket="$db_socket" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'127.0.0.1';
SQL
}

write_wordpress() {
  if [ ! -f "$AFFLUX_WP_ROOT/wp-settings.php" ]; then
    mkdir -p "$AFFLUX_WP_ROOT"
    # -L: Debian links some files to other packages; the copy must stand on its own.
    cp -rL /usr/share/wordpress/. "$AFFLUX_WP_ROOT/"
    rm -f "$AFFLUX_WP_ROOT/wp-config.php" "$AFFLUX_WP_ROOT/.htaccess"
  fi
  mkdir -p "$AFFLUX_WP_ROOT/wp-content/plugins" "$AFFLUX_WP_ROOT/wp-content/uploads" "$(dirname "$AFFLUX_CACHE_PATH")"
  ln -sfn "$AFFLUX_ROOT/plugin" "$AFFLUX_WP_ROOT/wp-content/plugins/afflux"
  cp "$AFFLUX_ROOT/tests/env/router.php" "$AFFLUX_ENV_DIR/router.php"
  local salts=""
  for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    salts+="define( '$key', '$(head -c 32 /dev/urandom | base64 | tr -d '/+=')' );"$'\n'
  done
  [ -f "$AFFLUX_ENV_DIR/salts.php" ] || printf '<?php\n%s' "$salts" >"$AFFLUX_ENV_DIR/salts.php"
  cat >"$AFFLUX_WP_ROOT/wp-config.php" <<PHP
<?php
// Written by tests/env/wordpress.sh for the "$AFFLUX_ENV" environment; rewritten at every start.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', 'wordpress' );
define( 'DB_HOST', '127.0.0.1:$AFFLUX_DB_PORT' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
require '$AFFLUX_ENV_DIR/salts.php';
\$table_prefix = 'wp_';
define( 'WP_HOME', '$AFFLUX_WP_URL' );
define( 'WP_SITEURL', '$AFFLUX_WP_URL' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$AFFLUX_ENV_DIR/debug.log' );
// The test site shows PHP notices in the page, so a browser test sees any warning Afflux causes.
define( 'WP_DEBUG_DISPLAY', $( [ "$AFFLUX_ENV" != dev ] && echo true || echo false ) );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'FS_METHOD', 'direct' );
// No internet here: WordPress's update checks and remote calls would only fail slowly.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AFFLUX_CACHE_PATH', '$AFFLUX_CACHE_PATH' );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
}

start_php() {
  # Four workers: the block editor loads many assets at once.
  PHP_CLI_SERVER_WORKERS=4 afflux_spawn php-server php -d display_errors=stderr \
    -S "$AFFLUX_HOST:$AFFLUX_WP_PORT" -t "$AFFLUX_WP_ROOT" "$AFFLUX_ENV_DIR/router.php"
  afflux_wait_for 30 "WordPress web server" curl -fsS -o /dev/null "$AFFLUX_WP_URL/wp-login.php"
}

case "${1:-}" in
  up)
    mkdir -p "$AFFLUX_ENV_DIR"
    "$0" down >/dev/null 2>&1 || true
    start_mariadb
    write_wordpress
    php "$AFFLUX_ROOT/tests/env/wp-install.php"
    start_php
    echo "WordPress ($AFFLUX_ENV) at $AFFLUX_WP_URL"
    ;;
  down)
    afflux_stop php-server
    afflux_stop mariadb
    ;;
  reset)
    # Everything start.sh started (daemon and sandbox too), before their pid files go.
    bash "$AFFLUX_ROOT/tests/env/stop.sh" >/dev/null
    rm -rf "$AFFLUX_ENV_DIR"
    ;;
  *)
    echo "usage: AFFLUX_ENV=dev|test $0 up|down|reset" >&2
    exit 2
    ;;
esac
