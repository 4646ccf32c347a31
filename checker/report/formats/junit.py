"""JUnit XML: one test case per finding, so GitLab and Jenkins list gaps like failing tests.

``classname`` is ``document/section`` (GitLab groups by it), the test name is
the rule and the claim, and each finding is a ``<failure>``.  With a baseline,
known findings are ``<skipped>`` instead: accepted, visible, not red.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...findings import Finding
from ..baseline import Status
from ..view import ReportView, doc_label, location

# Characters XML 1.0 cannot carry at all; ElementTree would write them and
# produce a file no parser accepts.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _name(finding: Finding, limit: int = 120) -> str:
    text = " ".join(finding.text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{finding.rule}: {text}" if text else f"{finding.rule} ({location(finding)})"


def render(view: ReportView) -> str:
    statuses = [view.status(f) for f in view.findings]
    skipped = sum(1 for s in statuses if s is Status.KNOWN)
    failures = len(view.findings) - skipped
    counts = {
        "tests": str(len(view.findings)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(skipped),
    }
    root = ET.Element("testsuites", {"name": "citecheck", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": f"citecheck {view.source}", **counts})
    for finding, status in zip(view.findings, statuses, strict=True):
        classname = doc_label(finding) + (f"/{finding.section}" if finding.section else "")
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": _clean(classname),
                "name": _clean(_name(finding)),
                "file": _clean(finding.path),
                **({"line": str(finding.line)} if finding.line is not None else {}),
            },
        )
        body = "\n".join(
            part
            for part in (
                location(finding),
                finding.text,
                finding.message,
                f"flagged {finding.date}" if finding.date else "",
                f"id {finding.id}",
            )
            if part
        )
        if status is Status.KNOWN:
            skip = ET.SubElement(case, "skipped", {"message": "known: in the baseline"})
            skip.text = _clean(body)
        else:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": _clean(finding.message), "type": finding.rule},
            )
            failure.text = _clean(body)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
