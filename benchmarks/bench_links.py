"""Benchmark: citecheck's link checker against the lower bound and ``sphinx-build -b linkcheck``.

One script, one run.  A server process (``links_server.py``) answers on 20
loopback aliases (127.0.0.1 ... 127.0.0.20) after 50-100 ms per request,
plus one slow server (127.0.0.21) that answers after 8 s.  500 links over
them, in a realistic mix (see ``MIX``: redirects that cross hosts, 404, 410,
500, two hosts that refuse HEAD, 429 with ``Retry-After: 1``, anchors
present and missing, the slow link), shuffled into a 10-page Sphinx project
whose ``conf.py`` sets ``linkcheck_timeout = 5``.  Then, in this order:

1. ``sphinx-build -b linkcheck`` with its defaults (5 workers, 1 attempt);
2. ``citecheck report SRC --online`` with a fresh cache (whole command);
3. the same again: the cached re-run;
4. ``check_links`` alone, timed inside its process after the imports (the
   network phase: what the scheduler and the worker threads reach).

For each: wall seconds, × the lower bound, verdicts right out of N (against
what each server path means, in linkcheck's words: citecheck's ``failing``
is ``broken``), requests, the most requests in flight on one host, TCP
connections accepted, how long after its start the command sent its first
request (all counted server-side), and the CPU seconds it used (which a
loaded machine does not inflate the way it inflates wall time).

The lower bound: every link needs at least one request per redirect hop,
each on its hop's host; with ``PER_HOST`` slots per host, no schedule beats
the busiest host's total answer time / ``PER_HOST``, nor the longest single
chain (the slow link's 5 s timeout; a 429 link's two answers and its
``Retry-After``).  Run from the repository root:

    .venv/bin/python benchmarks/bench_links.py [--skip-sphinx]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from links_server import RETRY_AFTER, latency, redirect  # beside this script

ROOT = Path(__file__).resolve().parent.parent
HOSTS = 20
TIMEOUT = 5.0  #: the project's linkcheck_timeout
PER_HOST = 2  #: citecheck's per-host limit: the slots of the bound
#: (kind, how many, the verdict in linkcheck's words)
MIX = [
    ("ok", 366, "working"),
    ("anchor", 30, "working"),  # /page/N#sec-3: the id is there
    ("noanchor", 10, "broken"),  # /page/N#nope
    ("gone404", 20, "broken"),
    ("gone410", 10, "broken"),
    ("error", 10, "broken"),  # 500
    ("moved", 20, "redirected"),  # 301 to the next host
    ("found", 15, "redirected"),  # 302 to the next host
    ("chain", 10, "redirected"),  # 302 -> 301 over three hosts
    ("busy", 8, "working"),  # 429 Retry-After: 1 the first time
    ("slow", 1, "timeout"),  # the slow server: 8 s > linkcheck_timeout
]
#: citecheck's statuses that linkcheck has no word for, in linkcheck's words
AS_LINKCHECK = {"failing": "broken", "dead": "broken", "paywalled": "broken"}


@dataclass
class Link:
    url: str
    kind: str
    expected: str
    host: int  #: 0 for the slow server
    path: str


def make_links(info: dict[str, object], seed: int) -> list[Link]:
    """The mix spread over random hosts, in a random order (fixed by ``seed``)."""
    rng = random.Random(seed)
    bases: list[str] = info["hosts"]  # type: ignore[assignment]
    links = []
    for kind, count, expected in MIX:
        for i in range(count):
            if kind == "slow":
                links.append(Link(f"{info['slow']}/slow/{i}", kind, expected, 0, f"/slow/{i}"))
                continue
            host = rng.randint(1, HOSTS)
            path = f"/page/{kind}-{i}" if "anchor" in kind else f"/{kind}/{i}"
            fragment = {"anchor": "#sec-3", "noanchor": "#nope"}.get(kind, "")
            links.append(Link(f"{bases[host - 1]}{path}{fragment}", kind, expected, host, path))
    rng.shuffle(links)
    return links


# ---- the lower bound ---------------------------------------------------------


def _requests_of(link: Link, ports: dict[int, str]) -> list[tuple[int, float]]:
    """``(host, seconds)`` of each request a checker cannot avoid for ``link``."""
    if link.kind == "slow":
        return [(0, TIMEOUT)]
    chain, host, path = [], link.host, link.path
    while True:
        chain.append((host, latency(ports[host], path)))
        kind, _, rest = path.lstrip("/").partition("/")
        hop = redirect(host, kind, rest, HOSTS)
        if hop is None:
            break
        _, host, path = hop
    if link.kind == "busy":  # the 429, then the answer
        chain.append(chain[0])
    return chain


def lower_bound(links: list[Link], ports: dict[int, str]) -> tuple[float, str]:
    load: dict[int, float] = defaultdict(float)
    longest, longest_kind = 0.0, ""
    for link in links:
        requests = _requests_of(link, ports)
        for host, seconds in requests:
            load[host] += seconds
        chain = sum(s for _, s in requests) + (float(RETRY_AFTER) if link.kind == "busy" else 0)
        if chain > longest:
            longest, longest_kind = chain, link.kind
    busiest = max(load, key=lambda h: load[h] if h else 0.0)  # the slow server is a chain
    per_host = max(load[busiest], load[0]) / PER_HOST
    why = (
        f"busiest host 127.0.0.{busiest}: {load[busiest]:.2f} s of answers / {PER_HOST} slots "
        f"= {load[busiest] / PER_HOST:.2f} s; longest chain: {longest:.2f} s ({longest_kind})"
    )
    return max(per_host, longest), why


# ---- the project and the runs ------------------------------------------------


def write_project(folder: Path, links: list[Link], extra_conf: str = "") -> Path:
    folder.mkdir(parents=True)
    conf = f"project = 'linkbench'\nlinkcheck_timeout = {TIMEOUT:g}\n{extra_conf}"
    (folder / "conf.py").write_text(conf)
    pages = [links[i : i + 50] for i in range(0, len(links), 50)]
    toc = "\n".join(f"   page{i}" for i in range(len(pages)))
    (folder / "index.rst").write_text(f"Links\n=====\n\n.. toctree::\n\n{toc}\n")
    for i, page in enumerate(pages):
        items = "\n".join(f"* `link {j} <{link.url}>`__" for j, link in enumerate(page))
        (folder / f"page{i}.rst").write_text(f"Page {i}\n{'=' * (5 + len(str(i)))}\n\n{items}\n")
    return folder


@dataclass
class Run:
    name: str
    seconds: float
    verdicts: dict[str, str]
    requests: int = 0
    peak: int = 0
    connections: int = 0
    first: float | None = None  #: seconds from the command's start to its first request
    cpu: float = 0.0  #: CPU seconds (user + system) of the command: what load cannot inflate
    wrong: list[str] = field(default_factory=list)


def _control(control: str, what: str) -> dict[str, dict[str, int]]:
    with urllib.request.urlopen(f"{control}/{what}") as response:
        data: dict[str, dict[str, int]] = json.load(response)
        return data


Stats = dict[str, dict[str, float]]


def _timed(
    control: str, command: list[str]
) -> tuple[float, subprocess.CompletedProcess[str], Stats]:
    _control(control, "reset")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()  # the servers stamp requests with this clock too
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = _control(control, "stats")
    firsts = [s["first"] for s in stats.values() if s["first"]]
    stats["_"] = {"first": min(firsts) - start if firsts else -1.0, "cpu": cpu}
    return seconds, proc, stats


def _run(
    name: str, seconds: float, verdicts: dict[str, str], stats: Stats, links: list[Link]
) -> Run:
    run = Run(name, seconds, verdicts)
    own = stats.pop("_")
    run.first = own["first"] if own["first"] >= 0 else None
    run.cpu = own["cpu"]
    run.requests = int(sum(s["requests"] for s in stats.values()))
    run.connections = int(sum(s["connections"] for s in stats.values()))
    run.peak = int(max(s["peak"] for s in stats.values()))
    for link in links:
        got = verdicts.get(link.url, "-")
        if AS_LINKCHECK.get(got, got) != link.expected:
            run.wrong.append(f"{link.url} ({link.kind}): {got}, expected {link.expected}")
    return run


def run_sphinx(folder: Path, links: list[Link], control: str) -> Run:
    src = write_project(folder / "sphinx-src", links)
    out = folder / "sphinx-out"
    command = [sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q", str(src), str(out)]
    seconds, _, stats = _timed(control, command)
    verdicts = {}
    for line in (out / "output.json").read_text().splitlines():
        record = json.loads(line)
        verdicts[record["uri"]] = record["status"]
    return _run("sphinx-build -b linkcheck, defaults", seconds, verdicts, stats, links)


#: ``check_links`` alone, timed inside its process after the imports: the network phase
_IN_PROCESS = """
import json, sys, time
from checker.refs.links.check import check_links
from checker.refs.links.settings import LinkSettings
from checker.refs.model import LinkUse, Location
urls = json.loads(sys.argv[1])
settings = LinkSettings(allow_private=True, connect_timeout=TIMEOUT, read_timeout=TIMEOUT,
                        progress=False)
start = time.perf_counter()
results = check_links([LinkUse(u, Location("bench.rst", i)) for i, u in enumerate(urls)], settings)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "verdicts": {r.url: r.status.value for r in results}}))
"""


def run_in_process(links: list[Link], control: str) -> Run:
    """The checker without start-up: what the scheduler and the threads reach."""
    code = _IN_PROCESS.replace("TIMEOUT", repr(TIMEOUT))
    command = [sys.executable, "-c", code, json.dumps([link.url for link in links])]
    _, proc, stats = _timed(control, command)
    data = json.loads(proc.stdout)
    name = "check_links alone (after imports, no cache)"
    return _run(name, data["seconds"], data["verdicts"], stats, links)


def run_citecheck(folder: Path, links: list[Link], control: str) -> list[Run]:
    conf = "citecheck_allow_private = True  # the servers are loopback aliases\n"
    conf += f"citecheck_cache_dir = {str(folder / 'cache')!r}\n"
    src = write_project(folder / "citecheck-src", links, conf)
    command = [sys.executable, "-m", "checker", "report", str(src), "--online"]
    command += ["--format", "json", "--min-severity", "info", "--fail-on", "none"]
    runs = []
    for label in ("fresh cache", "cached re-run"):
        seconds, proc, stats = _timed(control, command)
        try:
            findings = json.loads(proc.stdout)["findings"]
        except (ValueError, KeyError):
            sys.exit(f"citecheck report failed ({proc.returncode}): {proc.stderr[-2000:]}")
        verdicts = {link.url: "working" for link in links}
        for finding in findings:
            url = finding.get("data", {}).get("url")
            if finding["category"] == "link" and url in verdicts:
                verdicts[url] = finding["data"]["status"]
        runs.append(_run(f"citecheck report --online, {label}", seconds, verdicts, stats, links))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--skip-sphinx", action="store_true", help="only citecheck's runs")
    parser.add_argument("--seed", type=int, default=7, help="the mix's random placement")
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "links_server.py"), str(HOSTS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        info = json.loads(server.stdout.readline())
        links = make_links(info, args.seed)
        ports = {i + 1: base.split("//", 1)[1] for i, base in enumerate(info["hosts"])}
        bound, why = lower_bound(links, ports)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            runs = [] if args.skip_sphinx else [run_sphinx(folder, links, info["control"])]
            runs += run_citecheck(folder, links, info["control"])
            runs.append(run_in_process(links, info["control"]))
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(timeout=30)

    print(
        f"{len(links)} links on {HOSTS} hosts (50-100 ms) + 1 slow server (8 s); "
        f"linkcheck_timeout = {TIMEOUT:g}; per-host limit {PER_HOST}"
    )
    print(f"lower bound {bound:.2f} s ({why})")
    print(
        f"{'run':<44} {'seconds':>8} {'x bound':>8} {'right':>8} {'requests':>9} "
        f"{'peak/host':>9} {'TCP conns':>9} {'1st request':>11} {'CPU s':>6}"
    )
    for run in runs:
        right = f"{len(links) - len(run.wrong)}/{len(links)}"
        first = f"+{run.first:.2f} s" if run.first is not None else "-"
        print(
            f"{run.name:<44} {run.seconds:8.2f} {run.seconds / bound:8.2f} {right:>8} "
            f"{run.requests:9d} {run.peak:9d} {run.connections:9d} {first:>11} {run.cpu:6.2f}"
        )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for run in runs:
        for line in run.wrong[:10]:
            print(f"  {run.name}: {line}")
    return 1 if any(run.wrong for run in runs if run.name.startswith("citecheck")) else 0


if __name__ == "__main__":
    sys.exit(main())
