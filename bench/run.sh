#!/usr/bin/env bash
# One command for every benchmark: BenchmarkDotNet in process, the Node peers on the identical token,
# and the load run on the local host; then writes docs/benchmarks.md. Takes about 8 minutes on 2 cores.
# Not part of ./test.sh: figures belong in the report, never in pass/fail tests.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
rm -rf "$out" && mkdir -p "$out"

echo "==> build (Release)"
dotnet build bench/CampaignMcp.Benchmarks -c Release -v quiet --nologo >/dev/null

echo "==> BenchmarkDotNet: per-invocation path (about 5 minutes)"
(cd bench/CampaignMcp.Benchmarks && dotnet run -c Release --no-build -- --filter '*' --artifacts "../../$out/bdn" >"../../$out/bdn.log")
grep -E '^\| ' "$out/bdn.log"

echo "==> Node peers: jsonwebtoken and jose on the identical token"
dotnet bench/CampaignMcp.Benchmarks/bin/Release/net10.0/CampaignMcp.Benchmarks.dll --emit-token "$out/token.json"
(cd bench/node && npm ci --no-audit --no-fund --loglevel=error && node peers.mjs "../../$out/token.json" "../../$out/peers.json")

echo "==> load on the local host"
bench/load.sh

echo "==> report"
(cd bench/node && node report.mjs "../../$out/bdn/results/CampaignMcp.Benchmarks.PerInvocationBenchmarks-report-full.json" \
  "../../$out/peers.json" "../../$out/load.json" ../../docs/benchmarks.md "bench/run.sh")
