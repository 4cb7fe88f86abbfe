"""Compare on the bundled seeds, and `reader compare` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SEEDS

from reader.cli.main import main
from reader.corpus import Corpus

pytest.importorskip("reader.highlight.find", reason="needs the highlighter (issue 3)")

from reader.analysis import compare_articles

TOPICS_OF_THE_DEAL = {"investment", "stake", "deal", "bet"}


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {article.id[:3]: article for article in Corpus.load([SEEDS]).articles}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_stake_is_shared_however_it_is_written(seeds) -> None:
    comparison = compare_articles(seeds["002"], seeds["003"])
    stake = [f for f in comparison.facts.both if f.kind == "percent" and f.value == 49.0]
    assert len(stake) == 1
    assert "49%" in stake[0].left_texts and "49 percent" in stake[0].right_texts
    assert not [f for f in comparison.facts.left_only if f.kind == "percent" and f.value == 49.0]


@pytest.mark.parametrize("other", ["000", "002", "004"])
def test_the_investment_amount_is_a_disagreement_with_003(seeds, other: str) -> None:
    comparison = compare_articles(seeds[other], seeds["003"])
    money = [d for d in comparison.disagreements if d.kind == "money"]
    assert money, comparison.disagreements
    (disagreement,) = [d for d in money if {m.value["amount"] for m in d.right} == {14_300_000_000}]
    assert {m.value["amount"] for m in disagreement.left} == {14_000_000_000}
    assert disagreement.topic in TOPICS_OF_THE_DEAL


def test_sources_that_agree_on_the_amount_have_no_money_disagreement(seeds) -> None:
    comparison = compare_articles(seeds["000"], seeds["002"])
    assert not [d for d in comparison.disagreements if d.kind == "money"]
    shared = [f for f in comparison.facts.both if f.kind == "money"]
    assert any(f.value["amount"] == 14_000_000_000 for f in shared)


def test_names_are_compared_by_canonical_name(seeds) -> None:
    comparison = compare_articles(seeds["002"], seeds["004"])
    both = {f.value for f in comparison.facts.both if f.cls == "name"}
    assert {"Alexandr Wang", "Scale AI", "Meta"} <= both


def test_cli_json(capsys) -> None:
    code, out, err = run(capsys, "compare", "002", "003", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["left"]["id"].startswith("002") and data["right"]["id"].startswith("003")
    assert data["left"]["title"].startswith("Meta to invest $14 billion")
    assert all(set(pair) == {"left", "right", "score"} for pair in data["pairs"])
    lefts = [p["left"] for p in data["pairs"] if p["left"] is not None]
    assert lefts == sorted(lefts) and len(lefts) == len(set(lefts))
    for group in ("both", "left_only", "right_only"):
        for fact in data["facts"][group]:
            assert {"class", "kind", "text", "value"} <= set(fact)
    assert any(f["text"] == "49%" for f in data["facts"]["both"])
    money = [d for d in data["disagreements"] if d["kind"] == "money"]
    assert money and money[0]["right"][0]["value"] == {"amount": 14300000000, "currency": "USD"}


def test_cli_print_side_by_side_at_width_100(capsys) -> None:
    code, out, err = run(capsys, "compare", "002", "003", "--print", "--width", "100")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "\x1b" not in out  # not a terminal: plain text
    # Both titles side by side on the first line, split by the divider.
    left, right = lines[0].split(" │ ")
    assert left.startswith("Meta to invest $14 billion") and right.startswith("Meta Invests")
    assert "Disagreements (" in out and "$14.3 billion" in out
    assert "49% = 49 percent" in out


def test_cli_print_narrow_width_stacks_and_cuts_nothing(capsys) -> None:
    code, out, _ = run(capsys, "compare", "001", "002", "--print", "--width", "40")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 40
    squeezed = " ".join(out.split())
    assert "That's one expensive bet." in squeezed


def test_cli_same_article_twice_is_a_usage_error(capsys) -> None:
    code, out, err = run(capsys, "compare", "002", "002_be305ebc2eef9ae7", "--json")
    assert code == 2 and out == "" and "same article" in err


def test_cli_unknown_article_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "compare", "002", "nope", "--json")
    assert code == 2 and "no article matches" in err


def test_cli_json_and_print_do_not_import_textual() -> None:
    code = (
        "import io, sys, contextlib\n"
        "from reader.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['compare', '002', '003', '--json']) == 0\n"
        "    assert main(['compare', '002', '003', '--print', '--width', '90']) == 0\n"
        "assert not [m for m in sys.modules if m.startswith('textual')], 'textual imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
