#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs PostgreSQL 15 and Chromium when missing,
# starts PostgreSQL, creates the test database, then runs `dotnet test` on the solution.
# Environment: CITYACTORS_TEST_POSTGRES overrides the test connection string.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

cluster_version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
cluster_name=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
if [ -z "$cluster_version" ]; then
  pg_createcluster 15 main >/dev/null
  cluster_version=15; cluster_name=main
fi
if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
  pg_ctlcluster "$cluster_version" "$cluster_name" start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
# Test projects run in parallel, each with silos holding connection pools: 100 connections is not enough.
if [ "$(su postgres -c "psql -tAc 'SHOW max_connections'")" -lt 500 ]; then
  su postgres -c "psql -q -c 'ALTER SYSTEM SET max_connections = 500'"
  pg_ctlcluster "$cluster_version" "$cluster_name" restart
  for _ in $(seq 1 30); do
    su postgres -c "pg_isready -q" && break
    sleep 1
  done
fi
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='cityactors_test'\"" | grep -q 1 \
  || su postgres -c "createdb cityactors_test"

export CITYACTORS_TEST_POSTGRES="${CITYACTORS_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test}"
log=$(mktemp)
status=0
dotnet test CityActors.sln -c Release "$@" 2>&1 | tee "$log" || status=$?
# One closing line over every test project, in the plain form CI reads.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed"
exit "$status"
