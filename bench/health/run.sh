#!/usr/bin/env bash
# Benchmark B1: the release-guard health gate against the xargs/curl/jq pipeline, over the same loopback endpoints.
# Needs: a built tree (mvn -B -q package -DskipTests), and the Debian packages curl, jq and time.
# Usage: bench/health/run.sh [SIZE...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
work=$(mktemp -d)
jar=cli/target/release-guard.jar
launcher=bin/release-guard
export XDG_CACHE_HOME="$work/cache"   # the launcher's class-data archive, created by the warm-up below

java -Xmx512m -cp bench/health/target/classes io.releaseguard.bench.health.BenchServer "$work" "${sizes[@]}" >"$work/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done

measure() { # label, command...: prints "label wall_s cpu_s peak_rss_mb"
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
  read -r wall user sys rss < <(tail -1 "$work/time")
  printf '%-14s %8.2f %8.2f %8.0f\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}

# Warm the server's JIT so neither side pays for it; this run also creates the launcher's class-data archive (the
# first run of a new jar pays about a second for it, every later run profits).
"$launcher" health --config "$work/release-guard-${sizes[0]}.yaml" --env bench --json >/dev/null || true

printf '%-14s %8s %8s %8s\n' "side/N" "wall_s" "cpu_s" "rss_MB"
for n in "${sizes[@]}"; do
  measure "rg/$n" java -jar "$jar" health --config "$work/release-guard-$n.yaml" --env bench --json
  echo "  release-guard (java -jar): $(jq '.checks | length' "$work/out") checks, verdict $(jq -r .verdict "$work/out")"
  # The same through the launcher (bin/release-guard: C1 only, serial GC, AppCDS archive).
  measure "rg-launcher/$n" "$launcher" health --config "$work/release-guard-$n.yaml" --env bench --json
  echo "  release-guard (bin/release-guard): $(jq '.checks | length' "$work/out") checks, verdict $(jq -r .verdict "$work/out")"
  # The engine as a long-lived process runs it (the Jenkins controller): policy read, new probe and gate, report,
  # per round, in a JVM that is already warm. Prints medians over the measured rounds.
  java -cp "bench/health/target/classes:$jar" io.releaseguard.bench.health.InProcess \
    "$work/release-guard-$n.yaml" 10 15 | sed 's/^/  /'
  measure "curl-xargs/$n" sh -c "xargs -P 64 -n 1 curl -sS --max-time 5 <'$work/urls-$n.txt' | jq -c 'select(.status != \"ok\")'"
  echo "  curl pipeline: $(wc -l <"$work/out") failing documents, $(wc -l <"$work/err") error lines"
done
