#!/usr/bin/env bash
# This server beside the two peers of docs/benchmarks.md, over loopback with wrk:
#   local  the local host (src/LocalHost, published as its project file says: ReadyToRun)
#   sdk    the official C# SDK server (bench/CampaignMcp.SdkPeer: ModelContextProtocol.AspNetCore, stateless, JwtBearer)
#   node   the official TypeScript SDK server (bench/node/sdk-peer.mjs: stateless, express, jose)
# All three check the same token and serve the same data. Two phases:
#   cold start: process start -> first successful tools/call, each server in turn, REPEATS times;
#   load: every workload on every server, interleaved (the order rotates each repeat), REPEATS times, with the
#         server's CPU time per call from /proc/<pid>/stat (utime + stime) over the run.
# Writes bench/out/load.json. Expects bench/run.sh's builds and fixture (run it through bench/run.sh).
# RUN_QUICK=1: 2 s runs, one repeat: proves the harness works, the figures mean nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/bench/out
fixture=$out/fixture
quick=${RUN_QUICK:-0}
if [ "$quick" = 1 ]; then duration=${DURATION:-2}; repeats=${REPEATS:-1}; warmup=1; else duration=${DURATION:-10}; repeats=${REPEATS:-3}; warmup=3; fi
# Cold starts are short and swing by a third on a shared machine: more of them, interleaved, for a median that holds.
if [ "$quick" = 1 ]; then cold_repeats=${COLD_REPEATS:-1}; else cold_repeats=${COLD_REPEATS:-9}; fi
threads=2
ticks=$(getconf CLK_TCK)
secret=$(node -p "require('$fixture/token.json').secret")
token=$(node -p "require('$fixture/token.json').token")
public_url=$(node -p "require('$fixture/token.json').issuer")

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed; installing it from Debian (apt-get install wrk)" >&2
  apt-get install -y -qq wrk >/dev/null
fi

servers=(local sdk node)
declare -A port=([local]=7391 [sdk]=7392 [node]=7393)
declare -A path=([local]=/api/v1/mcp [sdk]=/mcp [node]=/mcp)
declare -A pid=()

start() { # server -> starts it in the background, pid in pid[server]
  local name=$1 url="http://127.0.0.1:${port[$1]}"
  case $name in
    local) ASPNETCORE_ENVIRONMENT=Production API_KEY=4f9c2a7e1b6d3f8a0c5e9b2d7f4a1c6e MCP_JWT_SECRET=$secret MCP_PUBLIC_URL=$public_url NODE_ENV=production \
             Logging__LogLevel__Default=Warning "$out/publish/local/CampaignMcp.LocalHost" --urls "$url" >"$out/$name.log" 2>&1 & ;;
    sdk)   API_KEY=4f9c2a7e1b6d3f8a0c5e9b2d7f4a1c6e MCP_JWT_SECRET=$secret MCP_PUBLIC_URL=$public_url NODE_ENV=production \
             Logging__LogLevel__Default=Warning "$out/publish/sdk/CampaignMcp.SdkPeer" --urls "$url" >"$out/$name.log" 2>&1 & ;;
    node)  NODE_ENV=production node "$root/bench/node/sdk-peer.mjs" "$fixture" "${port[$name]}" >"$out/$name.log" 2>&1 & ;;
  esac
  pid[$name]=$!
}

stop() { # server
  kill "${pid[$1]}" 2>/dev/null || true
  wait "${pid[$1]}" 2>/dev/null || true
  unset "pid[$1]"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

cleanup() { for name in "${!pid[@]}"; do kill "${pid[$name]}" 2>/dev/null || true; done; }
trap cleanup EXIT

body_list50='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":50}}}'
body_list25='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":25}}}'
body_tools_list='{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
body_ping='{"jsonrpc":"2.0","id":1,"method":"ping"}'

call() { # server body outfile -> HTTP status; the response in outfile
  curl -s -o "$3" -w '%{http_code}' --max-time 5 -X POST "http://127.0.0.1:${port[$1]}${path[$1]}" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2025-11-25' -d "$2" || true
}

# A JSON-RPC result, not an error inside a 200: what "successful" means for cold start and the pre-check.
succeeded() { [ "$1" = 200 ] && grep -q '"result"' "$2"; }

cold_start() { # server -> ms from process start to the first successful tools/call, and the CPU ms the server used by then
  local name=$1 start_ns status
  start_ns=$(date +%s%N)
  start "$name"
  while :; do
    status=$(call "$name" "$body_list25" "$out/cold-$name.body")
    if succeeded "$status" "$out/cold-$name.body"; then break; fi
    kill -0 "${pid[$name]}" 2>/dev/null || { echo "$name exited during start-up; see $out/$name.log" >&2; exit 1; }
    sleep 0.002
  done
  echo "$(( ($(date +%s%N) - start_ns) / 1000000 )) $(( $(cpu_ticks "${pid[$name]}") * 1000 / ticks ))"
  stop "$name"
}

echo "==> cold start: process start -> first successful tools/call (${cold_repeats} × each, interleaved)" >&2
cold_json=""
for ((r = 1; r <= cold_repeats; r++)); do
  for name in "${servers[@]}"; do
    read -r ms cpu_ms <<<"$(cold_start "$name")"
    [ -n "${cpu_ms:-}" ] || { echo "cold start of $name failed" >&2; exit 1; }
    echo "  $name: $ms ms ($cpu_ms ms CPU)" >&2
    cold_json+="${cold_json:+,}{\"server\":\"$name\",\"repeat\":$r,\"ms\":$ms,\"cpu_ms\":$cpu_ms}"
  done
done

echo "==> load: wrk, $threads threads, ${duration} s per run, ${repeats} repeat(s), interleaved" >&2
for name in "${servers[@]}"; do start "$name"; done
for name in "${servers[@]}"; do
  until succeeded "$(call "$name" "$body_ping" "$out/check.body")" "$out/check.body"; do
    kill -0 "${pid[$name]}" 2>/dev/null || { echo "$name exited; see $out/$name.log" >&2; exit 1; }
    sleep 0.05
  done
done

workloads=("list50 8" "list50 32" "list25 8" "list25 32" "tools_list 32" "ping 32")
bytes_json=""
for name in "${servers[@]}"; do
  for workload in list50 list25 tools_list ping; do
    body_var="body_$workload"
    status=$(call "$name" "${!body_var}" "$out/check-$name-$workload.body")
    succeeded "$status" "$out/check-$name-$workload.body" || { echo "$name answered $workload with $status: $(head -c 300 "$out/check-$name-$workload.body")" >&2; exit 1; }
    # The body as sent, and the JSON-RPC message inside it (an SSE body frames it with "event:"/"data:" lines).
    if grep -q '^data: ' "$out/check-$name-$workload.body"; then
      message_bytes=$(grep -m1 '^data: ' "$out/check-$name-$workload.body" | sed 's/^data: //' | tr -d '\r\n' | wc -c)
    else
      message_bytes=$(stat -c %s "$out/check-$name-$workload.body")
    fi
    bytes_json+="${bytes_json:+,}{\"server\":\"$name\",\"workload\":\"$workload\",\"bytes\":$(stat -c %s "$out/check-$name-$workload.body"),\"message_bytes\":$message_bytes}"
    # Warm-up: JIT tiers, pools and caches, not measured.
    WRK_BODY="${!body_var}" WRK_TOKEN=$token wrk -t$threads -c8 -d${warmup}s -s "$root/bench/wrk/mcp.lua" \
      "http://127.0.0.1:${port[$name]}${path[$name]}" >/dev/null
  done
done

runs_json=""
for ((r = 1; r <= repeats; r++)); do
  for workload in "${workloads[@]}"; do
    read -r kind connections <<<"$workload"
    body_var="body_$kind"
    order=("${servers[@]:$(( (r - 1) % 3 ))}" "${servers[@]:0:$(( (r - 1) % 3 ))}")
    for name in "${order[@]}"; do
      before=$(cpu_ticks "${pid[$name]}")
      result=$(WRK_BODY="${!body_var}" WRK_TOKEN=$token wrk -t$threads -c"$connections" -d"${duration}s" -s "$root/bench/wrk/mcp.lua" \
        "http://127.0.0.1:${port[$name]}${path[$name]}" | sed -n 's/^WRK_JSON //p')
      after=$(cpu_ticks "${pid[$name]}")
      echo "  repeat $r $kind c=$connections $name: $result" >&2
      runs_json+="${runs_json:+,}{\"server\":\"$name\",\"workload\":\"$kind\",\"connections\":$connections,\"repeat\":$r,\"cpu_us\":$(( (after - before) * 1000000 / ticks )),\"wrk\":$result}"
    done
  done
done

peak_json=""
for name in "${servers[@]}"; do
  peak_json+="${peak_json:+,}\"$name\":$(awk '/VmHWM/ {print $2}' "/proc/${pid[$name]}/status")"
done

printf '{"quick":%s,"duration_seconds":%s,"repeats":%s,"threads":%s,"wrk":"%s","cold_start":[%s],"response_bytes":[%s],"runs":[%s],"peak_rss_kib":{%s}}\n' \
  "$([ "$quick" = 1 ] && echo true || echo false)" "$duration" "$repeats" "$threads" "$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)" \
  "$cold_json" "$bytes_json" "$runs_json" "$peak_json" >"$out/load.json"
echo "wrote $out/load.json" >&2
