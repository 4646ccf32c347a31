"""The defensive .bib reader: bad input becomes findings, the rest is still read."""

from __future__ import annotations

import os
from pathlib import Path

from test_refs_support import book

from checker.refs.bibfile import load_bibliography

DATA = Path(__file__).parent / "data" / "refs"


def _write(tmp_path: Path, text: str | bytes, name: str = "refs.bib") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_reads_entries_fields_persons_and_lines():
    bib = load_bibliography(DATA / "seed-style.bib")
    assert bib.problems == []
    first = bib.entries[0]
    assert (first.key, first.type, first.line) == ("deutscher1954", "book", 4)
    assert first.path == (DATA / "seed-style.bib").as_posix()
    assert first.fields["publisher"] == "Oxford University Press"
    assert first.get("title") == "The Prophet Armed: Trotsky, 1879–1921"
    assert [n.surname for n in first.authors] == ["Deutscher"]
    volkogonov = next(e for e in bib.entries if e.key == "volkogonov1994")
    assert [n.surname for n in volkogonov.editors] == ["Shukman"]
    assert [e.key for e in bib.entries][-2:] == ["ref57", "ref41"]


def test_duplicate_key_is_a_finding_and_later_entries_survive(tmp_path):
    text = book("a") + book("b") + book("A", title="Again") + book("c") + book("d")
    bib = load_bibliography(_write(tmp_path, text))
    assert [e.key for e in bib.entries] == ["a", "b", "A", "c", "d"]
    (problem,) = bib.problems
    assert problem.rule == "duplicate-key"
    assert problem.line == 15 and problem.data["key"] == "A"
    assert "line 1" in problem.message


def test_syntax_error_names_file_and_line_and_the_rest_is_read(tmp_path):
    text = (
        book("before")
        + "@book{broken, title = {Unclosed, year = {1990}\n"
        + "@book{nocomma title = {x}}\n"
        + "@book{badfield, title = {a} year = {2}}\n"
        + book("after")
    )
    path = _write(tmp_path, text)
    bib = load_bibliography(path)
    assert [e.key for e in bib.entries] == ["before", "after"]
    lines = sorted((p.line, p.rule) for p in bib.problems)
    assert lines == [(8, "bib-syntax-error"), (9, "bib-syntax-error"), (10, "bib-syntax-error")]
    assert all(p.path == path.as_posix() for p in bib.problems)
    assert "broken" in bib.broken_keys


def test_unclosed_last_entry_and_stray_at(tmp_path):
    bib = load_bibliography(_write(tmp_path, "@ not an entry\n" + book("ok") + "@book{x, title={"))
    assert [e.key for e in bib.entries] == ["ok"]
    assert [p.line for p in bib.problems] == [1, 9]


def test_unknown_entry_type_is_kept_and_reported(tmp_path):
    bib = load_bibliography(_write(tmp_path, book("w", type="webcite") + book("ok")))
    assert [e.key for e in bib.entries] == ["w", "ok"]
    assert [(p.rule, p.line) for p in bib.problems] == [("unknown-entry-type", 1)]


def test_non_utf8_bytes_are_replaced_and_reported(tmp_path):
    data = book("ok").encode() + book("latin", title="Caf\u00e9 Society").encode("latin-1")
    bib = load_bibliography(_write(tmp_path, data))
    assert [e.key for e in bib.entries] == ["ok", "latin"]
    assert bib.entries[1].get("title") == "Caf\ufffd Society"
    (problem,) = bib.problems
    assert problem.rule == "bib-encoding" and problem.line == 10


def test_empty_file(tmp_path):
    bib = load_bibliography(_write(tmp_path, ""))
    assert bib.entries == []
    assert [p.rule for p in bib.problems] == ["bib-empty"]


def test_missing_file_is_a_finding(tmp_path):
    bib = load_bibliography(tmp_path / "missing.bib")
    assert [p.rule for p in bib.problems] == ["bib-unreadable"]


def test_macros_parentheses_comments_and_latex(tmp_path):
    text = (
        "@comment{ignored @book{not, title={x}} }\n"
        '@string{rl = "Routledge"}\n'
        '@preamble{ "\\newcommand{\\noop}[1]{}" }\n'
        '@book(paren, author = "van Heijenoort, Jean", title = "Trotsky in Exile (1929)",\n'
        "  publisher = rl, year = 1978, note = {Fish \\& Chips})\n"
    )
    bib = load_bibliography(_write(tmp_path, text))
    assert bib.problems == []
    (entry,) = bib.entries
    assert entry.key == "paren" and entry.line == 4
    assert entry.get("publisher") == "Routledge"
    assert entry.get("title") == "Trotsky in Exile (1929)"
    assert entry.get("note") == "Fish & Chips"
    assert entry.authors[0].surname == "van Heijenoort"


def test_parsed_once_and_reread_after_a_change(tmp_path):
    path = _write(tmp_path, book("a"))
    first = load_bibliography(path)
    assert load_bibliography(path) is first
    path.write_text(book("a") + book("b"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    assert [e.key for e in load_bibliography(path).entries] == ["a", "b"]


def test_ten_thousand_entries(tmp_path):
    text = "".join(
        book(f"k{i}", title=f"Title {i}", year=str(1900 + i % 100)) for i in range(10_000)
    )
    bib = load_bibliography(_write(tmp_path, text))
    assert len(bib.entries) == 10_000 and bib.problems == []
    assert bib.entries[-1].line == 9_999 * 7 + 1  # book() writes 7 lines


def test_error_inside_a_multiline_entry_names_its_own_line(tmp_path):
    text = "@book{k,\n  title = {ok},\n  year = 19 54,\n}\n"
    (problem,) = load_bibliography(_write(tmp_path, text)).problems
    assert (problem.rule, problem.line) == ("bib-syntax-error", 3)


def test_pybtex_exceptions_become_findings(tmp_path):
    text = book("ok") + "@book{commas, author = {a, b, c, d}, title = {t}}\n"
    bib = load_bibliography(_write(tmp_path, text))
    assert [e.key for e in bib.entries] == ["ok"]
    (problem,) = bib.problems
    assert problem.rule == "bib-syntax-error" and "commas" in problem.message
    assert problem.line == 8
