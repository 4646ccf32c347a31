"""Benchmark: citecheck's link checker against ``sphinx-build -b linkcheck``.

One script, one run.  A local server (its own process) answers on 20 host
names (127.0.0.1 ... 127.0.0.20, Linux routes all of 127/8 to loopback),
each request after 50-100 ms.  The same 500 links, written into a generated
Sphinx project, are checked by

1. ``sphinx-build -b linkcheck`` with its defaults (5 workers),
2. the same with ``linkcheck_workers`` raised to our worker count,
3. ``check_links`` (a fresh cache), in a subprocess like the others,
4. ``check_links`` again with that cache (nothing changed: no request),
5. ``citecheck report --online`` once the command line is wired (skipped
   with a note until then; see :func:`run_citecheck_cli`).

It prints wall times, ratios against linkcheck's defaults, requests served,
and whether every URL got the same verdict.  Run from the repository root:

    PYTHONPATH=$PWD /work/devvenv/bin/python benchmarks/bench_links.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
HOSTS = 20
URLS = 500
#: (path prefix, share of the URLs, verdict both tools should give)
KINDS = [
    ("ok", 0.86, "working"),
    ("missing", 0.05, "broken"),  # 404
    ("moved", 0.04, "redirected"),  # 301 -> ok
    ("found", 0.03, "redirected"),  # 302 -> ok
    ("nohead", 0.02, "working"),  # HEAD 405, GET 200
]


# ---- the server (runs in its own process: ``--serve``) ---------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits = 0
    lock = threading.Lock()
    in_flight: ClassVar[dict[str, int]] = {}  # host -> requests being answered now
    peak: ClassVar[dict[str, int]] = {}  # host -> most at once since the last /__stats

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        path = self.path
        if path == "/__stats":
            with _Handler.lock:
                stats = {"hits": _Handler.hits, "peak": max(_Handler.peak.values(), default=0)}
                _Handler.peak.clear()
            self._send(200, json.dumps(stats).encode())
            return
        host = self.headers.get("Host", "")
        with _Handler.lock:
            _Handler.hits += 1
            _Handler.in_flight[host] = _Handler.in_flight.get(host, 0) + 1
            _Handler.peak[host] = max(_Handler.peak.get(host, 0), _Handler.in_flight[host])
        try:
            time.sleep((50 + zlib.crc32(path.encode()) % 51) / 1000)  # 50-100 ms, per URL
            self._reply(path)
        finally:
            with _Handler.lock:
                _Handler.in_flight[host] -= 1

    def _reply(self, path: str) -> None:
        kind = path.split("/")[1]
        if kind == "missing":
            self._send(404)
        elif kind == "moved":
            self._send(301, headers={"Location": path.replace("/moved/", "/ok/moved-")})
        elif kind == "found":
            self._send(302, headers={"Location": path.replace("/found/", "/ok/found-")})
        elif kind == "nohead" and self.command == "HEAD":
            self._send(405)
        else:
            self._send(200, b"<html><body><p>a page</p></body></html>")

    do_GET = do_HEAD = _answer

    def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(hosts: int) -> None:
    """Start one server per host name, print their base URLs, serve until stdin closes."""
    bases = []
    for i in range(1, hosts + 1):
        server = ThreadingHTTPServer((f"127.0.0.{i}", 0), _Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        bases.append(f"http://127.0.0.{i}:{server.server_address[1]}")
    print(json.dumps(bases), flush=True)
    sys.stdin.read()


# ---- the link set and the Sphinx project ------------------------------------


def make_urls(bases: list[str]) -> dict[str, str]:
    """URL -> expected verdict, spread round-robin over the hosts."""
    expected: dict[str, str] = {}
    n = 0
    for kind, share, verdict in KINDS:
        for _ in range(round(share * URLS)):
            expected[f"{bases[n % len(bases)]}/{kind}/{n}"] = verdict
            n += 1
    return expected


def write_project(folder: Path, urls: list[str], workers: int | None, conf: str = "") -> Path:
    src = folder / f"src-{workers or 'default'}"
    src.mkdir(parents=True)
    conf = f"project = 'linkbench'\n{conf}"
    if workers:
        conf += f"linkcheck_workers = {workers}\n"
    (src / "conf.py").write_text(conf)
    pages = [urls[i : i + 50] for i in range(0, len(urls), 50)]
    toc = "\n".join(f"   page{i}" for i in range(len(pages)))
    (src / "index.rst").write_text(f"Links\n=====\n\n.. toctree::\n\n{toc}\n")
    for i, page in enumerate(pages):
        items = "\n".join(f"* `link {j} <{u}>`__" for j, u in enumerate(page))
        (src / f"page{i}.rst").write_text(f"Page {i}\n{'=' * (5 + len(str(i)))}\n\n{items}\n")
    return src


# ---- the runs ----------------------------------------------------------------


@dataclass
class Run:
    name: str
    seconds: float
    verdicts: dict[str, str]
    requests: int = 0
    note: str = ""
    peak: int = 0  #: most requests in flight on one host


def _stats(bases: list[str]) -> tuple[int, int]:
    """(requests served so far, peak per-host concurrency since the last call)."""
    import urllib.request

    with urllib.request.urlopen(f"{bases[0]}/__stats") as response:
        data = json.load(response)
    return int(data["hits"]), int(data["peak"])


def _served(bases: list[str]) -> int:
    return _stats(bases)[0]


def _finish(run: Run, bases: list[str], before: int) -> Run:
    hits, peak = _stats(bases)
    run.requests, run.peak = hits - before, peak
    return run


def run_sphinx(folder: Path, urls: list[str], bases: list[str], workers: int | None) -> Run:
    src = write_project(folder, urls, workers)
    out = folder / f"out-{workers or 'default'}"
    before = _served(bases)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q", str(src), str(out)],
        check=False,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    verdicts = {}
    for line in (out / "output.json").read_text().splitlines():
        record = json.loads(line)
        verdicts[record["uri"]] = record["status"]
    label = f"linkcheck_workers={workers}" if workers else "defaults (5 workers)"
    return _finish(Run(f"sphinx-build -b linkcheck, {label}", seconds, verdicts), bases, before)


def run_ours(folder: Path, urls: list[str], bases: list[str], name: str) -> Run:
    """``check_links`` in a fresh interpreter (as a command would run it)."""
    url_file = folder / "urls.json"
    url_file.write_text(json.dumps(urls))
    before = _served(bases)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--ours", str(url_file), str(folder / "build")],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    seconds = time.perf_counter() - start
    data = json.loads(proc.stdout)
    note = f"check_links itself: {data['inside']:.2f} s"
    return _finish(Run(name, seconds, data["verdicts"], note=note), bases, before)


def ours(url_file: Path, outdir: Path) -> None:
    """Subprocess side of :func:`run_ours`: check with default settings, print verdicts."""
    from checker.refs.links.check import check_links
    from checker.refs.links.settings import LinkSettings, default_cache_path
    from checker.refs.model import LinkUse, Location

    urls = json.loads(url_file.read_text())
    uses = [LinkUse(u, Location("bench.rst", i + 1)) for i, u in enumerate(urls)]
    settings = LinkSettings(
        allow_private=True,  # the benchmark's hosts are loopback aliases
        cache_path=default_cache_path(outdir),
        progress=False,
    )
    start = time.perf_counter()
    results = check_links(uses, settings)
    inside = time.perf_counter() - start
    verdicts = {r.url: r.status.value for r in results}
    print(json.dumps({"inside": inside, "verdicts": verdicts}))


def run_citecheck_cli(folder: Path, urls: list[str], bases: list[str]) -> list[Run] | str:
    """``citecheck report --online`` on the Sphinx project, fresh then cached.

    Verdicts come from the report's link findings (``data.status``); a URL
    without a finding is working.  Returns why not while the command line
    cannot do it yet (the lead wires ``--online`` to ``check_links``).
    """
    conf = "citecheck_online = True\ncitecheck_allow_private = True\n"
    conf += f"citecheck_cache_dir = {str(folder / 'cli-cache')!r}\n"  # fresh, then cached
    src = write_project(folder / "cli", urls, None, conf)
    out = folder / "cli-out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "checker", "report", str(src), "--online"]
    command += ["--format", "json", "--out", str(out), "--min-severity", "info"]
    runs: list[Run] = []
    for name in ("citecheck report --online, fresh", "citecheck report --online, cached"):
        before = _served(bases)
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        seconds = time.perf_counter() - start
        try:
            findings = json.loads(proc.stdout)["findings"]
        except (ValueError, KeyError, TypeError):
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return f"not wired yet (exit {proc.returncode}: {last})"
        verdicts = dict.fromkeys(urls, "working")
        for finding in findings:
            if finding.get("category") == "link" and finding["data"].get("url") in verdicts:
                verdicts[finding["data"]["url"]] = finding["data"]["status"]
        if all(v == "working" for v in verdicts.values()):
            return "the report has no link findings: --online not wired to check_links yet"
        runs.append(_finish(Run(name, seconds, verdicts), bases, before))
    return runs


# ---- comparing ---------------------------------------------------------------

#: our statuses that linkcheck has no word for, mapped to its nearest one
_AS_LINKCHECK = {"failing": "broken", "dead": "broken", "paywalled": "broken"}


def disagreements(a: Run, b: Run, urls: list[str]) -> list[str]:
    out = []
    for url in urls:
        va = _AS_LINKCHECK.get(a.verdicts.get(url, "-"), a.verdicts.get(url, "-"))
        vb = _AS_LINKCHECK.get(b.verdicts.get(url, "-"), b.verdicts.get(url, "-"))
        if va != vb:
            out.append(f"{url}: {a.name} says {va}, {b.name} says {vb}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--ours", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0
    if args.ours:
        ours(*args.ours)
        return 0

    from checker.refs.links.settings import LinkSettings

    our_workers = LinkSettings().workers
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(HOSTS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        bases = json.loads(server.stdout.readline())
        expected = make_urls(bases)
        urls = list(expected)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            runs = [
                run_sphinx(folder, urls, bases, None),
                run_sphinx(folder, urls, bases, our_workers),
                run_ours(folder, urls, bases, "citecheck check_links, fresh cache"),
                run_ours(folder, urls, bases, "citecheck check_links, cached re-run"),
            ]
            cli = run_citecheck_cli(folder, urls, bases)
            if isinstance(cli, list):
                runs += cli
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(timeout=10)

    baseline = runs[0]
    print(f"{len(urls)} URLs on {HOSTS} hosts, 50-100 ms per answer; our workers: {our_workers}")
    print(f"{'run':<48} {'wall s':>7} {'vs linkcheck':>13} {'requests':>9} {'per host':>8}")
    for run in runs:
        ratio = baseline.seconds / run.seconds
        print(
            f"{run.name:<48} {run.seconds:7.2f} {ratio:12.1f}x {run.requests:9d} "
            f"{run.peak:8d}  {run.note}"
        )
    if isinstance(cli, str):
        print(f"citecheck report --online: {cli}")
    failed = False
    for run in runs[1:]:
        diff = disagreements(baseline, run, urls)
        print(f"verdicts {run.name} vs linkcheck defaults: {len(diff)} differ")
        for line in diff[:10]:
            print("   ", line)
        failed |= bool(diff)
    mine = runs[2].verdicts
    wrong = [u for u in urls if _AS_LINKCHECK.get(mine.get(u, ""), mine.get(u)) != expected[u]]
    print(f"verdicts of check_links vs the server's intent: {len(wrong)} differ")
    return 1 if failed or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
