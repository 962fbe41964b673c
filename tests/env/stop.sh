#!/usr/bin/env bash
# Stops everything start.sh started for this environment (AFFLUX_ENV, default dev), by process id.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env-config.sh"
afflux_stop daemon
afflux_stop sandbox
bash "$AFFLUX_ROOT/tests/env/wordpress.sh" down
echo "afflux: $AFFLUX_ENV environment stopped"
