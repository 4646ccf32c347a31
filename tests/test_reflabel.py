"""The learned reference labeller: training labels, training, loading, reading fields.

A tiny synthetic corpus (tests/data/reflabel/, written for these tests) is
enough to train a model here; the shipped model is loaded and read on
references in the citation templates' flattened form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.article.references import parse_segment, segment_journals
from checker.article.reflabel.features import reference_features
from checker.article.reflabel.model import MODEL_PATH, Labeller, labeller
from checker.article.reflabel.train import corpus_examples, main, read_rows
from checker.article.reflabel.truth import label_rows

FIXTURE = Path(__file__).parent / "data" / "reflabel"


def pieces(text: str) -> list[list[str]]:
    return [line.split() for line in text.strip().split("\n")]


def test_truth_fields_become_token_labels() -> None:
    row = {
        "authors": "berg;lund",
        "year": "2004",
        "title_words": "sediment halden river",
        "publisher": "journal nordic hydrology",
        "pages": "",
    }
    ref = pieces(
        "berg kari lund per 2004\nsediment halden river\njournal nordic hydrology\n"
        "12 3 101–118\ndoi 10\n1093/nh"
    )
    labels = label_rows(ref, row)
    assert labels == [
        *["AS", "AG", "AS", "AG", "Y"],
        *["T"] * 3,
        *["C"] * 3,
        *["V"] * 3,
        *["I"] * 3,
    ]


def test_given_names_before_the_surname_are_labelled_given_names() -> None:
    row = {"authors": "pearce", "year": "2014", "title_words": "fire hole"}
    assert label_rows(pieces("fred pearce 2014\nfire hole"), row) == ["AG", "AS", "Y", "T", "T"]
    # the splitter cut the given name onto a line of its own
    assert label_rows(pieces("michael\npearce 2014\nfire hole"), row) == [
        *["AG", "AS", "Y"],
        *["T", "T"],
    ]


def test_an_initial_cut_onto_its_own_line_is_still_a_given_name() -> None:
    row = {"authors": "wong", "year": "2016", "title_words": "computational biology"}
    ref = pieces("wong k\nc\n2016\ncomputational biology")
    assert label_rows(ref, row) == ["AS", "AG", "AG", "Y", "T", "T"]
    # a word of a line of its own is not an initial: the author list ended before it
    row = {"authors": "wong", "year": "", "title_words": "computational biology"}
    assert label_rows(pieces("wong k\nreview\ncomputational biology"), row) == [
        *["AS", "AG", "O", "T", "T"],
    ]


def test_a_token_knows_how_far_it_is_from_the_first_date() -> None:
    feats = reference_features(pieces("lee rc ambros v 1993 c elegans heterochronic gene lin-4"))
    assert [f["datedist"] for f in feats] == [
        *["-4", "-3", "-2", "-1", "+0", "+1", "+2", "+3", "+4", "+4"],
    ]
    assert all("datedist" not in f for f in reference_features(pieces("no date here")))


def test_a_row_whose_fields_are_not_there_is_not_an_example() -> None:
    row = {"authors": "nobody", "year": "2004", "title_words": "sediment"}
    assert label_rows(pieces("berg kari 2004\nsediment"), row) is None


def test_examples_match_truth_rows_to_numbered_footnotes() -> None:
    text = (FIXTURE / "halden-river.txt").read_text(encoding="utf-8")
    rows = read_rows(FIXTURE / "halden-river.references.tsv")
    examples = corpus_examples(FIXTURE, ["halden-river"])
    assert len(examples) == len(rows) == 7
    first_words = [p[0][0] for p, _ in examples]
    assert first_words == ["hansen", "berg", "halden", "hansen", "moe", "strand", "lund"]
    assert "halden river" in text  # the fixture is the input, not a copy of the output


def test_train_then_load_and_label(tmp_path: Path) -> None:
    model = tmp_path / "tiny.crfsuite"
    assert main([str(FIXTURE), "--names", str(_names(tmp_path)), "-o", str(model)]) == 0
    tagger = labeller(model)
    assert tagger is not None
    # a model fits what it was trained on
    for ref, labels in corpus_examples(FIXTURE, ["halden-river"]):
        got = tagger.label(ref)
        assert sum(a == b for a, b in zip(got.labels, labels, strict=True)) >= 0.9 * len(labels)
        assert all(0.0 <= c <= 1.0 for c in got.confidence)


def test_training_without_examples_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), "-o", str(tmp_path / "m.crfsuite")]) == 2
    assert "no labelled references" in capsys.readouterr().err


def test_a_missing_or_broken_model_labels_nothing(tmp_path: Path) -> None:
    assert labeller(tmp_path / "absent.crfsuite") is None
    broken = tmp_path / "broken.crfsuite"
    broken.write_bytes(b"not a model")
    assert labeller(broken) is None


def _names(tmp_path: Path) -> Path:
    names = tmp_path / "names.txt"
    names.write_text("halden-river\n", encoding="utf-8")
    return names


# The shipped model, on references as the flattening leaves CS1 citations.
NUMBERED = """
cresswell julia 2010
oxford dictionary word origins 2nd ed
new york oxford university press
p
47
isbn 978-0-19-954793-7
2
boly melanie seth anil k
wilke melanie 2013
consciousness humans non-human animals
frontiers psychology
4 625
doi 10
3389/fpsyg
2013
00625
3
zimmer carl 4 may 2018
very first animal appeared amid explosion dna
new york times
archived original 4 may 2018
retrieved 4 may 2018
4
cresswell 2010 p
52
"""


@pytest.fixture(scope="module")
def shipped() -> Labeller:
    tagger = labeller()
    assert tagger is not None, f"the shipped model is missing: {MODEL_PATH}"
    return tagger


def test_shipped_model_reads_a_book_a_journal_and_a_web_page(shipped: Labeller) -> None:
    lines = [(n, line.split()) for n, line in enumerate(NUMBERED.strip().split("\n"), 1)]
    book, article, web, short = (parse_segment(s) for s in segment_journals(lines))
    assert book.authors == ["Cresswell, Julia"]
    assert (book.year, book.pages, book.isbn) == ("2010", "47", "978-0-19-954793-7")
    assert book.title.startswith("oxford dictionary word origins")
    assert book.publisher == "Oxford University Press"
    assert book.place == "New York"
    assert article.authors[:3] == ["Boly, Melanie", "Seth, Anil K.", "Wilke, Melanie"]
    assert (article.year, article.journal, article.volume) == ("2013", "Frontiers Psychology", "4")
    assert article.doi == "10.3389/fpsyg.2013.00625"  # rejoined where the splitter cut it
    assert web.authors == ["Zimmer, Carl"]
    assert (web.year, web.accessed) == ("2018", "2018-05-04")
    assert web.title == "very first animal appeared amid explosion dna"
    assert (short.authors, short.year, short.pages) == (["Cresswell"], "2010", "52")
    assert not short.title
    assert all(r.parsed for r in (book, article, web, short))


def test_a_token_that_may_or_may_not_be_a_name_makes_the_reading_a_guess() -> None:
    from checker.article.reflabel.fields import read_reference
    from checker.article.reflabel.model import Labelled

    words = ["hale", "george", "1999", "rivers"]
    labels = ["AS", "AG", "Y", "T"]
    sure = Labelled(words, labels, [0.99] * 4, [0.99, 0.97, 0.01, 0.02], [0.0, 0.0, 0.99, 0.0])
    ref = read_reference(1, [words[:3], words[3:]], sure)
    assert ref.parsed and ref.authors == ["Hale, George"] and ref.year == "1999"
    unsure = sure._replace(author=[0.99, 0.5, 0.01, 0.02])
    assert not read_reference(1, [words[:3], words[3:]], unsure).parsed


def test_a_name_read_as_given_names_only_still_has_a_surname() -> None:
    from checker.article.reflabel.fields import read_reference
    from checker.article.reflabel.model import Labelled

    def authors(text: str, labels: list[str]) -> list[str]:
        words = text.split()
        sure = [0.99] * len(words)
        labelled = Labelled(words, labels, sure, sure, [0.0] * len(words))
        return read_reference(1, [words], labelled).authors

    # initials after the name: the surname came first ("Samuel J (2009)")
    assert authors("samuel j 2009 materials", ["AG", "AG", "Y", "T"]) == ["Samuel, J."]
    # no initials: the given name came first
    assert authors("fred pearce 2014 fire", ["AG", "AG", "Y", "T"]) == ["Pearce, Fred"]
    assert authors("hale george 1999 rivers", ["AS", "AG", "Y", "T"]) == ["Hale, George"]
