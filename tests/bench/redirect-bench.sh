#!/usr/bin/env bash
# The /go/ redirect benchmark: nginx + php-fpm (4 children, pm = static) in front of a real
# WordPress with Afflux active and its MariaDB, all on 127.0.0.1, measured with wrk sending
# browser-like headers. Prints, from one run, requests/s and p99 latency of:
#   nginx's own `return 302`, a plain PHP file answering 302, a full-WordPress redirect on
#   template_redirect (a bench-only mu-plugin), Afflux's /go/ through WordPress (the early
#   check in the plugin's file, no server configuration), the same after the one-click install
#   (EarlyPluginInstaller: the db.php drop-in answering before WordPress connects to MariaDB,
#   then the mu-plugin alone, both installed for their rows only) and Afflux's /go/ through
#   plugin/go.php (no WordPress), with the php-fpm workers', nginx's and MariaDB's CPU time per
#   request (steadier than requests/s on a shared machine), the share of CPU time the host took
#   back (steal) during each row, and, for the /go/ paths, the click rows written against the
#   302s nginx answered (clicks are spooled, so the spool is drained, as WP-Cron would, before
#   they are counted). Each row is measured BENCH_ROUNDS times, the rows taking turns, and
#   printed as medians with the range of requests/s: a virtual machine's speed drifts by tens
#   of percent within minutes, and taking turns gives every row the same drift.
#   bash tests/bench/redirect-bench.sh   (own environment "rbench" on ports 8961-8963 by default)
# Options (environment): BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (64), BENCH_PORT (8985: nginx
# uses it and the next one), BENCH_ROWS (an extended regular expression: only the rows whose
# name matches are measured, e.g. 'plain PHP|without WordPress' while iterating; all by default). The WordPress environment is started (and then stopped) when it
# is not already running. Everything this script starts is stopped by its pid at the end.
set -euo pipefail
export AFFLUX_ENV="${AFFLUX_ENV:-rbench}" AFFLUX_PORT_BASE="${AFFLUX_PORT_BASE:-8960}"
source "$(dirname "${BASH_SOURCE[0]}")/../env/env-config.sh"
cd "$AFFLUX_ROOT"

seconds="${BENCH_SECONDS:-10}"
rounds="${BENCH_ROUNDS:-3}"
rows="${BENCH_ROWS:-.}"
connections="${BENCH_CONNECTIONS:-64}"
port="${BENCH_PORT:-8985}"
standalone_port=$((port + 1))
bench_dir="$AFFLUX_ROOT/.afflux-dev/$AFFLUX_ENV-bench"
db_socket="$AFFLUX_ENV_DIR/mysql.sock"
baseline_plugin="$AFFLUX_WP_ROOT/wp-content/mu-plugins/afflux-bench-baseline.php"
early_plugin="$AFFLUX_WP_ROOT/wp-content/mu-plugins/afflux-early-go.php"
drop_in="$AFFLUX_WP_ROOT/wp-content/db.php"
drop_in_config="$AFFLUX_WP_ROOT/wp-content/afflux-early-config.php"
go_config="$AFFLUX_WP_ROOT/wp-content/afflux-go-config.php"

for tool in wrk nginx php-fpm8.2 mariadb; do
  command -v "$tool" >/dev/null || { echo "redirect-bench: $tool is missing (bash tests/env/setup.sh installs it)" >&2; exit 1; }
done

started_env=false
cleanup() {
  local pidfile pid
  for pidfile in "$bench_dir/nginx.pid" "$bench_dir/php-fpm.pid"; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$pidfile"
  done
  rm -f "$baseline_plugin"
  [ -f "$bench_dir/early-plugin-installed" ] && rm -f "$early_plugin" "$bench_dir/early-plugin-installed"
  [ -f "$bench_dir/drop-in-installed" ] && rm -f "$drop_in" "$drop_in_config" "$bench_dir/drop-in-installed"
  [ -f "$bench_dir/go-config-written" ] && rm -f "$go_config" "$bench_dir/go-config-written"
  if "$started_env"; then bash tests/env/stop.sh >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if [ ! -f "$AFFLUX_PIDS/php-server.pid" ] || ! kill -0 "$(cat "$AFFLUX_PIDS/php-server.pid")" 2>/dev/null; then
  echo "redirect-bench: starting the $AFFLUX_ENV environment (WordPress, MariaDB, sandbox, daemon)"
  started_env=true
  bash tests/env/start.sh --detach --skip-setup >/dev/null
fi

mkdir -p "$bench_dir" "$AFFLUX_WP_ROOT/wp-content/mu-plugins"
sql() { mariadb --socket="$db_socket" -uroot -N -B wordpress -e "$1"; }

# The post holding a card (the environment's demo post), and its cloaked path.
post_id="$(sql "SELECT ID FROM wp_posts WHERE post_name = 'demo-afflux' AND post_status = 'publish' LIMIT 1")"
[ -n "$post_id" ] || { echo "redirect-bench: the demo post is missing (npm start creates it)" >&2; exit 1; }
go_path="/go/bench-p${post_id}_demo1"
# Moves spooled clicks into the table, as WP-Cron does every minute.
drain() {
  AFFLUX_WP_HOST="$AFFLUX_HOST:$AFFLUX_WP_PORT" php -r '
    $_SERVER["HTTP_HOST"] = getenv("AFFLUX_WP_HOST"); $_SERVER["REQUEST_METHOD"] = "GET"; $_SERVER["REQUEST_URI"] = "/";
    require getenv("AFFLUX_WP_ROOT") . "/wp-load.php";
    ( new \Afflux\Clicks\ClickSpoolDrain() )->drain();' >/dev/null
}
clicks() { drain; sql "SELECT COUNT(*) FROM wp_afflux_clicks WHERE post_id = $post_id"; }

# The bench-only full-WordPress baseline: a redirect on template_redirect, as
# ThirstyAffiliates and Content Egg do it, with every plugin and the theme loaded.
cat >"$baseline_plugin" <<'PHP'
<?php
// Written by tests/bench/redirect-bench.sh for the length of the benchmark only.
add_action(
	'template_redirect',
	static function (): void {
		if ( str_starts_with( (string) $_SERVER['REQUEST_URI'], '/bench-baseline/' ) ) {
			wp_redirect( 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456', 302 );
			exit;
		}
	},
	1
);
PHP
cat >"$bench_dir/plain-302.php" <<'PHP'
<?php
header( 'Location: https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456', true, 302 );
PHP

# The no-WordPress path's configuration, written by the plugin itself.
if [ ! -f "$go_config" ]; then
  touch "$bench_dir/go-config-written"
  AFFLUX_WP_HOST="$AFFLUX_HOST:$AFFLUX_WP_PORT" php -r '
    $_SERVER["HTTP_HOST"] = getenv("AFFLUX_WP_HOST"); $_SERVER["REQUEST_METHOD"] = "GET"; $_SERVER["REQUEST_URI"] = "/";
    require getenv("AFFLUX_WP_ROOT") . "/wp-load.php";
    $r = \Afflux\Redirect\StandaloneConfigWriter::write();
    if ( true !== $r ) { fwrite( STDERR, $r->get_error_message() . "\n" ); exit( 1 ); }'
fi

# php-fpm's defaults but the pool size. Not catch_workers_output: with it, every request costs
# the worker a write and the master a read (measured: the master at 7 % of a CPU, about 6 µs
# a request, for every row alike). PHP's own error_log() still reaches nginx's error log.
cat >"$bench_dir/php-fpm.conf" <<CONF
[global]
pid = $bench_dir/php-fpm.pid
error_log = $bench_dir/php-fpm.log
daemonize = yes

[bench]
listen = $bench_dir/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = 4
CONF
# What a production site runs: opcache on (system-wide settings, so given to the master),
# files still revalidated every 2 s.
php-fpm8.2 --allow-to-run-as-root --fpm-config "$bench_dir/php-fpm.conf" \
  -d opcache.enable=1 -d opcache.memory_consumption=128 -d opcache.interned_strings_buffer=16 \
  -d opcache.max_accelerated_files=10000 -d opcache.validate_timestamps=1 -d opcache.revalidate_freq=2

# The standalone server block includes the shipped snippet, with only the socket changed.
sed "s|unix:/run/php/php8.2-fpm.sock|unix:$bench_dir/php-fpm.sock|; s|include fastcgi_params;|include /etc/nginx/fastcgi_params;|" \
  plugin/server-snippets/nginx-afflux-go.conf >"$bench_dir/afflux-go-snippet.conf"
cat >"$bench_dir/nginx.conf" <<CONF
user www-data;
worker_processes auto;
pid $bench_dir/nginx.pid;
error_log $bench_dir/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $bench_dir/tmp-body;
  fastcgi_temp_path $bench_dir/tmp-fastcgi;
  proxy_temp_path $bench_dir/tmp-proxy;
  uwsgi_temp_path $bench_dir/tmp-uwsgi;
  scgi_temp_path $bench_dir/tmp-scgi;
  # The /go/ rows' access logs count what nginx answered. Buffered, as on a busy production
  # site: a write per request would be the instrument's cost, paid by those rows only
  # (measured: about 10 µs of nginx's CPU a request). Flushed before they are read.
  log_format status '\$status \$uri';
  server {
    listen 127.0.0.1:$port;
    root $AFFLUX_WP_ROOT;
    index index.php;
    location = /nginx-302 { return 302 https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456; }
    location = /plain-302.php {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $bench_dir/plain-302.php;
      fastcgi_pass unix:$bench_dir/php-fpm.sock;
    }
    location ^~ /go/ {
      access_log $bench_dir/access-wordpress.log status buffer=64k flush=1s;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root/index.php;
      fastcgi_param SCRIPT_NAME /index.php;
      fastcgi_pass unix:$bench_dir/php-fpm.sock;
    }
    location / { try_files \$uri \$uri/ /index.php?\$args; }
    location ~ \.php\$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_pass unix:$bench_dir/php-fpm.sock;
    }
  }
  server {
    listen 127.0.0.1:$standalone_port;
    root $AFFLUX_WP_ROOT;
    access_log $bench_dir/access-standalone.log status buffer=64k flush=1s;
    include $bench_dir/afflux-go-snippet.conf;
    location / { try_files \$uri \$uri/ /index.php?\$args; }
    location ~ \.php\$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_pass unix:$bench_dir/php-fpm.sock;
    }
  }
}
CONF
nginx -c "$bench_dir/nginx.conf"
afflux_wait_for 10 "nginx" curl -fsS -o /dev/null "http://127.0.0.1:$port/nginx-302" -w '%{http_code}' --max-redirs 0

# Every target must answer 302 before it is measured (a fast 404 would be a false figure).
check_302() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -A 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' "$1")"
  [ "$code" = 302 ] || { echo "redirect-bench: $1 answered $code, not 302" >&2; exit 1; }
}

run_wrk() { # url → prints "rps p99_ms requests errors"
  local out
  out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 10s \
    -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' \
    -H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
    -H 'Accept-Language: fr-FR,fr;q=0.9,en;q=0.5' \
    -H 'Accept-Encoding: gzip, deflate' \
    -H "Referer: $AFFLUX_WP_URL/demo-afflux/" "$1")"
  echo "$out" >>"$bench_dir/wrk.log"
  local rps p99 requests errors
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  errors="$(awk '/Socket errors|Non-2xx/ {print}' <<<"$out" | tr '\n' ' ')"
  echo "$rps $p99 $requests ${errors:-none}"
}

# A command's output once it stops moving: two reads 1.2 s apart that agree.
steady() {
  local last now
  now="$("$@")"
  while :; do last="$now"; sleep 1.2; now="$("$@")"; [ "$now" != "$last" ] || break; done
  echo "$now"
}
# The click count once every click is written (clicks are written after the response).
settled_clicks() { steady clicks; }

count_status() { grep -c "^$2 " "$1" 2>/dev/null || true; }

# Returns once nginx has written every line of an access log: reopening the logs makes the
# workers flush their buffers, and flush=1s bounds how long any line stays buffered.
line_count() { wc -l <"$1"; }
settled_log() {
  kill -USR1 "$(cat "$bench_dir/nginx.pid")"
  steady line_count "$1" >/dev/null
}

# CPU time (clock ticks) used so far by the php-fpm children, the nginx workers and MariaDB:
# divided by the responses, a per-request cost that other work on a shared machine barely
# moves (requests/s does).
children_ticks() { # parent pid file
  local total=0 child
  for child in $(pgrep -P "$(cat "$1")"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
db_ticks() {
  local pid
  pid="$(cat "$AFFLUX_PIDS/mariadb.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then awk '{print $14 + $15}' "/proc/$pid/stat"; else echo 0; fi
}
# The host's stolen time and all CPU time so far (/proc/stat's first line, in ticks): their
# ratio over a row says how much of the machine the row really had.
cpu_ticks() { awk '$1 == "cpu" { total = 0; for (i = 2; i <= 9; i++) total += $i; print $9, total; exit }' /proc/stat; }
clock_ticks="$(getconf CLK_TCK)"
per_request() { awk -v t="$1" -v hz="$clock_ticks" -v n="$2" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }'; } # ticks responses → µs

check_302 "http://127.0.0.1:$port/nginx-302"
check_302 "http://127.0.0.1:$port/plain-302.php"
check_302 "http://127.0.0.1:$port/bench-baseline/"
check_302 "http://127.0.0.1:$port$go_path"
check_302 "http://127.0.0.1:$standalone_port$go_path"
settled_clicks >/dev/null
: >"$bench_dir/wrk.log"

echo "redirect-bench: ${seconds}s each, $connections connections, wrk -t2, nginx worker_processes auto, php-fpm 4 children (pm = static, opcache on), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Every run of a row appends its figures to the row's lists (space-separated).
declare -A rps_runs p99_runs php_runs nginx_runs db_runs steal_runs responses errors_seen statements answered_sum clicks_sum mismatched
measure() { # name url [access log]
  local name="$1" url="$2" log="${3:-}" before_clicks after_clicks answered result requests errors
  grep -Eq -- "$rows" <<<"$name" || return 0
  if [ -n "$log" ]; then settled_log "$log"; : >"$log"; before_clicks="$(settled_clicks)"; fi
  local questions_before questions_after fpm_before fpm_after nginx_before nginx_after db_before db_after cpu_before cpu_after
  questions_before="$(sql "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{print $2}')"
  fpm_before="$(children_ticks "$bench_dir/php-fpm.pid")"; nginx_before="$(children_ticks "$bench_dir/nginx.pid")"
  db_before="$(db_ticks)"; cpu_before="$(cpu_ticks)"
  result="$(run_wrk "$url")"
  fpm_after="$(children_ticks "$bench_dir/php-fpm.pid")"; nginx_after="$(children_ticks "$bench_dir/nginx.pid")"
  db_after="$(db_ticks)"; cpu_after="$(cpu_ticks)"
  questions_after="$(sql "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{print $2}')"
  read -r rps p99 requests errors <<<"$result"
  rps_runs["$name"]+=" $rps"; p99_runs["$name"]+=" $p99"
  php_runs["$name"]+=" $(per_request $((fpm_after - fpm_before)) "$requests")"
  nginx_runs["$name"]+=" $(per_request $((nginx_after - nginx_before)) "$requests")"
  db_runs["$name"]+=" $(per_request $((db_after - db_before)) "$requests")"
  steal_runs["$name"]+=" $(awk -v b="$cpu_before" -v a="$cpu_after" 'BEGIN { split(b, x, " "); split(a, y, " "); t = y[2] - x[2]; printf "%.0f", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }')"
  responses["$name"]=$((${responses[$name]:-0} + requests))
  [ "$errors" = none ] || errors_seen["$name"]+="$errors "
  # The two status reads count two (measured: nginx's own 302 leaves exactly that): what is
  # left is what the redirects sent MariaDB.
  statements["$name"]=$((${statements[$name]:-0} + questions_after - questions_before - 2))
  if [ -n "$log" ]; then
    after_clicks="$(settled_clicks)"
    settled_log "$log"
    # A 499 is a client (wrk stopping) that hung up after php-fpm had answered: the reader
    # was sent on and the click is recorded, so it counts as answered.
    answered="$(( $(count_status "$log" 302) + $(count_status "$log" 499) ))"
    answered_sum["$name"]=$((${answered_sum[$name]:-0} + answered))
    clicks_sum["$name"]=$((${clicks_sum[$name]:-0} + after_clicks - before_clicks))
    [ "$answered" = "$((after_clicks - before_clicks))" ] || mismatched["$name"]=$((${mismatched[$name]:-0} + 1))
  fi
}
# The median and the range of a space-separated list of numbers ('' for an empty list).
median() { tr ' ' '\n' | { grep . || true; } | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { tr ' ' '\n' | { grep . || true; } | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) printf "%.0f-%.0f", lo, hi }'; }

for _ in $(seq 1 "$rounds"); do
  measure "nginx return 302"                "http://127.0.0.1:$port/nginx-302"
  measure "plain PHP file 302"              "http://127.0.0.1:$port/plain-302.php"
  measure "full WordPress, template_redirect" "http://127.0.0.1:$port/bench-baseline/"
  measure "Afflux /go/ in WordPress"        "http://127.0.0.1:$port$go_path" "$bench_dir/access-wordpress.log"
  measure "Afflux /go/ without WordPress"   "http://127.0.0.1:$standalone_port$go_path" "$bench_dir/access-standalone.log"
done
# The one-click install from Afflux → Links (EarlyPluginInstaller): the db.php drop-in that
# answers before WordPress connects to MariaDB, and the mu-plugin, measured with and then
# without the drop-in (as on a site whose db.php belongs to another plugin). Both are removed
# at the end unless the site had them already.
[ -f "$early_plugin" ] || touch "$bench_dir/early-plugin-installed"
[ -f "$drop_in" ] || touch "$bench_dir/drop-in-installed"
wp_php() {
  AFFLUX_WP_HOST="$AFFLUX_HOST:$AFFLUX_WP_PORT" php -r '
    $_SERVER["HTTP_HOST"] = getenv("AFFLUX_WP_HOST"); $_SERVER["REQUEST_METHOD"] = "GET"; $_SERVER["REQUEST_URI"] = "/";
    require getenv("AFFLUX_WP_ROOT") . "/wp-load.php";'"$1"
}
wp_php '$r = \Afflux\Redirect\EarlyPluginInstaller::install();
  if ( true !== $r ) { fwrite( STDERR, $r->get_error_message() . "\n" ); exit( 1 ); }
  $s = \Afflux\Redirect\EarlyPluginInstaller::drop_in_state();
  if ( "installed" !== $s ) { fwrite( STDERR, "redirect-bench: the drop-in is $s\n" ); exit( 1 ); }'
check_302 "http://127.0.0.1:$port$go_path"
for _ in $(seq 1 "$rounds"); do
  measure "Afflux /go/ one-click (drop-in)" "http://127.0.0.1:$port$go_path" "$bench_dir/access-wordpress.log"
done
if [ -f "$bench_dir/drop-in-installed" ]; then
  wp_php '\Afflux\Redirect\EarlyPluginInstaller::remove_drop_in();'
  check_302 "http://127.0.0.1:$port$go_path"
  for _ in $(seq 1 "$rounds"); do
    measure "Afflux /go/ mu-plugin"         "http://127.0.0.1:$port$go_path" "$bench_dir/access-wordpress.log"
  done
fi

rps_of() { median <<<"${rps_runs[$1]:-}"; }
base="$(rps_of "full WordPress, template_redirect")"
ceiling="$(rps_of "plain PHP file 302")"
ratio() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (b > 0) printf f, a / b; else printf "-" }'; }
echo
echo "Medians of $rounds runs (requests/s: median and range); µs/req: CPU time per response; steal: the host's share of CPU time."
printf '%-36s %10s %13s %8s %9s %8s %9s %9s %8s %6s\n' "redirect" "requests/s" "range" "p99 ms" "× WP base" "÷ plain" "php µs" "nginx µs" "db µs" "steal"
for name in "nginx return 302" "plain PHP file 302" "full WordPress, template_redirect" "Afflux /go/ in WordPress" "Afflux /go/ mu-plugin" "Afflux /go/ one-click (drop-in)" "Afflux /go/ without WordPress"; do
  [ -n "${rps_runs[$name]:-}" ] || continue
  row_rps="$(rps_of "$name")"
  printf '%-36s %10.0f %13s %8.2f %9s %8s %9.0f %9.0f %8.0f %5.0f%%\n' "$name" "$row_rps" "$(spread <<<"${rps_runs[$name]}")" \
    "$(median <<<"${p99_runs[$name]}")" "$(ratio "$row_rps" "$base" %.1f)" "$(ratio "$row_rps" "$ceiling" %.2f)" \
    "$(median <<<"${php_runs[$name]}")" "$(median <<<"${nginx_runs[$name]}")" "$(median <<<"${db_runs[$name]}")" \
    "$(median <<<"${steal_runs[$name]}")"
done
echo
for name in "Afflux /go/ in WordPress" "Afflux /go/ mu-plugin" "Afflux /go/ one-click (drop-in)" "Afflux /go/ without WordPress" "nginx return 302" "plain PHP file 302" "full WordPress, template_redirect"; do
  [ -n "${rps_runs[$name]:-}" ] || continue
  line="$name: requests/s of each run:${rps_runs[$name]}; wrk: ${responses[$name]} responses; errors: ${errors_seen[$name]:-none}; MariaDB statements during the runs: ${statements[$name]}"
  if [ -n "${answered_sum[$name]:-}" ]; then
    line="$line; ${answered_sum[$name]} answered by nginx (302 + 499 client closed), ${clicks_sum[$name]} click rows written ($([ -z "${mismatched[$name]:-}" ] && echo "match in every run" || echo "MISMATCH in ${mismatched[$name]} run(s)"))"
  fi
  echo "$line"
done
echo "(wrk output: $bench_dir/wrk.log)"
