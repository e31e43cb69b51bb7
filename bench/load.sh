#!/usr/bin/env bash
# Load on the local host over loopback with hey: health (the host's floor), token issuance, and
# Streamable HTTP tools/call list_campaigns; plus start-up time to the first healthy response and
# the host's peak memory. Writes bench/out/load.json. Bounded: each run lasts DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
duration="${DURATION:-10}"
concurrency="${CONCURRENCY:-32}"
port="${PORT:-7391}"
base="http://127.0.0.1:$port"
api_key="load-test-api-key-0123456789abcdef"

if ! command -v hey >/dev/null; then
  echo "hey is not installed; installing it from Debian (apt-get install hey)" >&2
  apt-get install -y -qq hey >/dev/null
fi

dotnet build src/LocalHost -c Release -v quiet --nologo >/dev/null
start_ns=$(date +%s%N)
API_KEY="$api_key" MCP_JWT_SECRET="$(printf '9f8e7d6c5b4a3f2e%.0s' 1 2 3 4)" NODE_ENV=production \
  Logging__LogLevel__Default=Warning \
  dotnet src/LocalHost/bin/Release/net10.0/CampaignMcp.LocalHost.dll --urls "$base" >"$out/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$base/api/v1/mcp/health"; do
  kill -0 $host 2>/dev/null || { echo "the host exited; see $out/host.log" >&2; exit 1; }
  sleep 0.01
done
startup_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "first healthy response after ${startup_ms} ms" >&2

token=$(curl -s -X POST "$base/api/v1/mcp/auth/token" -H "X-API-Key: $api_key" -H 'Content-Type: application/json' \
  -d '{"client_id":"claude"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

run() { # name, then hey arguments
  local name=$1; shift
  echo "load: $name (${duration}s, $concurrency connections)" >&2
  hey -z "${duration}s" -c "$concurrency" "$@" > "$out/hey-$name.txt"
}
run health "$base/api/v1/mcp/health"
run token -m POST -H "X-API-Key: $api_key" -T application/json -d '{"client_id":"claude"}' "$base/api/v1/mcp/auth/token"
run list_campaigns -m POST -H "Authorization: Bearer $token" -H 'MCP-Protocol-Version: 2025-11-25' -T application/json \
  -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":25}}}' "$base/api/v1/mcp"

peak_kib=$(awk '/VmHWM/ {print $2}' /proc/$host/status)
summary() { # name -> JSON object from hey's text report
  local file="$out/hey-$1.txt"
  local rps p50 p99 ok total
  rps=$(awk '/Requests\/sec/ {print $2}' "$file")
  p50=$(awk '/ 50% in/ {print $3}' "$file")
  p99=$(awk '/ 99% in/ {print $3}' "$file")
  ok=$(awk '/\[200\]|\[202\]/ {s += $2} END {print s + 0}' "$file")
  total=$(awk '/^  \[[0-9]+\]/ {s += $2} END {print s + 0}' "$file")
  errs=$(awk '/Error distribution/ {e = 1; next} e && /\[/ {s += $1} END {print s + 0}' "$file" | tr -d '[]')
  printf '{"name":"%s","requests_per_second":%s,"p50_seconds":%s,"p99_seconds":%s,"ok":%s,"responses":%s,"transport_errors":%s}' \
    "$1" "$rps" "${p50:-0}" "${p99:-0}" "$ok" "$total" "${errs:-0}"
}
printf '{"duration_seconds":%s,"concurrency":%s,"startup_to_first_healthy_ms":%s,"peak_rss_kib":%s,"runs":[%s,%s,%s]}\n' \
  "$duration" "$concurrency" "$startup_ms" "$peak_kib" "$(summary health)" "$(summary token)" "$(summary list_campaigns)" > "$out/load.json"
cat "$out/load.json"
