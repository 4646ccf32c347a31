"""``citecheck report --online`` end to end: a real server on loopback, the cache, --refresh."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from build_support import sphinx_build
from test_links_support import LinkServer, ok, serving, slow, status

from checker.cli import main

ROOT = Path(__file__).resolve().parent / "roots" / "test-citecheck-refs"


@pytest.fixture
def servers() -> Iterator[Callable[[str], LinkServer]]:
    yield from serving()


def test_online_report_uses_cache_and_refresh(
    tmp_path: Path, servers: Callable[[str], LinkServer], capsys: pytest.CaptureFixture[str]
) -> None:
    server = servers("127.0.0.1")
    server.routes.update({"/gone": status(404), "/alive": ok()})
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    body = src / "body.rst"
    text = body.read_text(encoding="utf-8")
    body.write_text(text.replace("http://127.0.0.1:9/never-requested", server.url("/gone")))
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "citecheck_allow_private = True\n"
            f"citecheck_cache_dir = {str(tmp_path / 'cache')!r}\n"
            'citecheck_links = {"retries": 0}\n'
        )
    args = ["report", str(src), "--format", "json", "--fail-on", "none", "--today", "2026-11-25"]

    assert main(args) == 0  # offline by default: nothing requested
    offline = json.loads(capsys.readouterr().out)
    assert server.requests_total() == 0
    assert not [f for f in offline["findings"] if f["category"] == "link"]

    assert main([*args, "--online"]) == 0
    online = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in online["findings"] if f["category"] == "link"] == ["link-broken"]
    first = server.requests_total()
    assert first >= 1

    assert main([*args, "--online"]) == 0  # cached: no request
    capsys.readouterr()
    assert server.requests_total() == first

    assert main([*args, "--online", "--refresh"]) == 0  # --refresh asks again
    capsys.readouterr()
    assert server.requests_total() > first


def test_an_unusable_cache_folder_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"citecheck_cache_dir = {str(tmp_path / 'a-file' / 'cache')!r}\n")
    # the cache is opened before any request, so nothing is fetched
    assert main(["report", str(src), "--online", "-o", str(tmp_path / "out.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "citecheck_cache_dir: cannot use the link cache" in err


def test_linkcheck_settings_in_conf_py_drive_the_online_report(
    tmp_path: Path, servers: Callable[[str], LinkServer], capsys: pytest.CaptureFixture[str]
) -> None:
    server = servers("127.0.0.1")
    server.routes.update({"/slow": slow(1.5), "/in-body": ok()})
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    body = src / "body.rst"
    text = body.read_text(encoding="utf-8")
    body.write_text(text.replace("http://127.0.0.1:9/never-requested", server.url("/in-body")))
    index = src / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + f"\n`Slow <{server.url('/slow')}>`_\n")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "citecheck_allow_private = True\n"
            f"citecheck_cache_dir = {str(tmp_path / 'cache')!r}\n"
            "linkcheck_timeout = 0.3\n"
            "linkcheck_exclude_documents = ['^body$']\n"
        )
    args = ["report", str(src), "--online", "--format", "json", "--fail-on", "none"]
    assert main([*args, "--min-severity", "info"]) == 0
    links = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["category"] == "link"]
    assert [(f["rule"], f["path"]) for f in links] == [("link-timeout", "docs/index.rst")]
    assert server.count("/in-body") == 0  # its only document is excluded: never requested
    assert server.count("/slow") == 1


def test_parallel_reading_checks_each_link_once(
    tmp_path: Path, servers: Callable[[str], LinkServer]
) -> None:
    server = servers("127.0.0.1")
    src = tmp_path / "src"
    src.mkdir()
    names = [f"page{i}" for i in range(8)]
    (src / "conf.py").write_text(
        'extensions = ["checker"]\ncitecheck_online = True\ncitecheck_allow_private = True\n'
        f"citecheck_cache_dir = {str(tmp_path / 'cache')!r}\n"
    )
    toc = "\n".join(f"   {n}" for n in names)
    (src / "index.rst").write_text(f"Index\n=====\n\n.. toctree::\n\n{toc}\n")
    for i, name in enumerate(names):
        server.routes[f"/{name}"] = ok() if i % 2 else status(404)
        (src / f"{name}.rst").write_text(f"{name}\n=====\n\n`link <{server.url('/' + name)}>`_\n")
    out = tmp_path / "out"
    sphinx_build(src, out, "citations", parallel=2)  # reading in forked processes
    report = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    broken = sorted(f["doc"] for f in report["findings"] if f["rule"] == "link-broken")
    assert broken == ["page0", "page2", "page4", "page6"]
    assert all(server.hits[("HEAD", f"/{name}")] == 1 for name in names)


@pytest.mark.parametrize("literal", [True, False])
def test_the_head_start_is_adopted_so_each_link_is_asked_once(
    tmp_path: Path,
    servers: Callable[[str], LinkServer],
    capsys: pytest.CaptureFixture[str],
    literal: bool,
) -> None:
    server = servers("127.0.0.1")
    pages = [f"/p{i}" for i in range(6)]
    for page in pages:
        server.routes[page] = ok()
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    index = src / "index.rst"
    links = "".join(f"\n`page {p} <{server.url(p)}>`_\n" for p in pages)
    index.write_text(index.read_text(encoding="utf-8") + links)
    # a computed value cannot be read without running conf.py: then no head start
    timeout = "5" if literal else "float('5')"
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "citecheck_allow_private = True\n"
            f"citecheck_cache_dir = {str(tmp_path / 'cache')!r}\n"
            f"linkcheck_timeout = {timeout}\n"
        )
    assert main(["report", str(src), "--online", "--format", "json", "--fail-on", "none"]) == 0
    capsys.readouterr()
    assert [server.count(p) for p in pages] == [1] * len(pages)
