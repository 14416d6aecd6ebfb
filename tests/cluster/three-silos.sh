#!/usr/bin/env bash
# Starts a local three-silo cluster on loopback (cluster mode, docs/cluster.md) and runs it until Ctrl-C.
#   silo i (1..3): gRPC http://127.0.0.1:505i, Orleans silo port 1111i, gateway port 3000i, log <data>/silo-i.log
# Usage: bash tests/cluster/three-silos.sh 'Host=127.0.0.1;Port=5432;Database=...;Username=...;Password=...' [SETTING...]
# Settings after the connection string go to every silo (e.g. --Simulation:Enabled=true, docs/cluster.md).
# The areas are those of src/DemandMobility.Server/appsettings.json (Cluster:Areas). Every silo shares one data
# folder (DM_CLUSTER_DATA, default .cluster-data), hence one token signing key and one road-graph cache.
set -euo pipefail
conn="${1:-${DM_CLUSTER_POSTGRES:-}}"
if [ -z "$conn" ]; then
  echo "usage: $0 'Host=127.0.0.1;Port=5432;Database=...;Username=...;Password=...'" >&2
  exit 2
fi
shift $(( $# > 0 ? 1 : 0 ))
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${DM_CLUSTER_DATA:-$root/.cluster-data}"
mkdir -p "$data"
dotnet build "$root/src/DemandMobility.Server" -c Release -v q -nologo >/dev/null
dll="$root/src/DemandMobility.Server/bin/Release/net10.0/DemandMobility.Server.dll"
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait; }
trap stop EXIT
for i in 1 2 3; do
  log="$data/silo-$i.log"
  dotnet "$dll" --urls "http://127.0.0.1:505$i" --DataDirectory "$data" \
    --Cluster:Enabled=true --Cluster:PostgresConnectionString="$conn" \
    --Cluster:SiloPort="1111$i" --Cluster:GatewayPort="3000$i" "$@" >"$log" 2>&1 &
  pids+=("$!")
  # One after the other: the first start builds the road-graph cache the others then load.
  for _ in $(seq 1 180); do
    grep -q "listening on" "$log" && break
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "silo $i failed to start:" >&2; cat "$log" >&2; exit 1; fi
    sleep 1
  done
  grep -q "listening on" "$log" || { echo "silo $i did not start within 180 s (see $log)" >&2; exit 1; }
  echo "silo $i: gRPC http://127.0.0.1:505$i, silo port 1111$i, gateway 3000$i (log $log)"
done
echo "three silos running; Ctrl-C stops them"
wait
