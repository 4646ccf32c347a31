"""The contents list rules, each on a small list written for it.

Every article here is synthetic: a contents list flattened the way the
format flattens one (a line break at every dot, so at every dotted number;
the numbers 1, 8 and 11 dropped), then a body where each heading opens the
first line of its section.
"""

from __future__ import annotations

from checker.article.contents import find_contents
from checker.article.convert import convert_text


def body(*headings: str) -> str:
    """One section per heading, its first sentence glued to it."""
    return "\n".join(f"{h} text about {h.split()[-1]} goes here\nmore words" for h in headings)


def placed_line(text: str, heading: str) -> int:
    """The input line where the converter placed ``heading`` in the body."""
    body = convert_text(text, "Article").analysis.body
    placed = {" ".join(h.spec.words): h for h in body.headings}
    return body.tokens[placed[heading].start].line


def entries(text: str) -> list[tuple[str, str]]:
    lines = [line.split() for line in text.split("\n")]
    found = find_contents(lines)
    assert found is not None
    return [(h.number, " ".join(h.words)) for h in found.headings]


def test_contents_levels_from_flattened_numbers() -> None:
    text = (
        "contents early life 1900–1920 2 career 2\n"  # "1.1" lost its line; 1 dropped
        "navy service 2\n"
        "harvard mark 2\n"
        "2 later work 3 legacy 4 see also 5 notes 6 references 7 external links "
        "early life 1900–1920 x"
    )
    assert entries(text) == [
        ("1", "early life 1900–1920"),
        ("2", "career"),
        ("2.1", "navy service"),
        ("2.1.1", "harvard mark"),
        ("2.2", "later work"),
        ("3", "legacy"),
        ("4", "see also"),
        ("5", "notes"),
        ("6", "references"),
        ("7", "external links"),
    ]


def test_contents_without_body_is_none() -> None:
    lines = [line.split() for line in ["contents history 2 legacy", "nothing else"]]
    assert find_contents(lines) is None


def test_label_after_a_sidebar_on_the_same_line() -> None:
    text = (
        "lead sentence about widgets\n"
        "part series widgets gadgets sprockets vte contents history 2 uses 3 see also "
        + body("history", "uses", "see also")
    )
    assert entries(text) == [("1", "history"), ("2", "uses"), ("3", "see also")]
    conv = convert_text(text, "Widget")
    # the sidebar's words before the label stay in the lead, none in a heading
    assert "vte" not in conv.files["history.rst"]
    assert [h.spec.number for h in conv.analysis.body.headings] == ["1", "2", "3"]


def test_label_in_a_banner_is_not_the_list() -> None:
    text = (
        "please review contents article add references\n"
        "lead sentence\n"
        "contents history 2 uses 3 see also " + body("history", "uses", "see also")
    )
    assert entries(text) == [("1", "history"), ("2", "uses"), ("3", "see also")]


def test_first_heading_recurring_inside_the_list() -> None:
    # "definition" recurs in "kolmogorov definition" before the body starts
    text = (
        "contents definition\n"
        "kolmogorov definition\n"
        "2 measure definition 2 example 3 see also "
        + body("definition", "kolmogorov definition", "measure definition", "example", "see also")
    )
    assert entries(text) == [
        ("1", "definition"),
        ("1.1", "kolmogorov definition"),
        ("1.2", "measure definition"),
        ("2", "example"),
        ("3", "see also"),
    ]


def test_number_inside_a_heading_is_text() -> None:
    text = "contents intro 2 steps 2\nstep initiation 2\n2 step 2 elongation 3 see also " + body(
        "intro", "steps", "step initiation", "step 2 elongation", "see also"
    )
    assert entries(text)[3:] == [("2.2", "step 2 elongation"), ("3", "see also")]


def test_entry_cut_at_a_dot_continues_on_the_next_line() -> None:
    # "Lists vs. arrays": the line does not end with its prefix "2"
    text = (
        "contents intro 2 tradeoffs 2\n"
        "lists vs\n"
        "arrays 2\n"
        "2 other 3 see also intro text\n"
        "tradeoffs text\n"
        "lists vs\n"
        "arrays text\n"
        "other text\n"
        "see also text"
    )
    assert entries(text) == [
        ("1", "intro"),
        ("2", "tradeoffs"),
        ("2.1", "lists vs arrays"),
        ("2.2", "other"),
        ("3", "see also"),
    ]


def test_heading_of_a_dropped_number_is_cut_off_the_entry_before() -> None:
    names = ["a1", "b2", "c3", "d4", "e5", "f6"]
    text = (
        "contents a1 2 b2 3 c3 4 d4 5 e5 6 f6 7 storage cooking nutrition facts "
        "9 references 10 further reading external links "
        + body(*names, "storage cooking", "nutrition facts", "references", "further reading")
        + "\nexternal links text"
    )
    assert entries(text)[6:] == [
        ("7", "storage cooking"),
        ("8", "nutrition facts"),  # 8 dropped: glued, cut where the body's headings are
        ("9", "references"),
        ("10", "further reading"),
        ("11", "external links"),  # 11 dropped at the end of the list
    ]


def test_dropped_prefix_before_a_subsection_cuts_the_glued_heading() -> None:
    # "7.2 compounds", "8 effects", "8.1 toxicity": the line break after "effects"
    # lost its prefix "8", so "effects" is glued to "compounds"
    names = ["a1", "b2", "c3", "d4", "e5", "f6", "uses"]
    text = (
        "contents a1 2 b2 3 c3 4 d4 5 e5 6 f6 7 uses 7\n"
        "elemental 7\n"
        "2 compounds biological effects\n"
        "toxicity\n"
        "2 treatment 9 see also "
        + body(*names, "elemental", "compounds", "biological effects", "toxicity", "treatment")
        + "\nsee also text"
    )
    assert entries(text)[7:] == [
        ("7.1", "elemental"),
        ("7.2", "compounds"),
        ("8", "biological effects"),
        ("8.1", "toxicity"),
        ("8.2", "treatment"),
        ("9", "see also"),
    ]


def test_icon_marks_after_entries_are_dropped() -> None:
    text = "contents overview o 2 matrices # 2\nexamples # 3 see also " + body(
        "overview", "matrices", "examples", "see also"
    )
    assert [w for _, w in entries(text)] == ["overview", "matrices", "examples", "see also"]


def test_notes_and_references_is_one_heading_when_the_numbers_say_so() -> None:
    text = "contents history 2 notes references 3 external links " + body(
        "history", "notes references", "external links"
    )
    assert entries(text) == [("1", "history"), ("2", "notes references"), ("3", "external links")]


def test_prefix_components_alone_on_their_lines_give_the_depth() -> None:
    # 2.2.1 "viral" flattens to "2" / "2" / "viral" (its 1 dropped); 2.2.1.1 "hiv"
    # to "2" / "2" / "hiv" as well (the middle 1 dropped too), but a level-3
    # sibling of "viral" would read "2 hiv": only level 4 fits
    text = (
        "contents history 2 therapy 2\n"
        "vaccines 2\n"
        "2 drugs 2\n"
        "2\n"
        "viral 2\n"
        "2\n"
        "hiv 3 see also "
        + body("history", "therapy", "vaccines", "drugs", "viral", "hiv", "see also")
    )
    assert entries(text) == [
        ("1", "history"),
        ("2", "therapy"),
        ("2.1", "vaccines"),
        ("2.2", "drugs"),
        ("2.2.1", "viral"),
        ("2.2.1.1", "hiv"),
        ("3", "see also"),
    ]
    # Wikipedia's list shows three levels: the fourth is a rubric in its section
    page = convert_text(text, "Therapy").files["therapy.rst"]
    assert ".. rubric:: Hiv" in page and "Viral\n~~~~~" in page


def test_a_heading_is_not_placed_at_a_sentence_end_before_its_sibling() -> None:
    # "... usual formula quotient rule" / "derivatives ...": an empty section only
    # ever precedes its own first subsection, so "quotient rule" here is prose
    text = (
        "contents rules 2\n"
        "product rule 2\n"
        "2 quotient rule 2\n"
        "3 derivatives 2 see also "
        "rules text about rules\n"
        "product rule text\n"
        "formula x quotient rule see also quotient rule applies here\n"
        "applying it gives usual formula quotient rule\n"
        "derivatives inverse functions text\n"
        "see also text"
    )
    assert placed_line(text, "quotient rule") == 6


def test_short_article_without_a_list_keeps_its_appendix_headings() -> None:
    text = (
        "widget small gadget\n"
        "widgets see also use in many homes\n"  # "see also" inside a sentence
        "see also gadget sprocket\n"
        "references smith john 1990 widgets oxford university press\n"
        "external links widget society"
    )
    conv = convert_text(text, "Widget")
    assert [" ".join(h.spec.words) for h in conv.analysis.body.headings] == [
        "see also",
        "references",
        "external links",
    ]
    assert "widgets see also use in many homes" in conv.files["index.rst"].lower()
    assert any("only the standard appendix headings" in u for u in conv.analysis.log.unsure)


def test_a_heading_whose_sentence_names_it_again_is_preferred() -> None:
    # "selection" opens two lines; the one whose sentence names its subject
    # again ("selection natural selection includes ...") is the heading
    text = (
        "contents history 2 selection 3 see also history text here\n"
        "selection overcome drift in small groups\n"
        "more history here\n"
        "selection natural selection includes sexual selection\n"
        "see also text"
    )
    assert placed_line(text, "selection") == 4
