#!/usr/bin/env bash
# Compiles every .bicep file with the Bicep CLI from NuGet and fails on any error or linter warning.
# Writes the compiled template to artifacts/infra/main.json for the tests that read it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet restore infra/tools/BicepCli.csproj --nologo -v quiet >/dev/null
packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
bicep="$packages/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep"
chmod +x "$bicep"
mkdir -p artifacts/infra
status=0
for file in infra/main.bicep infra/app/*.bicep; do
  if ! output=$("$bicep" lint "$file" 2>&1) || [ -n "$output" ]; then
    echo "$file:"; echo "$output"; status=1
  fi
done
"$bicep" build infra/main.bicep --outfile artifacts/infra/main.json 2>&1 | tee artifacts/infra/build.log
[ -s artifacts/infra/build.log ] && { echo "bicep build printed diagnostics (treated as errors)"; status=1; }
[ "$status" -eq 0 ] && echo "bicep: $(ls infra/main.bicep infra/app/*.bicep | wc -l) files compiled with no warnings"
exit "$status"
