"""Load test: PMO under gunicorn on PostgreSQL with simulated users (locust), with one and with two app servers.

    uv run python bench/load.py [--users 50] [--duration 60] [--wait 1.0] [--workers 4] [--keep]

Creates the PostgreSQL database `pmo_load` on 127.0.0.1:5432 (user postgres; dropped first), loads the demo into
it (`pmo demo --no-serve`), starts a few draft status reports (bench/load_targets.py) and runs two rounds:

1. one gunicorn app server with --workers sync workers;
2. two gunicorn app servers (--workers split over them) and two `pmo worker` processes on the same database;
   every simulated user alternates its requests between both servers with one session cookie, so each request
   after the first is served by the other server than the one before.

Simulated users take the demo roles (admin, portfolio, pmo, pm, coe, exec, member; password "demo"), sign in
through the login form and then browse dashboards, the registers (projects, RAID, status reports, lessons,
resources), the REST API (with the user's token) and edit risks and draft status reports through the real edit
forms (GET the form, send back its fields with the csrf token and the hidden `version`). A save refused because
someone else saved first (the form re-rendered with the conflict message) is counted as "conflict", an expected
outcome, not an error. Each user also opens the plain login page without a session: the baseline of the same run.
A page answers 200 (a save: a redirect) or it is an error; redirects are not followed, so a session that one
server did not recognise would show as an error. Figures are over --duration seconds after all users signed in.

All processes listen on 127.0.0.1 only and are stopped at the end (also after an error or Ctrl-C); the database is
dropped unless --keep. The CPU used by gunicorn, PostgreSQL, the `pmo worker`s and locust itself during each round
is measured (psutil) to show what limits the throughput. Last line: JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import gevent
import locust  # noqa: F401  (before psycopg and requests: gevent patches the standard library)
import psutil
import psycopg
from locust import HttpUser, between, task
from locust.clients import HttpSession
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "pmo_load"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
LOGS: Path | None = None  # this run's folder for server logs (and pages of failed saves)
ROLES = ["admin", "portfolio", "pmo", "pm", "coe", "exec", "member"]
PASSWORD = "demo"
LOGIN_PAGE = "login page (anonymous)"
# the form re-rendered with the service's ConflictError ("… was changed by … in the meantime (version 7, you
# edited version 6) …"; Dutch "… is intussen … gewijzigd (versie 7, …")
CONFLICT = re.compile(r"(in the meantime|intussen)[^<]*\((version|versie) \d+")
ERRORS = re.compile(
    r'class="[^"]*(?:errorlist|invalid-feedback|alert-danger)[^"]*"[^>]*>(.*?)</(?:ul|div)>', re.S
)

# pages every role may try; ids are filled in from the user's targets. A page a role is refused (403/404) in
# the check before the run is left out of that role's mix and listed in the output.
PAGES = {
    "home": "/",
    "portfolio dashboard": "/portfolio/status/",
    "project list": "/projects/",
    "project detail": "/projects/{project}/",
    "project RAID": "/projects/{project}/raid/",
    "project status reports": "/projects/{project}/reports/",
    "risk register": "/raid/risks/",
    "issue register": "/raid/issues/",
    "my actions": "/raid/actions/mine/",
    "risk detail": "/raid/risks/{risk}/",
    "status report list": "/reports/status/",
    "status report": "/reports/status/{report}/",
    "lessons": "/coe/lessons/",
    "lesson": "/coe/lessons/{lesson}/",
    "resource heatmap": "/resources/",
    "people": "/resources/people/",
    "search": "/search/?q=risico",
}
API = {
    "api: projects": "/api/projects/",
    "api: project": "/api/projects/{project}/",
    "api: lessons": "/api/lessons/",
    "api: people": "/api/people/",
    "api: objectives": "/api/objectives/",
}


# ---------------------------------------------------------------------------------------------- processes


class Processes:
    """The servers and workers this run started, stopped (TERM, then KILL) however the run ends."""

    def __init__(self, logs: Path):
        self.logs, self.running = logs, []

    def start(self, name: str, argv: list[str], env: dict) -> psutil.Process:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115  (closed with the process)
        popen = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running.append((name, popen, log))
        return psutil.Process(popen.pid)

    def stop(self) -> None:
        for _name, popen, _log in self.running:
            if popen.poll() is None:
                popen.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _name, popen, log in self.running:
            try:
                popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(popen.pid, signal.SIGKILL)
                popen.wait()
            log.close()
        self.running = []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(url: str, process: psutil.Process, timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.is_running() or process.status() == psutil.STATUS_ZOMBIE:
            raise RuntimeError(f"{url}: the server stopped while starting")
        try:
            if requests.get(url + "/accounts/login/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def recreate_database() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def load_demo(env: dict, demo: bool = True) -> dict:
    if demo:
        subprocess.run(
            [BIN / "pmo", "demo", "--no-serve"], env=env, cwd=ROOT, check=True, capture_output=True
        )
    # a reused database gets the migrations added since (a fresh one has them from the demo)
    subprocess.run([BIN / "pmo", "migrate", "--noinput"], env=env, cwd=ROOT, check=True, capture_output=True)
    script = (Path(__file__).parent / "load_targets.py").read_text()
    shell = subprocess.run(
        [BIN / "pmo", "shell"], input=script, env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    line = next(li for li in shell.stdout.splitlines() if li.startswith("TARGETS "))
    return json.loads(line.removeprefix("TARGETS "))


# ---------------------------------------------------------------------------------------------- CPU


class CpuMeter:
    """CPU seconds per group of processes (gunicorn, postgres, pmo worker, locust) over a window, from psutil,
    sampled every second so that processes which start or end inside the window are counted too."""

    def __init__(self, groups: dict[str, callable]):
        self.groups, self.seen, self.used = groups, {}, dict.fromkeys(groups, 0.0)
        self.greenlet = None

    def _sample(self) -> None:
        for group, find in self.groups.items():
            for proc in find():
                try:
                    times = proc.cpu_times()
                    total = times.user + times.system
                except psutil.Error:
                    continue
                key = (proc.pid, proc.create_time())
                before = self.seen.get(key)
                if before is None:  # first seen: count only from the start of the window
                    before = 0.0 if proc.create_time() > self.started else total
                self.used[group] += total - before
                self.seen[key] = total

    def _loop(self) -> None:
        while True:
            gevent.sleep(1)
            self._sample()

    def start(self) -> None:
        self.started = time.time()
        self.machine = psutil.cpu_times()
        self._sample()
        self.used = dict.fromkeys(self.groups, 0.0)
        self.greenlet = gevent.spawn(self._loop)

    def stop(self) -> dict:
        self.greenlet.kill()
        self._sample()
        wall = time.time() - self.started
        now = psutil.cpu_times()
        idle = lambda t: t.idle + getattr(t, "iowait", 0)  # noqa: E731
        busy = sum(now) - idle(now) - (sum(self.machine) - idle(self.machine))
        cores = psutil.cpu_count()
        result = {g: round(100 * s / wall, 1) for g, s in self.used.items()}  # % of one core
        # whatever else ran on the machine meanwhile (not started by this run)
        result["other processes"] = round(max(0.0, 100 * busy / wall - sum(result.values())), 1)
        result["machine busy"] = round(100 * busy / (wall * cores), 1)  # % of all cores
        return result


def tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return []


def postgres_processes() -> list[psutil.Process]:
    """PostgreSQL's own processes and the backends serving pmo_load (not those of other databases)."""
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        if not (proc.info["name"] or "").startswith("postgres"):
            continue
        title = " ".join(proc.info["cmdline"] or [])
        if f" {DATABASE} " in title or not re.search(r"\d+\(\d+\)|\[local\]", title):
            found.append(proc)
    return found


# ---------------------------------------------------------------------------------------------- forms


class FormParser(HTMLParser):
    """The fields a browser would send for each form of a page (successful controls, no submit buttons)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                         "fields": []}  # fmt: skip
            self.forms.append(self.form)
        elif self.form is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.form["fields"].append(
                [a["name"], a.get("value", "on" if kind in {"checkbox", "radio"} else "")]
            )
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.form["fields"].append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "multiple": "multiple" in a, "first": None, "chosen": []}
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in a:
                self.select["chosen"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self.textarea is not None and self.textarea[1].startswith("\n"):
                self.textarea[1] = self.textarea[1][1:]  # HTML drops the newline right after <textarea>
            self.textarea = None
        elif tag == "select" and self.select is not None and self.form is not None:
            s = self.select
            values = s["chosen"] or ([] if s["multiple"] or s["first"] is None else [s["first"]])
            self.form["fields"].extend([s["name"], v] for v in values)
            self.select = None
        elif tag == "form":
            self.form = None


def edit_form(html: str) -> dict | None:
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        names = {name for name, _value in form["fields"]}
        if form["method"] == "post" and "version" in names and "csrfmiddlewaretoken" in names:
            return form
    return None


# ---------------------------------------------------------------------------------------------- users


class Round:
    """What the simulated users of one round share: the servers, the targets, the outcome counters."""

    servers: list[str] = []
    targets: dict = {}
    pages: dict = {}
    roles = itertools.cycle(ROLES)
    outcomes: dict = {}
    signed_in = 0

    @classmethod
    def reset(cls, servers: list[str], targets: dict, pages: dict) -> None:
        cls.servers, cls.targets, cls.pages = servers, targets, pages
        cls.roles = itertools.cycle(ROLES)
        cls.signed_in = 0
        cls.outcomes = {
            "saved": 0,
            "conflict": 0,
            "server switches": 0,
            "requests per server": [0] * len(servers),
        }


class PmoUser(HttpUser):
    host = "http://127.0.0.1"  # every request names its server explicitly
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.role = next(Round.roles)
        self.mine = Round.targets[self.role]
        self.turn = random.randrange(len(Round.servers))
        self.last_server = None
        self.anonymous = HttpSession(self.host, self.environment.events.request, self)
        self.api_headers = {"Authorization": f"Token {self.mine['token']}"}
        self.client.headers["Accept-Language"] = "en"
        self.sign_in()

    def server(self) -> str:
        """The next server: users alternate between all servers, keeping their one session cookie."""
        index = self.turn % len(Round.servers)
        self.turn += 1
        Round.outcomes["requests per server"][index] += 1
        if self.last_server is not None and self.last_server != index:
            Round.outcomes["server switches"] += 1
        self.last_server = index
        return Round.servers[index]

    def fill(self, path: str) -> str:
        return path.format(**{k: random.choice(self.mine[k + "s"]) for k in ("project", "risk", "report", "lesson")
                              if "{" + k + "}" in path})  # fmt: skip

    def get(self, name: str, path: str, **kwargs):
        with self.client.get(
            self.server() + path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
            return response

    def sign_in(self) -> None:
        server = self.server()
        page = self.client.get(server + "/accounts/login/", name="sign in: form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        with self.client.post(
            server + "/accounts/login/", name="sign in: post", allow_redirects=False, catch_response=True,
            data={"username": self.role, "password": PASSWORD, "csrfmiddlewaretoken": token},
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"sign-in of {self.role} refused ({response.status_code})")
        Round.signed_in += 1

    @task(14)
    def browse(self):
        name, path = random.choice(list(Round.pages[self.role].items()))
        self.get(name, self.fill(path))

    @task(3)
    def api(self):
        name = random.choice(list(API))
        self.get(name, self.fill(API[name]), headers=self.api_headers)

    @task(2)
    def login_page(self):
        """The baseline: the plain login page, without a session."""
        with self.anonymous.get(
            self.server() + "/accounts/login/", name=LOGIN_PAGE, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(str(response.status_code))

    @task(1)
    def edit_risk(self):
        if self.mine["edit_risks"]:
            path = f"/raid/risks/{random.choice(self.mine['edit_risks'])}/"
            self.edit("risk", path, "response")

    @task(1)
    def edit_report(self):
        if self.mine["edit_reports"]:
            path = f"/reports/status/{random.choice(self.mine['edit_reports'])}/edit/"
            self.edit("status report", path, "accomplishments")

    def edit(self, kind: str, path: str, field: str) -> None:
        page = self.get(f"{kind} edit: form", path)
        form = edit_form(page.text) if page.status_code == 200 else None
        if form is None:
            return
        fields = [
            [n, f"Load test {self.role} {time.time():.3f}" if n == field else v] for n, v in form["fields"]
        ]
        server = self.server()
        with self.client.post(
            server + (form["action"] or path), data=fields, name=f"{kind} edit: save", allow_redirects=False,
            catch_response=True, headers={"Referer": server + path},
        ) as response:  # fmt: skip
            if response.status_code == 302:
                Round.outcomes["saved"] += 1
            elif response.status_code == 200 and CONFLICT.search(response.text):
                Round.outcomes["conflict"] += 1  # someone saved first: the expected answer, not an error
                response.success()
            else:
                errors = [" ".join(re.sub(r"<[^>]+>", " ", e).split()) for e in ERRORS.findall(response.text)]
                response.failure(f"{response.status_code} {errors[:3]}")
                if LOGS is not None:  # the page as answered, for the report
                    (LOGS / f"failed-{kind.replace(' ', '-')}-{time.time():.3f}.html").write_text(
                        response.text
                    )


def check_pages(servers: list[str], targets: dict) -> tuple[dict, dict]:
    """Which pages each role may open (one request each, before the run): 403/404 leaves a page out of that
    role's mix, a redirect to another page (the home page) is replaced by its target; anything else but 200 is
    an error and stays in (so the run shows it)."""
    import requests

    pages, refused = {}, {}
    for role in ROLES:
        session = requests.Session()
        page = session.get(servers[0] + "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        session.post(servers[0] + "/accounts/login/", allow_redirects=False,
                     data={"username": role, "password": PASSWORD, "csrfmiddlewaretoken": token})  # fmt: skip
        pages[role], refused[role] = {}, []
        for name, path in PAGES.items():
            ids = {
                k: targets[role][k + "s"][0]
                for k in ("project", "risk", "report", "lesson")
                if targets[role][k + "s"]
            }
            try:
                url = servers[0] + path.format(**ids)
            except KeyError:
                refused[role].append(name)
                continue
            response = session.get(url, allow_redirects=False)
            location = response.headers.get("Location", "")
            if response.status_code in {403, 404}:
                refused[role].append(name)
            elif (
                response.status_code == 302
                and location.startswith("/")
                and "/accounts/login/" not in location
            ):
                pages[role][name] = location  # e.g. the home page sends a portfolio manager to the portfolio
            else:
                pages[role][name] = path
    return pages, refused


# ---------------------------------------------------------------------------------------------- rounds


def died(processes: list[psutil.Process]) -> list[int]:
    """The servers and workers of this run that are no longer running (a crash is an error)."""
    dead = []
    for proc in processes:
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                dead.append(proc.pid)
        except psutil.NoSuchProcess:
            dead.append(proc.pid)
    return dead


def run_round(label, servers, targets, pages, users, duration, wait, cpu_groups, watch) -> dict:
    Round.reset(servers, targets, pages)
    PmoUser.wait_time = between(wait * 0.5, wait * 1.5)
    env = Environment(user_classes=[PmoUser], catch_exceptions=True)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=max(1, users / 5))
    deadline = time.monotonic() + 300  # sign-ins (scrypt) queue up on a busy machine
    while Round.signed_in < users and time.monotonic() < deadline:
        gevent.sleep(0.5)
    gevent.sleep(2)
    sign_in_failures = sum(
        e.num_failures for (name, _m), e in env.stats.entries.items() if name.startswith("sign in")
    )
    env.stats.reset_all()
    for key in ("saved", "conflict", "server switches"):
        Round.outcomes[key] = 0
    Round.outcomes["requests per server"] = [0] * len(servers)
    meter = CpuMeter(cpu_groups)
    meter.start()
    gevent.sleep(duration)
    cpu = meter.stop()
    dead = died(watch)
    stats = env.stats
    total, login = stats.total, stats.get(LOGIN_PAGE, "GET")
    entries = sorted(stats.entries.values(), key=lambda e: e.name)
    rows = [
        {"name": e.name, "method": e.method, "requests": e.num_requests, "errors": e.num_failures,
         "p50": e.get_response_time_percentile(0.5), "p95": e.get_response_time_percentile(0.95),
         "p99": e.get_response_time_percentile(0.99)}
        for e in entries
        if e.num_requests
    ]  # fmt: skip
    errors = [
        {"name": e.name, "method": e.method, "error": str(e.error), "count": e.occurrences}
        for e in stats.errors.values()
    ]
    runner.quit()
    per_request = {
        g: round(cpu[g] * duration * 10 / max(1, total.num_requests), 1) for g in ("gunicorn", "postgres")
    }
    p95_login = login.get_response_time_percentile(0.95) or 1
    return {
        "round": label,
        "servers": len(servers),
        "users": users,
        "seconds": duration,
        "rps": round(total.num_requests / duration, 1),
        "requests": total.num_requests,
        "errors": total.num_failures + sign_in_failures + len(dead),
        "processes_died": dead,
        "p50_ms": total.get_response_time_percentile(0.5),
        "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99),
        "login_p50_ms": login.get_response_time_percentile(0.5),
        "login_p95_ms": login.get_response_time_percentile(0.95),
        "ratio_p95": round(total.get_response_time_percentile(0.95) / p95_login, 2),
        "saved": Round.outcomes["saved"],
        "conflicts": Round.outcomes["conflict"],
        "server_switches": Round.outcomes["server switches"],
        "requests_per_server": Round.outcomes["requests per server"],
        "cpu_percent_of_one_core": cpu,
        "cpu_ms_per_request": per_request,
        "quiet_machine_rps": round(psutil.cpu_count() * 1000 / max(1.0, sum(per_request.values()))),
        "rows": rows,
        "error_list": errors,
    }


def print_round(result: dict) -> None:
    print(f"\n== {result['round']}: {result['users']} users, {result['seconds']} s ==")
    print(
        f"{'request':>32} {'method':>6} {'count':>6} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for r in result["rows"]:
        print(f"{r['name'][:32]:>32} {r['method']:>6} {r['requests']:>6} {r['errors']:>6} "
              f"{r['p50']:>7} {r['p95']:>7} {r['p99']:>7}")  # fmt: skip
    print(f"{'all':>32} {'':>6} {result['requests']:>6} {result['errors']:>6} "
          f"{result['p50_ms']:>7} {result['p95_ms']:>7} {result['p99_ms']:>7}")  # fmt: skip
    print(f"edits saved {result['saved']}, conflicts (someone saved first, expected) {result['conflicts']}; "
          f"requests per server {result['requests_per_server']}, "
          f"consecutive requests of one session on another server {result['server_switches']}")  # fmt: skip
    cpu = result["cpu_percent_of_one_core"]
    print("CPU (% of one core): " + ", ".join(f"{k} {v}" for k, v in cpu.items() if k != "machine busy")
          + f"; machine busy {cpu['machine busy']}% of {psutil.cpu_count()} cores")  # fmt: skip
    if result["processes_died"]:
        print(f"ERROR: processes of this run died during the round: {result['processes_died']}")
    for error in result["error_list"]:
        print(f"ERROR {error['count']}× {error['method']} {error['name']}: {error['error'][:300]}")


def bottleneck(result: dict) -> str:
    cpu, cores = result["cpu_percent_of_one_core"], psutil.cpu_count()
    parts = {k: v for k, v in cpu.items() if k != "machine busy"}
    share = ", ".join(f"{k} {v / cores:.0f}%" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))
    app, db = result["cpu_ms_per_request"]["gunicorn"], result["cpu_ms_per_request"]["postgres"]
    text = (
        f"the {cores} cores are {cpu['machine busy']:.0f}% busy ({share}); CPU per request: {app} ms in gunicorn"
        f" (Python: views, ORM, templates), {db} ms in PostgreSQL"
    )
    if cpu["locust"] >= 90:
        return text + "; locust itself uses a full core: the load generator limits the figures"
    if cpu["machine busy"] < 85:
        return text + "; the CPU is not saturated: the users' think time sets the request rate"
    text += (
        f"; the CPU is saturated and the app servers' Python is the limit (PostgreSQL is not): with both cores"
        f" to itself this machine would serve about {result['quiet_machine_rps']} requests/s"
    )
    if cpu["other processes"] >= 25:
        text += (
            f"; other processes on this machine (not part of this run) took {cpu['other processes']:.0f}% of a"
            " core, which slowed this run"
        )
    return text


def interrupted(*_args) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the run like Ctrl-C: the finally below stops every process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds measured per round")
    parser.add_argument("--wait", type=float, default=1.0, help="mean think time between requests (s)")
    parser.add_argument(
        "--workers", type=int, default=4, help="gunicorn workers per round, split over servers"
    )
    parser.add_argument("--keep", action="store_true", help="keep the pmo_load database")
    parser.add_argument("--reuse", action="store_true", help="use the pmo_load database of a --keep run")
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, interrupted)
    global LOGS
    logs = LOGS = Path(tempfile.mkdtemp(prefix="pmo-load-"))
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "PMO_DATA_DIR": str(logs / "data"),
           "PMO_SECRET_KEY": secrets.token_urlsafe(50), "PMO_DEBUG": "0", "PMO_ALLOWED_HOSTS": "127.0.0.1",
           "PMO_LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "pmo.settings"}  # fmt: skip
    processes = Processes(logs)
    results = []
    try:
        started = time.perf_counter()
        if not args.reuse:
            recreate_database()
        targets = load_demo(env, demo=not args.reuse)
        print(f"demo loaded into {DATABASE} in {time.perf_counter() - started:.0f} s; logs in {logs}")
        pages = refused = None
        for label, count in (("1 app server", 1), ("2 app servers + 2 workers", 2)):
            servers, masters, workers = [], [], []
            for n in range(count):
                port = free_port()
                argv = [BIN / "gunicorn", "pmo.wsgi", "--bind", f"127.0.0.1:{port}",
                        "--workers", str(max(1, args.workers // count)), "--timeout", "60"]  # fmt: skip
                masters.append(processes.start(f"gunicorn-{count}-{n}", argv, env))
                servers.append(f"http://127.0.0.1:{port}")
            if count == 2:
                workers = [processes.start(f"worker-{n}", [BIN / "pmo", "worker"], env) for n in range(2)]
            for url, master in zip(servers, masters, strict=True):
                wait_ready(url, master)
            if pages is None:
                pages, refused = check_pages(servers, targets)
                print("left out of a role's mix (403/404): "
                      + "; ".join(f"{r}: {', '.join(n) or '-'}" for r, n in refused.items()))  # fmt: skip
            groups = {
                "gunicorn": lambda m=masters: [p for master in m for p in tree(master)],
                "postgres": postgres_processes,
                "pmo worker": lambda w=workers: [p for worker in w for p in tree(worker)],
                "locust": lambda: [psutil.Process()],
            }
            result = run_round(
                label,
                servers,
                targets,
                pages,
                args.users,
                args.duration,
                args.wait,
                groups,
                masters + workers,
            )
            result["limit"] = bottleneck(result)
            print_round(result)
            print("throughput: " + result["limit"])
            results.append(result)
            processes.stop()
        server_errors = sum(
            (logs / name).read_text(errors="replace").count("Traceback") for name in os.listdir(logs)
            if name.endswith(".log")
        )  # fmt: skip
    finally:
        processes.stop()
        if not args.keep:
            drop_database()
            shutil.rmtree(logs / "data", ignore_errors=True)

    if not results:
        return
    print(f"\n{'app servers':>12} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7} "
          f"{'login p95':>9} {'p95/login':>9}")  # fmt: skip
    for r in results:
        print(f"{r['servers']:>12} {r['rps']:>7} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['p99_ms']:>7} "
              f"{r['errors']:>7} {r['login_p95_ms']:>9} {r['ratio_p95']:>9}")  # fmt: skip
    ok = all(r["errors"] == 0 and r["ratio_p95"] <= 10 for r in results)
    print(f"requirement (0 errors, p95 <= 10x the login page): {'met' if ok else 'NOT met'}; "
          f"tracebacks in the server logs: {server_errors}")  # fmt: skip
    summary = [{k: v for k, v in r.items() if k not in {"rows", "error_list"}} for r in results]
    print(json.dumps({"bench": "load", "database": "postgresql", "cores": psutil.cpu_count(), "rounds": summary,
                      "ratio": max(r["ratio_p95"] for r in results), "ok": ok}))  # fmt: skip


if __name__ == "__main__":
    main()
