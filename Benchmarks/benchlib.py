"""What every Cairn benchmark script shares: a release `cairn serve` on its own embedded PostgreSQL in a
temporary directory, SigV4 signing (botocore), wrk runs with percentiles, psql on the embedded database, and
resident memory of a process and of the embedded PostgreSQL."""
import contextlib
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CLOUDTRAIL_TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."


class Server:
    """A running `cairn serve`: its endpoint, operator root credentials, data directory and pid."""

    def __init__(self, endpoint, key, secret, data, process):
        self.endpoint, self.key, self.secret, self.data, self.process = endpoint, key, secret, data, process

    def rest(self, method, path, body=None):
        """A REST call signed as the operator's root; returns (status, decoded body)."""
        data = json.dumps(body).encode() if body is not None else b""
        headers = signed(self.endpoint, method, path, data, "cairn", self.key, self.secret, {"content-type": "application/json"})
        req = urllib.request.Request(self.endpoint + path, data=data or None, method=method, headers=headers)
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"{}")

    def tenant(self, name):
        """A new tenant account: (account id, root access key id, secret)."""
        _, body = self.rest("POST", "/v1/accounts", {"name": name, "email": f"{name}@bench.example"})
        c = body["credentials"]
        return body["account"]["id"], c["accessKeyId"], c["secretAccessKey"]

    def psql(self, sql):
        """Runs SQL on the embedded database as its superuser; returns the unaligned output."""
        sock = glob.glob(os.path.join(self.data, "**", ".s.PGSQL.5432"), recursive=True) or glob.glob("/tmp/cairn-pg-*/.s.PGSQL.5432")
        out = subprocess.run(["psql", "-h", os.path.dirname(sock[0]), "-U", "cairn", "-d", "cairn", "-Atc", sql],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()


@contextlib.contextmanager
def cairn_server(binary, port, key, secret, extra_env=None, data=None):
    """Starts `binary serve`, waits until it is ready, and stops it afterwards. Without `data`, on a fresh data
    directory removed at the end; with it, on that directory, which is kept (a second server can reuse it)."""
    keep = data is not None
    if data is None:
        data = tempfile.mkdtemp(prefix="cairn-bench-")
        os.chmod(data, 0o755)
    env = dict(os.environ, CAIRN_DATA_DIR=data, CAIRN_LISTEN=f"127.0.0.1:{port}", CAIRN_ROOT_ACCESS_KEY_ID=key,
               CAIRN_ROOT_SECRET_ACCESS_KEY=secret, CAIRN_LOG_LEVEL="warning", CAIRN_MIGRATIONS_DIR=os.path.abspath("migrations"),
               **(extra_env or {}))
    process = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_ready(endpoint + "/readyz")
        yield Server(endpoint, key, secret, data, process)
    finally:
        process.terminate()
        process.wait(timeout=60)
        if not keep:
            shutil.rmtree(data, ignore_errors=True)


def keep_data(path):
    """Makes --data's directory, readable by the embedded PostgreSQL's own user when the benchmark runs as root."""
    if path:
        os.makedirs(path, exist_ok=True)
        os.chmod(path, 0o755)


def filled_tenant(server, saved, name, events, fill_sql, setup=None):
    """A tenant whose history holds `events` synthetic events: made (and `setup(endpoint, key, secret)` run), filled
    by `fill_sql` and VACUUMed on the first run, and read back from the file `saved` (if any) on later runs.
    Returns (account, key, secret, fill seconds or None when reused)."""
    if saved and os.path.exists(saved):
        with open(saved) as f:
            account, key, secret = json.load(f)["tenant"][:3]
        return account, key, secret, None
    account, key, secret = server.tenant(name)
    if setup:
        setup(server.endpoint, key, secret)
    started = time.perf_counter()
    server.psql(fill_sql.format(account=account, count=events))
    # psql -c runs a script as one transaction, which VACUUM refuses: it goes on its own.
    server.psql("VACUUM (ANALYZE) events")
    fill_s = time.perf_counter() - started
    if saved:
        with open(saved, "w") as f:
            json.dump({"tenant": [account, key, secret]}, f)
    return account, key, secret, fill_s


def wait_ready(url, attempts=600):
    for _ in range(attempts):
        try:
            urllib.request.urlopen(url)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def audit_event_data(account, i):
    """The eventData of one PutAuditEvents event, varied by i: what the ingestion and delivery benchmarks send."""
    return json.dumps({"version": "1.0", "userIdentity": {"type": "CustomUser", "principalId": f"user-{i % 50}"},
                       "eventSource": "billing.example.com", "eventName": f"Action{i % 20}", "eventTime": "2025-01-01T00:00:00Z",
                       "UID": f"uid-{i}", "recipientAccountId": account, "requestParameters": {"order": i, "amount": i * 3}})


def signed(endpoint, method, path, body, service, key, secret, extra=None, region="us-east-1"):
    """The headers of a SigV4-signed request (a signature stays valid 15 minutes, so wrk may replay it)."""
    req = AWSRequest(method=method, url=endpoint + path, data=body, headers=dict(extra or {}))
    SigV4Auth(Credentials(key, secret), service, region).add_auth(req)
    return dict(req.headers.items())


def wrk(url, headers, seconds, connections, method="GET", body=None):
    """One wrk run: requests/s, latency percentiles and non-2xx count."""
    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    if method != "GET":
        lua.write(f'wrk.method = "{method}"\n')
    if body is not None:
        lua.write("wrk.body = " + json.dumps(body) + "\n")
    lua.write("".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items() if k.lower() not in ("host", "content-length")))
    lua.close()
    out = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", lua.name, url],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    pct = {m.group(1): m.group(2) for m in re.finditer(r"^\s+(50|90|99)%\s+(\S+)", out, re.M)}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": pct.get("50"),
            "p90": pct.get("90"), "p99": pct.get("99"), "non2xx": int(non2xx.group(1)) if non2xx else 0}


def cloudtrail_wrk(endpoint, operation, request, key, secret, seconds, connections):
    """wrk on one signed CloudTrail JSON 1.1 call."""
    body = json.dumps(request)
    headers = signed(endpoint, "POST", "/", body, "cloudtrail", key, secret,
                     {"x-amz-target": CLOUDTRAIL_TARGET + operation, "content-type": "application/x-amz-json-1.1"})
    return wrk(endpoint + "/", headers, seconds, connections, method="POST", body=body)


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def postgres_pids(data_dir):
    """The embedded postmaster (found by its data directory) and its children (found by parent pid)."""
    pids = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            cmd = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "postgres" in cmd and data_dir in cmd:
            pids.append(int(p))
    children = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                ppid = int(open(f"/proc/{p}/stat").read().split(") ")[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid in pids:
                children.append(int(p))
    return pids, children


def process_cpu_seconds(pid, waited_children=False):
    """User + system CPU seconds of a process (and, with waited_children, of its children that exited)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(") ", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if waited_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds(data_dir):
    """CPU seconds of the embedded PostgreSQL: the postmaster with every backend that exited (a psql session's),
    plus the live backends and auxiliary processes."""
    parents, children = postgres_pids(data_dir)
    total = 0.0
    for pid in parents:
        try:
            total += process_cpu_seconds(pid, waited_children=True)
        except OSError:
            pass
    for pid in children:
        try:
            total += process_cpu_seconds(pid)
        except OSError:
            pass
    return total


class CPUMeter:
    """CPU seconds spent by the server, its PostgreSQL and the load generator (wrk, a waited child) over a block."""

    def __init__(self, server_pid, data_dir):
        self.server_pid, self.data_dir = server_pid, data_dir

    def _now(self):
        import resource
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (process_cpu_seconds(self.server_pid), postgres_cpu_seconds(self.data_dir), children.ru_utime + children.ru_stime)

    def __enter__(self):
        self.start = self._now()
        return self

    def __exit__(self, *exc):
        end = self._now()
        self.server, self.postgres, self.client = (end[i] - self.start[i] for i in range(3))
        return False

    def per_call_us(self, calls):
        """Microseconds of CPU per call, by part."""
        return {"server": round(self.server / calls * 1e6, 1), "postgres": round(self.postgres / calls * 1e6, 1),
                "client": round(self.client / calls * 1e6, 1)}
