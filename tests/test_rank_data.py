"""The data set as contract claims, the metrics, and the text helpers the ranker compares with."""

from __future__ import annotations

from pathlib import Path

from rank_support import articles, data_folder

from checker.rank import dataset
from checker.rank.claims import Source
from checker.rank.evaluate import recall, reciprocal_rank, score
from checker.rank.text import surname, terms, years


def test_examples_hide_ids_and_order_and_keep_only_contract_fields() -> None:
    article = articles()[0]
    examples = dataset.article_examples(article)
    assert len(examples) == len(article["sentences"])
    claim = examples[0].claim
    original = {s["id"] for s in article["sources"]}
    shown = [s.id for s in claim.sources]
    assert not original & set(shown)  # anchors name author and year: never shown
    assert len(set(shown)) == len(original)
    # cited ids are the opaque ones, and the first sentence cites the granite book
    [cited] = examples[0].cited
    book = next(s for s in claim.sources if s.id == cited)
    assert book.title == "Granite Towers of the North Coast"
    assert book.authors == ("Hansen, Ole",) and book.year == 1970


def test_context_is_the_other_cited_sentences_of_the_same_section() -> None:
    examples = dataset.article_examples(articles()[1])  # lead (3 sentences), Reproduction (2)
    lead, other = examples[0].claim, examples[3].claim
    assert [c.text for c in lead.context] == [
        "The cushion shape keeps the plant several degrees warmer than the air.",
        "Bumblebees visit its pink flowers in July.",
    ]
    assert lead.lead and lead.paragraph.startswith("Moss campion grows")
    assert [c.para for c in other.context] == [1]
    assert len(other.context[0].cites) == 2


def test_levels_give_less_and_flat_gives_the_flattened_form() -> None:
    article = articles()[0]
    alone = dataset.article_examples(article, level="claim")[0].claim
    assert alone.paragraph == "" and alone.context == () and alone.section == ""
    para = dataset.article_examples(article, level="paragraph")[0].claim
    assert para.paragraph and para.context == ()
    flat = dataset.article_examples(article, flat=True)[0].claim
    assert flat.claim == "the lighthouse at vellmar was built in 1868 from local granite."
    assert flat.paragraph.startswith("lighthouse vellmar built 1868 local granite")
    assert dataset.flatten("The Origin of Zero: a history") == "origin zero history"


def test_contract_json_round_trips(tmp_path: Path) -> None:
    from checker.rank.claims import claim_from_json

    examples = dataset.examples(data_folder(tmp_path) / "dev.jsonl.gz")
    assert len(examples) == 16
    for example in examples:
        assert claim_from_json(dataset.claim_to_json(example.claim)) == example.claim


def test_recall_and_reciprocal_rank_follow_the_issue() -> None:
    cited = frozenset({"a", "b"})
    assert recall(["a", "x", "b"], cited, 1) == 1.0
    assert recall(["x", "a", "y", "b"], cited, 3) == 0.5  # one of min(3, 2) in the first 3
    assert recall(["x", "y", "z", "a"], cited, 3) == 0.0
    assert reciprocal_rank(["x", "y", "b"], cited) == 1 / 3
    assert reciprocal_rank(["x"], cited) == 0.0


def test_score_averages_over_claims(tmp_path: Path) -> None:
    examples = dataset.examples(data_folder(tmp_path) / "dev.jsonl.gz")[:4]
    perfect = score(lambda c: sorted(s.id for s in c.sources), examples)
    assert perfect.claims == 4 and 0.0 <= perfect.recall1 <= 1.0

    def oracle(claim: object) -> list[str]:
        example = next(e for e in examples if e.claim is claim)
        return sorted(example.cited) + [s.id for s in example.claim.sources]

    best = score(oracle, examples)
    assert (best.recall1, best.recall3, best.mrr) == (1.0, 1.0, 1.0)


def test_text_helpers_read_written_and_flattened_text() -> None:
    assert terms("The Revolutions of the Studies, in 1905") == ("revolution", "study", "1905")
    assert years("born 1879, exiled 1928–29") == {1879, 1928, 1929}
    assert surname("Matson, John") == "Matson"
    assert surname("John Matson") == "Matson"
    assert surname("matson john") == "matson"
    assert Source("x").text == ""
