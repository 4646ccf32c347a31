"""The built HTML site as a reader meets it: headless Chromium on a local HTTP server.

The committed docs/ are built once per session (``make html``'s command; the
xdist workers share the build through a lock) and served from 127.0.0.1;
Playwright drives Debian's ``/usr/bin/chromium`` (never a downloaded browser),
launched once per worker.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_support import (
    CHROMIUM,
    DOCS,
    PROJECT,
    build_citations,
    build_html,
    flags_by_doc,
    once,
    read_report,
    serve,
    shared_tmp,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} is absent: install Debian's chromium (make sysdeps) to run these",
    ),
]

#: where the screenshots go (make screenshots; README's picture is made from the report's)
SCREENSHOTS = Path(os.environ.get("CITECHECK_SCREENSHOTS", PROJECT / "build" / "screenshots"))
VIEWPORT = {"width": 1280, "height": 900}
REPORT = "citation-report.html"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = shared_tmp(tmp_path_factory)
    html = once(root, "site-html", build_html) / "html"
    return {"html": html, "report": read_report(once(root, "citations", build_citations))}


@pytest.fixture(scope="session")
def base_url(site: dict[str, Any]) -> Iterator[str]:
    with serve(site["html"]) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def _in_viewport(page: Any, element_id: str) -> bool:
    """Whether the element with this id is scrolled into view (waits for the scroll)."""
    script = """id => {
        const el = document.getElementById(id);
        if (!el) return false;
        const top = el.getBoundingClientRect().top;
        return top >= 0 && top < window.innerHeight;
    }"""
    try:
        page.wait_for_function(script, arg=element_id, timeout=5_000)
    except Exception:  # playwright's TimeoutError: report it as the assertion it is
        return False
    return True


def _target_id(page: Any) -> str:
    return page.evaluate("decodeURIComponent(location.hash.slice(1))")


def test_flag_markers_on_every_page_match_the_report(site, base_url, page) -> None:
    expected = flags_by_doc(site["report"])
    docs = sorted(p.stem for p in DOCS.glob("*.rst"))
    assert set(expected) <= set(docs)
    for doc in docs:
        page.goto(f"{base_url}{doc}.html")
        markers = page.locator("article sup.citecheck-label")
        assert markers.count() == expected.get(doc, 0), doc
        # each marker follows its claim, and its hover text names the tag (and date, if any)
        assert page.locator("article .citecheck-claim + sup.citecheck-label").count() == (
            expected.get(doc, 0)
        )
    assert sum(expected.values()) == sum(
        1 for f in site["report"]["findings"] if f["category"] == "flag"
    )


def test_marker_lands_on_its_report_row_and_the_row_links_back(site, base_url, page) -> None:
    flags = [f for f in site["report"]["findings"] if f["category"] == "flag"]
    doc = max(flags_by_doc(site["report"]).items(), key=lambda item: item[1])[0]
    page.goto(f"{base_url}{doc}.html")
    marker = page.locator("article sup.citecheck-label").nth(2)
    claim_id = marker.evaluate("sup => sup.previousElementSibling.id")
    claim_text = " ".join(page.locator(f"[id='{claim_id}']").inner_text().split())
    title = marker.get_attribute("title")
    marker.locator("a").click()
    page.wait_for_url(re.compile(rf"{REPORT}#citecheck-"))
    row_id = _target_id(page)
    (finding,) = [f for f in flags if f"citecheck-{f['id']}" == row_id]
    assert finding["doc"] == doc and " ".join(finding["text"].split()) == claim_text
    assert title is not None and title.lower().startswith(finding["rule"].split("-")[0])
    if finding["date"]:
        assert "since" in title
    row = f"tr[id='{row_id}']"
    assert _in_viewport(page, row_id)
    assert page.locator(row).evaluate("tr => getComputedStyle(tr).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    )  # :target highlights the row
    page.locator(f"{row} a.citecheck-backlink").click()
    page.wait_for_url(re.compile(rf"{doc}\.html#"))
    assert _target_id(page) == claim_id
    assert _in_viewport(page, claim_id)


def test_note_marker_and_its_back_link(base_url, page) -> None:
    page.goto(f"{base_url}index.html")
    marker = page.locator("article sup.citecheck-note-ref").first
    assert marker.inner_text() == "[a]"
    marker_id = marker.get_attribute("id")
    marker.locator("a").click()
    page.wait_for_url(re.compile(r"notes\.html#citecheck-note-a$"))
    note = page.locator("[id='citecheck-note-a']")
    assert _in_viewport(page, "citecheck-note-a")
    assert note.inner_text().startswith("a.")
    note.locator(".citecheck-note-backrefs a").first.click()
    page.wait_for_url(re.compile(r"index\.html#"))
    assert _target_id(page) == marker_id
    assert _in_viewport(page, marker_id)


def test_citation_links_to_its_bibliography_entry(base_url, page) -> None:
    page.goto(f"{base_url}references.html")
    link = page.locator("article .bibtex-citation a.reference.internal").first
    link.click()
    page.wait_for_function("location.hash.length > 1")
    entry = page.locator(f"[id='{_target_id(page)}']")
    assert entry.get_attribute("role") == "doc-biblioentry"
    assert entry.is_visible()


def test_banner_is_an_admonition(site, base_url, page) -> None:
    banners = [f for f in site["report"]["findings"] if f["category"] == "banner"]
    assert banners
    page.goto(f"{base_url}{banners[0]['doc']}.html")
    admonition = page.locator("article div.admonition.citecheck-banner").first
    assert admonition.is_visible()
    assert "citations" in admonition.inner_text().lower()


def test_search_finds_a_word_of_the_article(base_url, page) -> None:
    page.goto(f"{base_url}search.html?q=menshevik")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 1
    assert "menshevik" in page.locator("#search-results").inner_text().lower()


def test_index_has_title_lead_side_infobox_and_navigation(base_url, page) -> None:
    page.goto(f"{base_url}index.html")
    assert page.locator("article h1").inner_text().strip() == "Leon Trotsky"
    lead = page.locator("article section > p:not(.hatnote)").first
    infobox = page.locator("article table.infobox")
    assert infobox.is_visible() and lead.is_visible()
    lead_box, box = lead.bounding_box(), infobox.bounding_box()
    assert lead_box is not None and box is not None
    # floated right beside the lead: in the right half, level with the lead's first lines
    assert infobox.evaluate("t => getComputedStyle(t.closest('.table-wrapper') || t).float") == (
        "right"
    )
    assert box["x"] > lead_box["x"] + lead_box["width"] / 2
    assert lead_box["y"] - 50 < box["y"] < lead_box["y"] + lead_box["height"]
    sidebar = page.locator(".sidebar-tree a.reference")
    assert sidebar.count() >= 10
    page.locator("a.next-page").click()
    page.wait_for_url(re.compile(r"before-1917-revolution\.html"))
    assert page.locator("a.prev-page").is_visible() and page.locator("a.next-page").is_visible()


def test_report_page_summary_chart_and_rows(site, base_url, page) -> None:
    findings = site["report"]["findings"]
    page.goto(f"{base_url}{REPORT}")
    summary = page.locator("p.citecheck-summary").inner_text()
    flags = sum(1 for f in findings if f["category"] == "flag")
    assert summary.startswith(f"{flags} flagged claims in ")
    assert page.locator("table.citecheck-report tr[id^='citecheck-']").count() == len(findings)
    bars = page.locator("table.citecheck-chart span.citecheck-bar")
    claims = [f for f in findings if f["category"] in ("flag", "banner")]
    assert bars.count() == len({(f["doc"], f["section"] or f["path"]) for f in claims})
    widths = [b["width"] for b in (bars.nth(i).bounding_box() for i in range(bars.count())) if b]
    assert min(widths) > 0 and max(widths) > min(widths)


def test_screenshots_of_index_section_and_report(base_url, page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("index", "before-1917-revolution", "citation-report"):
        page.goto(f"{base_url}{name}.html")
        target = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(target))
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert target.stat().st_size > 20_000  # a page with text on it, not a blank one
