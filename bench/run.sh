#!/usr/bin/env bash
# One command for every benchmark, then docs/benchmarks.md is rewritten from its results:
#   BenchmarkDotNet in process (token path, dispatch, with allocations), the probe of one tools/call, token
#   verification in Node, and bench/load.sh: this server beside the official C# and TypeScript SDK servers under wrk,
#   interleaved, plus cold start. About 18 minutes on 2 cores (measured 2026-11-30); run it on a quiet machine.
# RUN_QUICK=1 bench/run.sh: a smoke run (dry BenchmarkDotNet job, 2 s load runs, one repeat) that proves the harness;
# its report says so. Not part of ./test.sh: figures belong in the report, never in pass/fail tests.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
rm -rf "$out" && mkdir -p "$out"
command="bench/run.sh"
if [ "${RUN_QUICK:-0}" = 1 ]; then command="RUN_QUICK=1 bench/run.sh"; fi

echo "==> build and publish (Release)"
dotnet build bench/CampaignMcp.Benchmarks -c Release -v quiet --nologo >/dev/null
dotnet publish src/LocalHost -c Release -o "$out/publish/local" -v quiet --nologo >/dev/null
dotnet publish bench/CampaignMcp.SdkPeer -c Release -o "$out/publish/sdk" -v quiet --nologo >/dev/null
dotnet publish src/Functions -c Release -o "$out/publish/functions" -v quiet --nologo >/dev/null
(cd bench/node && npm ci --no-audit --no-fund --loglevel=error)
dotnet bench/CampaignMcp.Benchmarks/bin/Release/net10.0/CampaignMcp.Benchmarks.dll --emit-fixture "$out/fixture"

echo "==> BenchmarkDotNet: per-invocation path (about 6 minutes)"
(cd bench/CampaignMcp.Benchmarks && dotnet run -c Release --no-build -- --filter '*' --artifacts "../../$out/bdn" >"../../$out/bdn.log")
grep -E '^\| ' "$out/bdn.log"

echo "==> probe: one tools/call list_campaigns, stage by stage"
dotnet bench/CampaignMcp.Benchmarks/bin/Release/net10.0/CampaignMcp.Benchmarks.dll --probe "$out/probe.json"

echo "==> Node: jsonwebtoken and jose on the identical token"
(cd bench/node && node peers.mjs "../../$out/fixture/token.json" "../../$out/peers.json")

echo "==> this server beside the SDK servers: cold start and load"
bench/load.sh
bench/functions-start.sh

echo "==> report"
(cd bench/node && node report.mjs "../../$out/bdn/results/CampaignMcp.Benchmarks.PerInvocationBenchmarks-report-full.json" \
  "../../$out/peers.json" "../../$out/load.json" "../../$out/probe.json" "../../$out/functions.json" ../../docs/benchmarks.md "$command")
