#!/usr/bin/env bash
# Cold start of the Functions worker as far as it can be measured without the Functions host (no Core Tools here):
# process start of the published worker (bench/out/publish/functions, ReadyToRun) -> its first bytes to the host's
# gRPC endpoint, i.e. its services built and ready for an invocation. A stand-in listener takes the role of the host's
# endpoint and only records when the worker opens its stream, then closes it: the worker then exits with an
# RpcException in bench/out/functions.log, as expected. Writes bench/out/functions.json ({"ms": [...]}).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(pwd)/bench/out
repeats=${REPEATS:-3}
if [ "${RUN_QUICK:-0}" = 1 ]; then repeats=1; fi
port=7394
secret=$(node -p "require('$out/fixture/token.json').secret")
public_url=$(node -p "require('$out/fixture/token.json').issuer")

samples=""
for ((r = 1; r <= repeats; r++)); do
  # The listener prints the ms since the given start when the first bytes arrive (the HTTP/2 preface of the stream).
  start_ns=$(date +%s%N)
  python3 - "$port" "$start_ns" >"$out/functions-listener.txt" <<'PY' &
import socket, sys, time
port, start_ns = int(sys.argv[1]), int(sys.argv[2])
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(1)
server.settimeout(60)
connection, _ = server.accept()
connection.recv(1)
print((time.time_ns() - start_ns) // 1_000_000, flush=True)
connection.close()
PY
  listener=$!
  Functions__Worker__HostEndpoint="http://127.0.0.1:$port" Functions__Worker__WorkerId=bench Functions__Worker__RequestId=bench \
    Functions__Worker__GrpcMaxMessageLength=2147483647 FUNCTIONS_APPLICATION_DIRECTORY="$out/publish/functions" \
    API_KEY=4f9c2a7e1b6d3f8a0c5e9b2d7f4a1c6e MCP_JWT_SECRET=$secret MCP_PUBLIC_URL=$public_url NODE_ENV=production \
    "$out/publish/functions/CampaignMcp.Functions" >"$out/functions.log" 2>&1 &
  worker=$!
  wait $listener || { kill $worker 2>/dev/null || true; echo "the worker never connected; see $out/functions.log" >&2; exit 1; }
  kill $worker 2>/dev/null || true
  wait $worker 2>/dev/null || true
  ms=$(cat "$out/functions-listener.txt")
  echo "  functions worker: $ms ms to its first bytes to the host endpoint" >&2
  samples+="${samples:+,}$ms"
done
echo "{\"ms\":[$samples]}" >"$out/functions.json"
