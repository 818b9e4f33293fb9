#!/usr/bin/env bash
# Starts a throwaway nginx (Debian's) on 127.0.0.1 in front of one or more Fajma nodes, with the production
# configuration deploy/nginx/fajma.conf.template, and prints its plain-HTTP URL.
#   scripts/nginx.sh start DIR PORT TLSPORT UPSTREAM...   → prints http://127.0.0.1:PORT (https on TLSPORT)
#   scripts/nginx.sh reload DIR UPSTREAM...               → new upstream list, then SIGHUP (open WebSockets stay)
#   scripts/nginx.sh stop DIR
# FAJMA_NGINX_SNIPPET (optional): a file of extra locations for the server block, copied into DIR/snippets.
# FAJMA_NGINX_DEVICE_PORT (optional): also the HTTPS device listener (deploy/nginx/fajma-devices.conf.template) there.
# UPSTREAM is host:port or a URL (http://127.0.0.1:5000). The TLS certificate is self-signed for 127.0.0.1 and
# made per run; plain HTTP is not redirected (FAJMA_HTTPS_ONLY=off) so the browser tests can use it.
set -euo pipefail
action=$1 dir=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
vars='${FAJMA_UPSTREAM_SERVERS} ${FAJMA_HUB_UPSTREAM_SERVERS} ${FAJMA_HTTP_LISTEN} ${FAJMA_TLS_LISTEN} ${FAJMA_TLS_CERT} ${FAJMA_TLS_KEY} ${FAJMA_HTTPS_ONLY} ${FAJMA_ACCESS_LOG} ${FAJMA_SNIPPETS} ${FAJMA_DEVICE_TLS_LISTEN}'

# Writes DIR/fajma.conf from the template; $port and $tls_port come from DIR/ports on reload.
render() {
  local servers='' backups='' hub_servers='' u
  for u in "$@"; do
    u=${u#http://}; u=${u#https://}; u=${u%%/*}
    # Passive health: one failure takes a node out for 5 s (nginx open source has no active checks); the same nodes
    # again as backups without it, and for the hubs' long-lived connections none (see the template).
    servers+="server $u max_fails=1 fail_timeout=5s; "
    backups+="server $u backup max_fails=0; "
    hub_servers+="server $u max_fails=0; "
  done
  servers+=$backups
  FAJMA_UPSTREAM_SERVERS=$servers FAJMA_HUB_UPSTREAM_SERVERS=$hub_servers FAJMA_HTTP_LISTEN=127.0.0.1:$port FAJMA_TLS_LISTEN=127.0.0.1:$tls_port \
  FAJMA_TLS_CERT=$dir/tls.pem FAJMA_TLS_KEY=$dir/tls.key FAJMA_HTTPS_ONLY=off FAJMA_ACCESS_LOG=$dir/access.log FAJMA_SNIPPETS="$dir/snippets/*.conf" \
    envsubst "$vars" < "$root/deploy/nginx/fajma.conf.template" > "$dir/fajma.conf"
  if [ -n "$device_port" ]; then
    FAJMA_DEVICE_TLS_LISTEN=127.0.0.1:$device_port FAJMA_TLS_CERT=$dir/tls.pem FAJMA_TLS_KEY=$dir/tls.key FAJMA_ACCESS_LOG=$dir/access.log \
      envsubst "$vars" < "$root/deploy/nginx/fajma-devices.conf.template" >> "$dir/fajma.conf"
  fi
}

case "$action" in
  start)
    port=$3 tls_port=$4; shift 4
    [ -n "$bin" ] || { echo "nginx not found (apt-get install nginx)" >&2; exit 1; }
    command -v envsubst >/dev/null || { echo "envsubst not found (apt-get install gettext-base)" >&2; exit 1; }
    [ $# -gt 0 ] || { echo "no upstream given" >&2; exit 1; }
    rm -rf "$dir" && mkdir -p "$dir/tmp" "$dir/snippets"
    [ -n "${FAJMA_NGINX_SNIPPET:-}" ] && cp "$FAJMA_NGINX_SNIPPET" "$dir/snippets/site.conf"
    device_port=${FAJMA_NGINX_DEVICE_PORT:-}
    echo "$port $tls_port $device_port" > "$dir/ports"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 -subj /CN=127.0.0.1 \
      -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$dir/tls.key" -out "$dir/tls.pem" 2>/dev/null
    render "$@"
    # Run as root, nginx's workers drop to www-data (Debian's nginx user) and write only the temp folders: here,
    # or, when a parent of DIR is closed to www-data (a checkout under /root), in a folder of their own under /tmp.
    user='' tmp=$dir/tmp
    if [ "$(id -u)" = 0 ] && id www-data >/dev/null 2>&1; then
      user='user www-data;'
      chown -R www-data "$dir"
      if ! runuser -u www-data -- test -w "$dir/tmp"; then
        tmp=$(mktemp -d /tmp/fajma-nginx.XXXXXX) && chown www-data "$tmp" && echo "$tmp" > "$dir/tmp-elsewhere"
      fi
    fi
    # Everything else this instance writes stays in DIR; worker_shutdown_timeout bounds a reload's wait for old WebSockets.
    cat > "$dir/nginx.conf" <<CONF
$user
daemon on;
worker_processes 1;
worker_shutdown_timeout 30s;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $dir/fajma.conf;
}
CONF
    "$bin" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || { echo "nginx refused $dir/nginx.conf" >&2; exit 1; }
    "$bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
    for _ in $(seq 1 50); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "http://127.0.0.1:$port"; exit 0; }
      sleep 0.1
    done
    echo "nginx did not start on 127.0.0.1:$port; see $dir/error.log" >&2; exit 1
    ;;
  reload)
    shift 2
    read -r port tls_port device_port < "$dir/ports"
    render "$@"
    "$bin" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || { echo "nginx refused the new $dir/fajma.conf" >&2; exit 1; }
    kill -HUP "$(cat "$dir/nginx.pid")"
    ;;
  stop)
    # SIGTERM: a fast stop (SIGQUIT would wait for open WebSockets, up to worker_shutdown_timeout).
    [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
    [ -f "$dir/tmp-elsewhere" ] && rm -rf "$(cat "$dir/tmp-elsewhere")" "$dir/tmp-elsewhere"
    exit 0
    ;;
esac
