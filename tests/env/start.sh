#!/usr/bin/env bash
# Quick start: sets everything up and runs Afflux — WordPress with the plugin active, the sandbox
# network, the daemon syncing on its schedule, a demo post with a product card.
#   npm start                 run in the foreground; Ctrl-C stops everything
#   npm start -- --detach     leave it running; `npm run stop` stops everything
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env-config.sh"
cd "$AFFLUX_ROOT"

detach=false
skip_setup=false
for arg in "$@"; do
  case "$arg" in
    --detach) detach=true ;;
    --skip-setup) skip_setup=true ;;
    *) echo "usage: start.sh [--detach] [--skip-setup]" >&2; exit 2 ;;
  esac
done

"$skip_setup" || bash tests/env/setup.sh
bash tests/env/stop.sh >/dev/null 2>&1 || true
trap 'echo "afflux: start failed, stopping what was started" >&2; bash tests/env/stop.sh' ERR

bash tests/env/wordpress.sh up
bash tests/env/write-daemon-config.sh

daemon=(node "$AFFLUX_ROOT/daemon/bin/afflux-daemon.js")
afflux_spawn sandbox "${daemon[@]}" sandbox --port "$AFFLUX_SANDBOX_PORT"
afflux_wait_for 30 "sandbox network" curl -fsS -o /dev/null \
  -H 'Authorization: Bearer sandbox-token' "$AFFLUX_SANDBOX_URL/publishers/123456/programmes?relationship=joined"

echo "afflux: first sync from the sandbox network"
"${daemon[@]}" sync all --once --config "$AFFLUX_DAEMON_CONFIG"
afflux_spawn daemon "${daemon[@]}" start --config "$AFFLUX_DAEMON_CONFIG"

demo_url="$(php tests/env/demo-post.php)"
trap - ERR

cat <<TXT

Afflux is running ($AFFLUX_ENV).
  Site:        $AFFLUX_WP_URL/
  Demo post:   $demo_url
  Admin:       $AFFLUX_WP_URL/wp-admin/  (user: $AFFLUX_ADMIN_USER, password: $AFFLUX_ADMIN_PASSWORD)
  Sandbox:     $AFFLUX_SANDBOX_URL/  (the demo's affiliate network)
  Cache:       $AFFLUX_CACHE_PATH
  Daemon:      ${daemon[*]} status --config $AFFLUX_DAEMON_CONFIG
  Logs:        $AFFLUX_ENV_DIR/*.log
TXT

if "$detach"; then
  echo "Stop everything with: npm run stop"
  exit 0
fi
echo "Press Ctrl-C to stop everything."
trap 'echo; bash tests/env/stop.sh; exit 0' INT TERM
# Stay in the foreground for as long as the web server runs.
while kill -0 "$(cat "$AFFLUX_PIDS/php-server.pid")" 2>/dev/null; do sleep 1; done
