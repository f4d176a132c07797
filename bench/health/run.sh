#!/usr/bin/env bash
# Benchmark B1: the release-guard health gate against the xargs/curl/jq pipeline, over the same loopback endpoints.
# Needs: a built tree (mvn -B -q package -DskipTests), and the Debian packages curl, jq and time.
# Usage: bench/health/run.sh [SIZE...]   (default: 1000 10000); ROUNDS=N overrides the rounds per size.
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
mkdir -p "$work/rg-launcher" "$work/curl-xargs" "$work/rg-java-jar"
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done

measure() { # label, command...: appends "wall_s cpu_s peak_rss_mb" to $work/<label>.runs
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
  read -r wall user sys rss < <(tail -1 "$work/time")
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $((rss / 1024))" >>"$work/$label.runs"
}

# Prints "label  median wall  median cpu  median rss  (cpu min-max, n runs)" for a label's runs.
summary() {
  local label=$1 f="$work/$1.runs"
  local n; n=$(wc -l <"$f")
  med() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
  printf '%-16s %8s %8s %8s   cpu %s-%s over %d runs\n' "$label" \
    "$(cut -d' ' -f1 "$f" | med)" "$(cut -d' ' -f2 "$f" | med)" "$(cut -d' ' -f3 "$f" | med | cut -d. -f1)" \
    "$(cut -d' ' -f2 "$f" | sort -n | head -1)" "$(cut -d' ' -f2 "$f" | sort -n | tail -1)" "$n"
}

# Warm the server's JIT so neither side pays for it; this run also creates the launcher's class-data archive (the
# first run of a new jar pays about a second for it, every later run profits).
"$launcher" health --config "$work/release-guard-${sizes[0]}.yaml" --env bench --json >/dev/null || true

for n in "${sizes[@]}"; do
  # Rounds alternate the two sides so that a busier moment of the machine falls on both; 1,000 endpoints get more
  # rounds than 10,000 (whose curl side alone takes most of a minute).
  rounds=${ROUNDS:-$(( n <= 1000 ? 7 : 3 ))}
  for _ in $(seq "$rounds"); do
    # The launcher (bin/release-guard: C1 only, no inlining, serial GC, AppCDS archive), as a pipeline runs it.
    measure "rg-launcher/$n" "$launcher" health --config "$work/release-guard-$n.yaml" --env bench --json
    checks=$(jq '.checks | length' "$work/out"); verdict=$(jq -r .verdict "$work/out")
    [[ $checks == "$n" && $verdict == PASS ]] || { echo "release-guard: $checks checks, verdict $verdict" >&2; exit 1; }
    measure "curl-xargs/$n" sh -c "xargs -P 64 -n 1 curl -sS --max-time 5 <'$work/urls-$n.txt' | jq -c 'select(.status != \"ok\")'"
    [[ ! -s $work/out && ! -s $work/err ]] || { echo "curl pipeline: failures or errors" >&2; exit 1; }
  done
  measure "rg-java-jar/$n" java -jar "$jar" health --config "$work/release-guard-$n.yaml" --env bench --json
  printf '%-16s %8s %8s %8s\n' "side/N" "wall_s" "cpu_s" "rss_MB"
  summary "rg-launcher/$n"
  summary "curl-xargs/$n"
  summary "rg-java-jar/$n"
  ratio() { # field: 1 wall, 2 cpu
    paste <(cut -d' ' -f"$1" "$work/curl-xargs/$n.runs" | sort -n) <(cut -d' ' -f"$1" "$work/rg-launcher/$n.runs" | sort -n) \
      | awk '{c[NR]=$1; r[NR]=$2} END {m=int((NR+1)/2); printf "%.1f", c[m]/r[m]}'
  }
  echo "  ratio of medians, curl pipeline / release-guard: wall $(ratio 1)x, CPU $(ratio 2)x"
  # The engine as a long-lived process runs it (the Jenkins controller): policy read, new probe and gate, report,
  # per round, in a JVM that is already warm. Prints medians over the measured rounds.
  java -cp "bench/health/target/classes:$jar" io.releaseguard.bench.health.InProcess \
    "$work/release-guard-$n.yaml" 10 15 | sed 's/^/  /'
done
