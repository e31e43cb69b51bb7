#!/usr/bin/env bash
# Runs every test of the repository on a machine with only the .NET SDK and Node (20 or newer):
# installs the JavaScript test clients, restores, builds with warnings as errors, runs all test
# projects, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "JavaScript test clients (npm ci in tests/node)"
command -v node >/dev/null || { echo "node is not on PATH: install Node.js 20 or newer" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || { echo "Node.js $(node --version) is too old: 20 or newer is needed" >&2; exit 1; }
(cd tests/node && npm ci --no-audit --no-fund --loglevel=error)

step "infrastructure (Bicep CLI from NuGet; errors and linter warnings fail)"
infra/build.sh

step "restore"
dotnet restore Serverless.sln --nologo -v quiet

step "build ($configuration; Directory.Build.props treats warnings as errors)"
dotnet build Serverless.sln --no-restore --nologo -v quiet -c "$configuration"

# Test hosts, the bridge and the CLI append every log line and the secrets in force here (tests/TestSupport/Logging).
export CAMPAIGN_MCP_TEST_LOG_DIR="$results/logs"

step "test"
status=0
dotnet test Serverless.sln --no-build --nologo -c "$configuration" --logger "console;verbosity=minimal" 2>&1 | tee "$results/test.log" || status=$?

step "fuzzing summary and log scan (no secret or whole token in any test log)"
cat "$CAMPAIGN_MCP_TEST_LOG_DIR/fuzz-summary.txt" 2>/dev/null || echo "no fuzz test ran"
node tests/node/scan-logs.mjs "$CAMPAIGN_MCP_TEST_LOG_DIR" || status=1

# One closing line that CI reads: 'N passed, N failed, N skipped'.
awk '
  /^(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i + 1))
      if ($i == "Passed:") p += $(i + 1)
      if ($i == "Failed:") f += $(i + 1)
      if ($i == "Skipped:") s += $(i + 1)
    }
  }
  END { printf "\n%d passed, %d failed, %d skipped\n", p, f, s }
' "$results/test.log"
exit "$status"
