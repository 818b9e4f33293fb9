#!/usr/bin/env bash
# Installs the Debian packages the tests need (when run as root), or says exactly which are missing.
set -euo pipefail
missing=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
{ command -v mosquitto || [ -x /usr/sbin/mosquitto ]; } >/dev/null 2>&1 || missing+=(mosquitto) # external-broker tests (scripts/mosquitto.sh)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) # cluster tests (scripts/redis.sh)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx) # load balancer in the cluster tests (deploy/nginx)
command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base) # scripts/nginx.sh renders deploy/nginx/fajma.conf.template
command -v openssl >/dev/null 2>&1 || missing+=(openssl) # scripts/nginx.sh makes a throwaway TLS certificate
command -v ss >/dev/null 2>&1 || missing+=(iproute2) # scripts/coturn.sh waits for its port with ss
command -v afl-fuzz >/dev/null 2>&1 || missing+=(afl++) # scripts/fuzz.sh: coverage-guided fuzzing of the parsers
# The ESP32 firmware's host build (firmware/esp32): its core's tests and the Linux host device.
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
[ -f /usr/include/gtest/gtest.h ] || missing+=(libgtest-dev)
[ -f /usr/include/mbedtls/md.h ] || missing+=(libmbedtls-dev)
[ -f /usr/include/mosquitto.h ] || missing+=(libmosquitto-dev)
{ command -v clang++ || command -v clang++-14; } >/dev/null 2>&1 || missing+=(clang-14) # firmware/esp32/fuzz (libFuzzer)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing+=(libclang-rt-14-dev)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian package starts a cluster on 5432; the tests start their own on 127.0.0.1 only.
  service postgresql stop >/dev/null 2>&1 || true
  # Likewise coturn: the browser tests start their own on 127.0.0.1 with a throwaway secret.
  service coturn stop >/dev/null 2>&1 || true
  # And Mosquitto: the external-broker tests start their own on 127.0.0.1 with a throwaway configuration.
  service mosquitto stop >/dev/null 2>&1 || true
  # Redis and nginx too: the cluster tests start their own on 127.0.0.1.
  service redis-server stop >/dev/null 2>&1 || true
  service nginx stop >/dev/null 2>&1 || true
else
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
