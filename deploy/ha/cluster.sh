#!/usr/bin/env bash
# A three-node Patroni cluster (PostgreSQL 15) with one etcd member and HAProxy on loopback, for Cairn's
# failover test and for trying failover by hand (docs/deploy.md "High availability").
#
#   deploy/ha/cluster.sh start  WORKDIR   render configs into WORKDIR, start everything, wait until there
#                                         is a leader and two streaming standbys; prints the DATABASE_URL
#   deploy/ha/cluster.sh status WORKDIR   patronictl list and which of the started processes still run
#   deploy/ha/cluster.sh stop   WORKDIR   stop everything `start` started (PIDs in WORKDIR/pids)
#
# WORKDIR/cluster.env (mode 0600) holds DATABASE_URL (through HAProxy to the leader), DATABASE_READ_URL (to
# a standby) and the superuser's URL. Passwords are generated on the first start and kept in
# WORKDIR/secrets. Packages: patroni etcd-server haproxy postgresql-15 (Debian 12). Run as root (the
# processes then run as the `postgres` user, since PostgreSQL refuses root) or as an ordinary user.
#
# Ports (loopback), overridable from the environment:
#   CAIRN_HA_PRIMARY_PORT 25000 (HAProxy -> leader)   CAIRN_HA_REPLICA_PORT 25001 (HAProxy -> standbys)
#   CAIRN_HA_STATS_PORT 25080 (HAProxy stats)         CAIRN_HA_ETCD_PORT 23790, CAIRN_HA_ETCD_PEER_PORT 23800
#   PostgreSQL 25432-25434 (CAIRN_HA_PG_PORT_BASE)    Patroni REST API 28008-28010 (CAIRN_HA_REST_PORT_BASE)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
primary_port="${CAIRN_HA_PRIMARY_PORT:-25000}"
replica_port="${CAIRN_HA_REPLICA_PORT:-25001}"
stats_port="${CAIRN_HA_STATS_PORT:-25080}"
etcd_port="${CAIRN_HA_ETCD_PORT:-23790}"
etcd_peer_port="${CAIRN_HA_ETCD_PEER_PORT:-23800}"
pg_base="${CAIRN_HA_PG_PORT_BASE:-25432}"
rest_base="${CAIRN_HA_REST_PORT_BASE:-28008}"
start_timeout="${CAIRN_HA_START_TIMEOUT:-180}"
nodes=(node1 node2 node3)

usage() { echo "usage: $0 start|stop|status WORKDIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
command="$1"
workdir="$(realpath -m "$2")"
log() { echo "cluster.sh: $*" >&2; }

# Processes run as `postgres` when we are root.
if [[ $(id -u) -eq 0 ]]; then
    run_user=postgres
    as_user=(setpriv --reuid=postgres --regid=postgres --init-groups)
else
    run_user="$(id -un)"
    as_user=()
fi

pidfile() { echo "$workdir/pids/$1.pid"; }
alive() { [[ -f "$(pidfile "$1")" ]] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }

# spawn NAME COMMAND...: starts COMMAND detached (own session, so a Ctrl-C in the caller's terminal does not
# reach it) as the run user, output to WORKDIR/logs/NAME.log, its PID in WORKDIR/pids/NAME.pid.
spawn() {
    local name="$1"; shift
    if alive "$name"; then log "$name already running (pid $(cat "$(pidfile "$name")"))"; return; fi
    # From the workdir: the run user may not be allowed into the caller's directory (a checkout under /root), and
    # HAProxy refuses to start when it cannot get back to the directory it started in.
    (
        cd "$workdir" || exit 1
        HOME="$workdir" setsid sh -c 'echo $$ > "$0"; exec "$@"' "$(pidfile "$name")" \
            "${as_user[@]}" "$@" >>"$workdir/logs/$name.log" 2>&1 < /dev/null &
    )
    local i
    for i in $(seq 50); do [[ -s "$(pidfile "$name")" ]] && break; sleep 0.1; done
    log "started $name (pid $(cat "$(pidfile "$name")"))"
}

render() { # render TEMPLATE OUTPUT [NODE-INDEX]
    local i="${3:-0}" name="node$(( ${3:-0} + 1 ))"
    sed -e "s|@WORKDIR@|$workdir|g" -e "s|@NAME@|$name|g" \
        -e "s|@PG_PORT@|$((pg_base + i))|g" -e "s|@REST_PORT@|$((rest_base + i))|g" \
        -e "s|@PG_PORT1@|$pg_base|g" -e "s|@PG_PORT2@|$((pg_base + 1))|g" -e "s|@PG_PORT3@|$((pg_base + 2))|g" \
        -e "s|@REST_PORT1@|$rest_base|g" -e "s|@REST_PORT2@|$((rest_base + 1))|g" -e "s|@REST_PORT3@|$((rest_base + 2))|g" \
        -e "s|@NODE1@|node1|g" -e "s|@NODE2@|node2|g" -e "s|@NODE3@|node3|g" \
        -e "s|@ETCD_CLIENT_PORT@|$etcd_port|g" -e "s|@ETCD_PEER_PORT@|$etcd_peer_port|g" \
        -e "s|@HAPROXY_PRIMARY_PORT@|$primary_port|g" -e "s|@HAPROXY_REPLICA_PORT@|$replica_port|g" \
        -e "s|@HAPROXY_STATS_PORT@|$stats_port|g" \
        -e "s|@SUPERUSER_PASSWORD@|$(cat "$workdir/secrets/superuser.password")|g" \
        -e "s|@REPLICATION_PASSWORD@|$(cat "$workdir/secrets/replication.password")|g" \
        "$1" > "$2"
}

patronictl_() { timeout 15 patronictl -c "$workdir/node1/patroni.yml" "$@"; }

# members as "name role state" lines, from patronictl's JSON
members() {
    patronictl_ list -f json 2>/dev/null | python3 -c '
import json, sys
for m in json.load(sys.stdin):
    print(m["Member"], m["Role"].replace(" ", "_"), m["State"], m.get("Lag in MB", ""))'
}

start() {
    mkdir -p "$workdir"/{pids,logs,secrets,etcd} "${nodes[@]/#/$workdir/}"
    for n in "${nodes[@]}"; do mkdir -p "$workdir/$n/run" "$workdir/logs/postgresql-$n"; done
    local s
    for s in superuser replication cairn; do
        [[ -s "$workdir/secrets/$s.password" ]] || (umask 077; openssl rand -hex 16 > "$workdir/secrets/$s.password")
    done
    render "$here/etcd.yml.in" "$workdir/etcd.yml"
    render "$here/haproxy.cfg.in" "$workdir/haproxy.cfg"
    render "$here/post_bootstrap.sh.in" "$workdir/post_bootstrap.sh"
    chmod 0755 "$workdir/post_bootstrap.sh"
    local i
    for i in 0 1 2; do render "$here/patroni.yml.in" "$workdir/${nodes[$i]}/patroni.yml" "$i"; done
    chmod 0600 "$workdir"/node*/patroni.yml
    [[ $(id -u) -eq 0 ]] && chown -R "$run_user:" "$workdir"
    chmod 0700 "$workdir" "$workdir/secrets"

    local cairn_pw su_pw
    cairn_pw="$(cat "$workdir/secrets/cairn.password")"
    su_pw="$(cat "$workdir/secrets/superuser.password")"
    (umask 077; cat > "$workdir/cluster.env" <<EOF
CAIRN_HA_WORKDIR=$workdir
DATABASE_URL=postgres://cairn:$cairn_pw@127.0.0.1:$primary_port/cairn?sslmode=disable
DATABASE_READ_URL=postgres://cairn:$cairn_pw@127.0.0.1:$replica_port/cairn?sslmode=disable
CAIRN_HA_SUPERUSER_URL=postgres://postgres:$su_pw@127.0.0.1:$primary_port/cairn?sslmode=disable
PATRONICTL_CONFIG_FILE=$workdir/node1/patroni.yml
EOF
    )

    # Refuse to start on ports another cluster (or anything else) holds: the error would otherwise surface
    # later as an unreachable etcd or a node that never comes up.
    local p busy=()
    alive etcd || for p in "$etcd_port" "$etcd_peer_port" "$primary_port" "$replica_port" "$stats_port" \
        "$pg_base" $((pg_base + 1)) $((pg_base + 2)) "$rest_base" $((rest_base + 1)) $((rest_base + 2)); do
        [[ -n "$(ss -Hltn "sport = :$p" 2>/dev/null)" ]] && busy+=("$p")
    done
    if [[ ${#busy[@]} -gt 0 ]]; then log "ports already in use: ${busy[*]} (another cluster running?)"; exit 1; fi

    spawn etcd etcd --config-file "$workdir/etcd.yml"
    for i in $(seq 100); do
        curl -fsS "http://127.0.0.1:$etcd_port/health" 2>/dev/null | grep -q '"health":"true"' && break
        alive etcd || { log "etcd exited; see $workdir/logs/etcd.log"; exit 1; }
        sleep 0.2
    done
    for n in "${nodes[@]}"; do spawn "patroni-$n" patroni "$workdir/$n/patroni.yml"; done
    spawn haproxy haproxy -db -f "$workdir/haproxy.cfg"

    # Ready: patronictl shows one running leader and two running standbys, the leader's pg_stat_replication
    # shows both standbys streaming (one of them synchronous), and `cairn` can log in through HAProxy.
    local deadline=$((SECONDS + start_timeout)) listing leaders standbys streaming
    while :; do
        listing="$(members || true)"
        leaders=$(awk '$2 == "Leader" && $3 == "running"' <<<"$listing" | wc -l)
        standbys=$(awk '$2 != "Leader" && ($3 == "running" || $3 == "streaming")' <<<"$listing" | wc -l)
        streaming="$(PGCONNECT_TIMEOUT=3 psql "postgres://postgres:$su_pw@127.0.0.1:$primary_port/postgres?sslmode=disable" -Atqc \
            "SELECT count(*) FILTER (WHERE state = 'streaming') || ' ' || count(*) FILTER (WHERE sync_state = 'sync')
               FROM pg_stat_replication" 2>/dev/null || true)"
        if [[ $leaders -eq 1 && $standbys -eq 2 && "$streaming" == "2 1" ]] &&
            PGCONNECT_TIMEOUT=3 psql "postgres://cairn:$cairn_pw@127.0.0.1:$primary_port/cairn?sslmode=disable" \
                -Atqc 'SELECT 1' >/dev/null 2>&1; then
            break
        fi
        for n in etcd patroni-node1 patroni-node2 patroni-node3 haproxy; do
            alive "$n" || { log "$n exited; see $workdir/logs/$n.log"; exit 1; }
        done
        if (( SECONDS > deadline )); then
            log "no leader with two streaming standbys after ${start_timeout}s:"; patronictl_ list >&2 || true; exit 1
        fi
        sleep 1
    done
    patronictl_ list
    echo "DATABASE_URL in $workdir/cluster.env (HAProxy 127.0.0.1:$primary_port -> leader)"
}

stop_pid() { # stop_pid NAME SECONDS: SIGTERM, then SIGKILL after SECONDS
    local name="$1" wait="$2" pid
    alive "$name" || { rm -f "$(pidfile "$name")"; return 0; }
    pid="$(cat "$(pidfile "$name")")"
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq $((wait * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "$name (pid $pid) ignored SIGTERM; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$(pidfile "$name")"
    log "stopped $name"
}

stop() {
    [[ -d "$workdir/pids" ]] || { log "nothing started in $workdir"; return 0; }
    # Standbys first, then the leader: no promotion races while the cluster goes down.
    local leader order=() n
    leader="$(members 2>/dev/null | awk '$2 == "Leader" {print $1}' || true)"
    for n in "${nodes[@]}"; do [[ "$n" == "$leader" ]] || order+=("$n"); done
    [[ -n "$leader" ]] && order+=("$leader")
    for n in "${order[@]}"; do stop_pid "patroni-$n" 60; done
    # A postmaster left behind by a killed Patroni.
    for n in "${nodes[@]}"; do
        local pm="$workdir/$n/data/postmaster.pid"
        if [[ -f "$pm" ]] && kill -0 "$(head -1 "$pm")" 2>/dev/null; then
            "${as_user[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$workdir/$n/data" -m immediate stop >/dev/null 2>&1 ||
                kill -KILL "$(head -1 "$pm")" 2>/dev/null || true
            log "stopped the postmaster of $n"
        fi
    done
    stop_pid haproxy 10
    stop_pid etcd 10
}

status() {
    patronictl_ list || true
    local n
    for n in etcd patroni-node1 patroni-node2 patroni-node3 haproxy; do
        if alive "$n"; then echo "$n: running (pid $(cat "$(pidfile "$n")"))"; else echo "$n: not running"; fi
    done
}

case "$command" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) usage ;;
esac
