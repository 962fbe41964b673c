#!/usr/bin/env bash
# Writes the daemon's configuration for a local environment: the Awin adapter pointed at the
# sandbox network. In the demo (dev), tracking links also go through the sandbox so they work offline;
# test environments keep Awin's real tracking host and the browser test maps it to the sandbox.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env-config.sh"
tracking_base="$AFFLUX_SANDBOX_URL"
[ "$AFFLUX_ENV" != dev ] && tracking_base="https://www.awin1.com"
mkdir -p "$AFFLUX_ENV_DIR"
# 90 days of commissions: the first `sync all` (5 commission calls) plus the readiness probe
# stay far below the sandbox's enforced 20 Awin calls a minute.
cat >"$AFFLUX_DAEMON_CONFIG" <<JSON
{
  "cachePath": "$AFFLUX_CACHE_PATH",
  "networks": {
    "awin": {
      "enabled": true,
      "publisherId": "123456",
      "apiToken": "sandbox-token",
      "feedKey": "sandbox-feed-key",
      "feedIds": ["1001", "1002", "1003"],
      "apiBase": "$AFFLUX_SANDBOX_URL",
      "feedBase": "$AFFLUX_SANDBOX_URL",
      "trackingBase": "$tracking_base"
    }
  },
  "schedules": {
    "programmes": "0 3 * * *",
    "catalogue": "*/30 * * * *"
  },
  "commissions": { "backfillDays": 90 }
}
JSON
