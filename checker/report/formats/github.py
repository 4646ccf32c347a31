"""GitHub Actions workflow commands: one ``::warning file=…,line=…::`` per finding.

GitHub shows them as annotations on the pull request's diff.  With a baseline
only new findings are annotated (known ones were accepted), and a notice
reports the progress.  Escaping follows the runner's rules: in the message
``%``, CR and LF; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from ...findings import Finding, Severity
from ..view import ReportView

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


# Line separators other than CR and LF that line-splitting readers honour;
# the runner does not escape them, so they become spaces.
_OTHER_BREAKS = str.maketrans(dict.fromkeys("\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))


def escape_data(text: str) -> str:
    text = text.translate(_OTHER_BREAKS)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    props = [f"file={escape_property(finding.path)}"]
    if finding.line is not None:
        props.append(f"line={finding.line}")
        if finding.column is not None:
            props.append(f"col={finding.column}")
    props.append(f"title={escape_property(f'citecheck {finding.rule}')}")
    message = finding.message
    if finding.text:
        message = f"{message}\n{finding.text}"
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{escape_data(message)}"


def render(view: ReportView) -> str:
    lines = [annotation(f) for f in view.findings if view.is_new(f)]
    if view.comparison is not None:
        lines.append(f"::notice title=citecheck::{escape_data(view.summary_line())}")
    return "".join(f"{line}\n" for line in lines)
