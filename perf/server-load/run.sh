#!/usr/bin/env bash
# A real HTTPS server under load (issue 16): Jetty 12 (HttpsLoadServer) on SecureChannel, SunJSSE and Conscrypt
# in turn, on JDK 17 and Temurin 25, driven over loopback by wrk (OpenSSL) in another process:
#   - HTTP/1.1 keep-alive: wrk holds KEEPALIVE_CONNS connections and sends requests back to back;
#   - one connection per request: wrk sends "Connection: close" and reconnects. wrk keeps each connection's
#     session across reconnects (SSL_clear), so this row RESUMES (TLS 1.3 psk_dhe_ke) wherever the server issues
#     tickets (SunJSSE, SecureChannel) and runs full handshakes where it does not (Conscrypt's default);
#   - a full handshake per connection: FULL_CLIENTS parallel `openssl s_time -new` (never a saved session), one
#     GET per connection, so every server runs the same full handshake;
#   - memory: IDLE_CONNS keep-alive connections opened by python3's ssl (OpenSSL), one request each, then idle.
# It reports requests/s, p50/p99 latency, the server's CPU time per request (utime+stime from /proc: the robust
# figure on a shared machine), and the server's VmRSS and Java heap (after a full GC) with the idle connections.
#
# Usage: perf/server-load/run.sh [--smoke] [--out FILE]
#   --smoke   a few seconds per row and 20 idle connections: checks the whole path works, measures nothing.
# Environment: DURATION, WARMUP (seconds per measured and warm-up run), KEEPALIVE_CONNS, CLOSE_CONNS, FULL_CLIENTS,
#   IDLE_CONNS, PROVIDERS ("SunJSSE Conscrypt SecureChannel"), JDKS (java executables; default: java on the
#   PATH, then Temurin 25 if installed), JAR (default perf/target/benchmarks.jar, built when missing).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
smoke=false
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) smoke=true ;;
        --out) out="$2"; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

if $smoke; then
    DURATION=${DURATION:-2}; WARMUP=${WARMUP:-1}; IDLE_CONNS=${IDLE_CONNS:-20}
fi
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
KEEPALIVE_CONNS=${KEEPALIVE_CONNS:-32}
CLOSE_CONNS=${CLOSE_CONNS:-16}
FULL_CLIENTS=${FULL_CLIENTS:-4}
IDLE_CONNS=${IDLE_CONNS:-1000}
PROVIDERS=${PROVIDERS:-"SunJSSE Conscrypt SecureChannel"}
JAR=${JAR:-"$repo/perf/target/benchmarks.jar"}
# Same heap for every server, touched up front (AlwaysPreTouch): the heap is then all resident from the start, so
# what VmRSS gains with the idle connections is memory outside the Java heap (native TLS state, direct buffers,
# thread stacks), and the heap's share is read separately, after a full GC.
SERVER_OPTS=${SERVER_OPTS:-"-Xms256m -Xmx256m -XX:+UseG1GC -XX:+AlwaysPreTouch"}
if [ -z "${JDKS:-}" ]; then
    JDKS="$(command -v java)"
    [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JDKS="$JDKS /usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
fi

# Tools: wrk (the load), python3 (the idle connections). Installed from Debian when missing.
missing=""
command -v wrk >/dev/null || missing="$missing wrk"
command -v python3 >/dev/null || missing="$missing python3"
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y $missing >/dev/null
    else
        echo "install:$missing" >&2; exit 1
    fi
fi
if [ ! -f "$JAR" ]; then
    (cd "$repo" && mvn -o -q -B -pl provider,perf -am package -DskipTests)
fi
# The load clients run one TLS 1.3 suite and group against every server (see the file).
export OPENSSL_CONF="$here/openssl-client.cnf"

work="$(mktemp -d /tmp/server-load.XXXXXX)"
server_pid=""
idle_pid=""
cleanup() { # exit status; the servers' logs are kept when something failed
    [ -n "$idle_pid" ] && kill "$idle_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null || true
    if [ "$1" = 0 ]; then
        rm -rf "$work"
    else
        rm -f "$work/benchmarks.jar"
        echo "server-load: logs kept in $work" >&2
    fi
}
trap 'cleanup $?' EXIT
# The servers run a copy: a rebuild of the jar during the run must not change classes under a running JVM.
cp "$JAR" "$work/benchmarks.jar"
JAR="$work/benchmarks.jar"
tck=$(getconf CLK_TCK)
rows="$work/rows.tsv"
mem="$work/memory.tsv"
: > "$rows"; : > "$mem"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
load() { cut -d' ' -f1 /proc/loadavg; }
# Java heap in use after a full GC, KB (jcmd of the server's own JDK). Twice, a second apart: Conscrypt's native
# objects are freed by finalizers, which run after the first collection has found them.
heap_kb() {
    "$jcmd" "$1" GC.run >/dev/null
    sleep 1
    "$jcmd" "$1" GC.run >/dev/null
    "$jcmd" "$1" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {print $(i + 1); exit}}' | tr -d 'K'
}

start_server() { # provider java
    rm -f "$work/port"
    # shellcheck disable=SC2086
    "$2" $SERVER_OPTS -cp "$JAR" org.securechannel.perf.HttpsLoadServer "$1" "$work/port" > "$work/server-$1.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do
        [ -s "$work/port" ] && { port=$(cat "$work/port"); return 0; }
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.5
    done
    echo "server $1 did not start:" >&2; cat "$work/server-$1.log" >&2; exit 1
}

stop_server() {
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# One wrk run; "measure" records a row: jdk provider mode conns rps p50 p99 cpu_us errors load_before load_after
run_wrk() { # mode conns seconds [measure jdk provider]
    local mode=$1 conns=$2 secs=$3 header=()
    [ "$mode" = close ] && header=(-H "Connection: close")
    local l0 c0 c1 l1 f="$work/wrk.out"
    l0=$(load); c0=$(cpu_ticks "$server_pid")
    wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s --latency "${header[@]}" "https://127.0.0.1:$port/" > "$f"
    c1=$(cpu_ticks "$server_pid"); l1=$(load)
    [ "${4:-}" = measure ] || return 0
    local requests rps p50 p99 errors non2xx
    requests=$(awk '/requests in/ {print $1}' "$f")
    rps=$(awk '/^Requests\/sec/ {print $2}' "$f")
    p50=$(awk '$1 == "50%" {print $2}' "$f")
    p99=$(awk '$1 == "99%" {print $2}' "$f")
    errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$f")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$f")
    errors=$(( ${errors:-0} + ${non2xx:-0} ))
    local cpu_us
    cpu_us=$(awk -v d=$((c1 - c0)) -v t="$tck" -v n="$requests" 'BEGIN {printf "%.1f", (n > 0 ? d / t * 1e6 / n : 0)}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$5" "$6" "$mode" "$conns" "$rps" "$p50" "$p99" "$cpu_us" \
        "$errors" "$l0" "$l1" >> "$rows"
    echo "  $6 $mode: $rps req/s, p50 $p50, p99 $p99, ${cpu_us} µs CPU/request, errors $errors (load $l0 → $l1)" >&2
    if $smoke && { [ "${requests:-0}" -eq 0 ] || [ "$errors" -ne 0 ]; }; then
        echo "smoke: $6 $mode failed:" >&2; cat "$f" >&2; exit 1
    fi
}

# FULL_CLIENTS parallel s_time runs; "measure" records a row like run_wrk's (no latencies: s_time gives none)
run_full() { # seconds [measure jdk provider]
    local secs=$1 l0 c0 c1 l1 i pids=()
    l0=$(load); c0=$(cpu_ticks "$server_pid")
    for i in $(seq 1 "$FULL_CLIENTS"); do
        openssl s_time -connect "127.0.0.1:$port" -new -time "$secs" -www / > "$work/stime.$i" 2>&1 &
        pids+=($!)
    done
    wait "${pids[@]}" || true
    c1=$(cpu_ticks "$server_pid"); l1=$(load)
    [ "${2:-}" = measure ] || return 0
    local connections rps cpu_us errors
    # "N connections in T real seconds, B bytes read per connection" per client
    connections=$(cat "$work"/stime.* | awk '/connections in .* real seconds/ {n += $1} END {print n + 0}')
    errors=$(cat "$work"/stime.* | grep -ci 'error' || true)
    rps=$(awk -v n="$connections" -v s="$secs" 'BEGIN {printf "%.2f", n / s}')
    cpu_us=$(awk -v d=$((c1 - c0)) -v t="$tck" -v n="$connections" 'BEGIN {printf "%.1f", (n > 0 ? d / t * 1e6 / n : 0)}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$3" "$4" full "$FULL_CLIENTS" "$rps" "–" "–" "$cpu_us" \
        "${errors:-0}" "$l0" "$l1" >> "$rows"
    echo "  $4 full: $rps connections/s, ${cpu_us} µs CPU/connection, errors ${errors:-0} (load $l0 → $l1)" >&2
    if $smoke && { [ "$connections" -eq 0 ] || [ "${errors:-0}" -ne 0 ]; }; then
        echo "smoke: $4 full failed:" >&2; cat "$work"/stime.* >&2; exit 1
    fi
}

idle_memory() { # jdk provider; a client that cannot open them all is reported and the run goes on
    local rss0 heap0 rss1 heap1 started=$SECONDS
    heap0=$(heap_kb "$server_pid"); rss0=$(rss_kb "$server_pid")
    python3 "$here/idle_connections.py" "$port" "$IDLE_CONNS" 300 > "$work/idle.out" 2> "$work/idle.err" &
    idle_pid=$!
    while [ $((SECONDS - started)) -lt 240 ]; do
        grep -q '^ready' "$work/idle.out" && break
        kill -0 "$idle_pid" 2>/dev/null || break
        sleep 0.5
    done
    if ! grep -q '^ready' "$work/idle.out"; then
        echo "  $2 idle: the client did not hold $IDLE_CONNS connections after $((SECONDS - started)) s: $(tail -n 1 "$work/idle.err")" >&2
        kill "$idle_pid" 2>/dev/null || true; wait "$idle_pid" 2>/dev/null || true; idle_pid=""
        $smoke && exit 1
        return 0
    fi
    sleep 2
    heap1=$(heap_kb "$server_pid"); rss1=$(rss_kb "$server_pid")
    kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true; idle_pid=""
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$IDLE_CONNS" "$rss0" "$rss1" "$heap0" "$heap1" >> "$mem"
    echo "  $2 idle: VmRSS $rss0 → $rss1 KB, heap after GC $heap0 → $heap1 KB with $IDLE_CONNS connections" >&2
}

echo "server-load: $(date -u '+%F %T') UTC, load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')" >&2
for java in $JDKS; do
    java="$(readlink -f "$(command -v "$java")")"
    jdk=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
    jcmd="$(dirname "$java")/jcmd"
    echo "JDK $jdk ($java)" >&2
    for provider in $PROVIDERS; do
        start_server "$provider" "$java"
        run_wrk keepalive "$KEEPALIVE_CONNS" "$WARMUP"
        run_wrk close "$CLOSE_CONNS" "$WARMUP"
        run_wrk keepalive "$KEEPALIVE_CONNS" "$DURATION" measure "$jdk" "$provider"
        run_wrk close "$CLOSE_CONNS" "$DURATION" measure "$jdk" "$provider"
        run_full "$WARMUP"
        run_full "$DURATION" measure "$jdk" "$provider"
        idle_memory "$jdk" "$provider"
        stop_server
    done
done

table="$(python3 "$here/table.py" "$rows" "$mem" "$DURATION" "$WARMUP")"
if [ -n "$out" ]; then
    printf '%s\n' "$table" > "$out"
fi
printf '%s\n' "$table"
$smoke && echo "smoke: every row served requests without errors" >&2
exit 0
