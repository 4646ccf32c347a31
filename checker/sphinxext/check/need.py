"""Glue: the citation-need model (:mod:`checker.need`) as the ``likely-needs-citation`` provider.

Off unless ``citecheck_need = True`` (``citecheck report --need``). After the
merge it reads every document's doctree, turns each prose paragraph into a
string where citations, footnote references and inline tags are one mark
(:func:`paragraph_text`), splits it into sentences and scores those without a
mark with the shipped model. Sentences scoring at least
``citecheck_need_threshold`` (default: the model's own, chosen on dev for
precision) become ``info`` findings carrying their score.

Not scored: the appendix sections (See also, Notes, References ... -- the
converter's data table), tables, admonitions and banners, footnotes and
citations, block quotations, literal blocks, the report page, and paragraphs
whose classes say they are furniture (hatnotes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ConfigError

from ...article.furniture import APPENDIX_SECTIONS
from ...findings import Category, Finding, Severity
from ...need import RULE
from ...need.sentences import MARK, is_prose, split_sentences
from .. import nodes as cc
from ..locate import report_path, section_title

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ...need.model import NeedModel

MESSAGE = "no source, and it reads like a claim that needs one (score {score:.2f})"

#: paragraphs inside these are not running prose
SKIP_INSIDE = (
    nodes.table,
    nodes.Admonition,
    nodes.footnote,
    nodes.citation,
    nodes.block_quote,
    nodes.literal_block,
    nodes.topic,
    nodes.sidebar,
    nodes.field_list,
    nodes.comment,
    cc.citecheck_note,
    cc.citation_report,
)
#: classes of paragraphs that are page furniture, not prose
SKIP_CLASSES = frozenset({"hatnote", "infobox", "rubric"})
#: inline nodes that count as a source or a tag on their sentence
SOURCE_DOMAINS = frozenset({"cite", "footcite"})

#: name, default, rebuild, types, description
CONFIG_VALUES: tuple[tuple[str, Any, Literal["", "env", "html"], frozenset[type], str], ...] = (
    ("citecheck_need", False, "env", frozenset({bool}), "score unsourced sentences (info)"),
    (
        "citecheck_need_threshold",
        None,
        "env",
        frozenset({float, int, type(None)}),
        "lowest score reported by likely-needs-citation; None = the model's, chosen on dev",
    ),
    (
        "citecheck_need_mark",
        False,
        "html",
        frozenset({bool}),
        "HTML: underline likely unsourced sentences faintly, the score on hover",
    ),
)


def register(app: Sphinx) -> None:
    for name, default, rebuild, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types, description=description)
    app.connect("config-inited", _validate)


def rule_ids() -> tuple[str, ...]:
    return (RULE,)


def _validate(app: Sphinx, config: Config) -> None:
    value = config.citecheck_need_threshold
    if value is not None and (isinstance(value, bool) or not 0.0 <= float(value) <= 1.0):
        raise ConfigError(f"citecheck_need_threshold must be between 0 and 1, not {value!r}")


def threshold_of(config: Config, model: NeedModel) -> float:
    value = config.citecheck_need_threshold
    return model.threshold if value is None else float(value)


def anchor_of(finding: Finding) -> str:
    """The id of a sentence's HTML mark (the report page links to it)."""
    return f"need-{finding.id}"


def is_source(node: nodes.Node) -> bool:
    """A citation, footnote reference or inline tag: its sentence is not unsourced."""
    if isinstance(node, nodes.footnote_reference | nodes.citation_reference):
        return True
    if isinstance(node, cc.citecheck_claim | cc.citecheck_sup):
        return True
    if isinstance(node, addnodes.pending_xref):
        return node.get("refdomain") in SOURCE_DOMAINS
    # once resolved (doctree-resolved), sphinxcontrib-bibtex's citations are references
    return isinstance(node, nodes.reference) and any("cite" in c for c in node["classes"])


def paragraph_text(paragraph: nodes.Element) -> tuple[str, list[tuple[nodes.Text, int]]]:
    """The paragraph's text with a mark for each source or tag, and where each Text starts."""
    parts: list[str] = []
    texts: list[tuple[nodes.Text, int]] = []
    length = 0

    def walk(node: nodes.Element) -> None:
        nonlocal length
        for child in node.children:
            if isinstance(child, nodes.Text):
                texts.append((child, length))
                parts.append(child.astext())
                length += len(child.astext())
            elif is_source(child):
                # a tagged claim's words stay in the sentence; the mark keeps it out
                if isinstance(child, cc.citecheck_claim):
                    walk(child)
                parts.append(MARK)
                length += 1
            elif isinstance(child, nodes.Element) and not isinstance(
                child, nodes.footnote_reference | nodes.problematic
            ):
                walk(child)

    walk(paragraph)
    return "".join(parts), texts


@dataclass(frozen=True, slots=True)
class Place:
    section: str  #: the path the model reads, ``History > Origins``
    title: str | None  #: the innermost section title, for the finding
    lead: bool


def place_of(paragraph: nodes.Element, is_root: bool) -> Place | None:
    """Where a paragraph sits; None when it is not prose (appendix, table, banner ...)."""
    titles: list[str] = []
    parent = paragraph.parent
    while parent is not None:
        if isinstance(parent, SKIP_INSIDE):
            return None
        if isinstance(parent, nodes.section):
            titles.append(section_title(parent) or "")
        parent = parent.parent
    titles.reverse()
    if any(t.strip().lower() in APPENDIX_SECTIONS for t in titles):
        return None
    if SKIP_CLASSES.intersection(paragraph.get("classes", ())):
        return None
    # the root document's title is the article's: its own paragraphs are the lead
    path = titles[1:] if is_root else titles
    return Place(" > ".join(path), titles[-1] if titles else None, is_root and len(titles) <= 1)


def prose_paragraphs(
    doctree: nodes.document, is_root: bool
) -> Iterator[tuple[nodes.paragraph, Place]]:
    if any(True for _ in doctree.findall(cc.citation_report)):
        return
    for paragraph in doctree.findall(nodes.paragraph):
        place = place_of(paragraph, is_root)
        if place is not None:
            yield paragraph, place


def _line_of(paragraph: nodes.Element, text: str, cursor: list[int]) -> int | None:
    """The source line where ``text`` starts: the paragraph's line plus newlines before it."""
    if paragraph.line is None:
        return None
    raw = paragraph.rawsource or ""
    head = " ".join(text.split()[:2])
    pos = raw.find(head, cursor[0]) if head else -1
    if pos < 0:
        return paragraph.line
    cursor[0] = pos + len(head)
    return paragraph.line + raw.count("\n", 0, pos)


def need_findings(app: Sphinx) -> list[Finding]:
    """The provider: nothing unless ``citecheck_need`` is on."""
    if not app.config.citecheck_need:
        return []
    from ...need.model import shipped_model

    model = shipped_model()
    threshold = threshold_of(app.config, model)
    env = app.env
    root = app.config.root_doc
    found: list[Finding] = []
    for doc in sorted(env.found_docs):
        path = report_path(env, doc)
        for paragraph, place in prose_paragraphs(env.get_doctree(doc), doc == root):
            text, _ = paragraph_text(paragraph)
            cursor = [0]
            for sentence in split_sentences(text):
                if sentence.sourced or not is_prose(sentence):
                    continue
                score = model.score(sentence.text, place.section, place.lead)
                line = _line_of(paragraph, sentence.text, cursor)
                if score < threshold:
                    continue
                found.append(
                    Finding(
                        rule=RULE,
                        category=Category.FLAG,
                        severity=Severity.INFO,
                        path=path,
                        line=line,
                        message=MESSAGE.format(score=score),
                        text=sentence.text,
                        doc=doc,
                        section=place.title,
                        data={"score": round(score, 4)},
                    )
                )
    return found
