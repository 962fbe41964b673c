# Shared settings for the environment scripts: one folder and one set of loopback ports per
# environment name, so the demo ("dev") and the test run ("test") can live side by side.
# Source this file; it reads AFFLUX_ENV (default dev). Other names than dev and test need
# AFFLUX_PORT_BASE (three ports from base+1 are used), e.g. for a second test run side by side.
AFFLUX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AFFLUX_ENV="${AFFLUX_ENV:-dev}"
if ! [[ "$AFFLUX_ENV" =~ ^[a-z0-9-]{1,20}$ ]]; then
  echo "afflux: environment name '$AFFLUX_ENV' must be 1-20 characters of a-z, 0-9 and -" >&2
  exit 2
fi
case "$AFFLUX_ENV" in
  dev)  port_base="${AFFLUX_PORT_BASE:-8880}" ;;
  test) port_base="${AFFLUX_PORT_BASE:-8890}" ;;
  *)
    if ! [[ "${AFFLUX_PORT_BASE:-}" =~ ^[0-9]{4,5}$ ]]; then
      echo "afflux: environment '$AFFLUX_ENV' needs AFFLUX_PORT_BASE (e.g. 8900)" >&2
      exit 2
    fi
    port_base="$AFFLUX_PORT_BASE" ;;
esac
AFFLUX_HOST=127.0.0.1
AFFLUX_WP_PORT="${AFFLUX_WP_PORT:-$((port_base + 1))}"
AFFLUX_SANDBOX_PORT="${AFFLUX_SANDBOX_PORT:-$((port_base + 2))}"
AFFLUX_DB_PORT="${AFFLUX_DB_PORT:-$((port_base + 3))}"
AFFLUX_ENV_DIR="$AFFLUX_ROOT/.afflux-dev/$AFFLUX_ENV"
AFFLUX_WP_ROOT="$AFFLUX_ENV_DIR/wordpress"
AFFLUX_WP_URL="http://$AFFLUX_HOST:$AFFLUX_WP_PORT"
AFFLUX_SANDBOX_URL="http://$AFFLUX_HOST:$AFFLUX_SANDBOX_PORT"
AFFLUX_CACHE_PATH="$AFFLUX_ENV_DIR/cache/cache.sqlite"
AFFLUX_DAEMON_CONFIG="$AFFLUX_ENV_DIR/daemon.json"
AFFLUX_ADMIN_USER=admin
AFFLUX_ADMIN_PASSWORD="${AFFLUX_ADMIN_PASSWORD:-afflux-admin}"
AFFLUX_PIDS="$AFFLUX_ENV_DIR/pids"
export AFFLUX_ROOT AFFLUX_ENV AFFLUX_HOST AFFLUX_WP_PORT AFFLUX_SANDBOX_PORT AFFLUX_DB_PORT \
  AFFLUX_ENV_DIR AFFLUX_WP_ROOT AFFLUX_WP_URL AFFLUX_SANDBOX_URL AFFLUX_CACHE_PATH \
  AFFLUX_DAEMON_CONFIG AFFLUX_ADMIN_USER AFFLUX_ADMIN_PASSWORD AFFLUX_PIDS

# Start a command in its own process group, remember the group id under a name.
afflux_spawn() {
  local name="$1"; shift
  mkdir -p "$AFFLUX_PIDS"
  setsid "$@" >"$AFFLUX_ENV_DIR/$name.log" 2>&1 < /dev/null &
  echo $! >"$AFFLUX_PIDS/$name.pid"
}

# Stop a process group started by afflux_spawn, and only that one.
afflux_stop() {
  local name="$1" pidfile="$AFFLUX_PIDS/$1.pid" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
}

# Wait until a command succeeds (a readiness probe, not a delay): up to $1 seconds.
afflux_wait_for() {
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "afflux: $what did not become ready within ${seconds}s" >&2
      return 1
    fi
    sleep 0.2
  done
}
