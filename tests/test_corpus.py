"""Corpus loading: seeds metadata, front matter, sidecars, text heuristics, bad files."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from conftest import write

from reader.corpus import ArticleNotFound, Corpus, find_article, sort_articles


def by_prefix(corpus: Corpus, prefix: str):
    (article,) = [a for a in corpus.articles if a.id.startswith(prefix)]
    return article


@pytest.fixture(scope="module")
def seed_corpus() -> Corpus:
    from conftest import SEEDS

    return Corpus.load([SEEDS])


def test_seeds_all_load_without_problems(seed_corpus: Corpus) -> None:
    assert len(seed_corpus.articles) == 5
    assert seed_corpus.problems == []


def test_seed_000_title_and_date_from_text(seed_corpus: Corpus) -> None:
    article = by_prefix(seed_corpus, "000_")
    assert article.title == "Meta’s $14B AI Push: Zuckerberg’s Bold Move"
    assert article.published == datetime(2025, 6, 11)
    # "7 min read", "0 views" and the date line are metadata, not body.
    head = article.body[:200]
    assert "min read" not in head and "0 views" not in head and "Jun 11, 2025" not in head
    assert article.body.startswith("Meta's betting big on AI")


def test_seed_002_byline_gives_author_and_date(seed_corpus: Corpus) -> None:
    article = by_prefix(seed_corpus, "002_")
    assert article.published == datetime(2025, 6, 11)
    assert article.author == "News Desk"
    assert "News Desk" not in article.body
    # The standfirst under the title is body text, not metadata.
    assert article.body.startswith("Meta will acquire a 49% non-controlling stake")


def test_seed_003_front_matter(seed_corpus: Corpus) -> None:
    article = by_prefix(seed_corpus, "003_")
    assert article.title == "Meta Invests $14.3B in AI: Acquires Stake in Scale AI"
    assert article.published == datetime(2025, 6, 13, 6, 19, 39)
    assert article.tags == ["ai", "meta", "scale-ai", "artificial-intelligence", "alexandr-wang"]
    assert article.extra["keywords"][:2] == ["Meta", "AI"]
    assert article.source == "The Verge"
    assert article.url == "https://www.theverge.com/meta/685711/meta-scale-ai-ceo-alexandr-wang"
    assert not article.body.startswith("---")
    assert "toc_sticky" not in article.body
    assert "Source: [The Verge]" not in article.body
    # Front matter named the title, so the first heading stays in the body.
    assert article.body.startswith("## Meta's Bold Move")


@pytest.mark.parametrize("prefix", ["001_", "004_"])
def test_undated_seeds_stay_undated(seed_corpus: Corpus, prefix: str) -> None:
    article = by_prefix(seed_corpus, prefix)
    assert article.published is None


def test_seed_004_markdown_title(seed_corpus: Corpus) -> None:
    article = by_prefix(seed_corpus, "004_")
    assert article.title.startswith("Meta’s $14 Billion AI Bet")
    assert not article.title.startswith("#")


def test_words_and_reading_time(seed_corpus: Corpus) -> None:
    article = by_prefix(seed_corpus, "001_")
    assert 350 < article.words < 450
    assert article.reading_minutes == 2


def test_sort_newest_first_undated_last(seed_corpus: Corpus) -> None:
    ordered = sort_articles(seed_corpus.articles, "date")
    dates = [a.published for a in ordered]
    assert dates[0] == datetime(2025, 6, 13, 6, 19, 39)
    assert dates[-2:] == [None, None]
    assert [a.title for a in sort_articles(seed_corpus.articles, "title")] == sorted(
        (a.title for a in seed_corpus.articles), key=str.casefold
    )
    words = [a.words for a in sort_articles(seed_corpus.articles, "words")]
    assert words == sorted(words, reverse=True)


def test_ids_are_relative_paths_and_section_is_subfolder(tmp_path: Path) -> None:
    write(tmp_path, "world/europe/a.md", "A title\n\nBody text here.")
    write(tmp_path, "b.txt", "B title\nBody.")
    write(tmp_path, "notes.pdf", "not an article")
    corpus = Corpus.load([tmp_path])
    ids = {a.id: a for a in corpus.articles}
    assert set(ids) == {"world/europe/a", "b"}
    assert ids["world/europe/a"].section == "world/europe"
    assert ids["b"].section is None
    # Loading again gives the same ids: they are stable.
    assert {a.id for a in Corpus.load([tmp_path]).articles} == set(ids)


def test_sidecar_overrides_front_matter_which_overrides_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        "story.md",
        "---\ntitle: Front title\nsource: Front Source\nauthor: Front Author\ncustom: 7\n---\n"
        "Body first line\n\nMore body.",
    )
    write(tmp_path, "plain.txt", "Text Title\nBy Jane Doe\n\nBody.")
    write(
        tmp_path,
        "reader.yaml",
        "story.md:\n  source: Sidecar Source\n  tags: [one, two]\n"
        "plain.txt:\n  published: 2024-03-05\n  url: https://news.example.org/x\n",
    )
    corpus = Corpus.load([tmp_path])
    assert corpus.problems == []
    story = find_article(corpus.articles, "story")
    assert story.title == "Front title"
    assert story.source == "Sidecar Source"
    assert story.author == "Front Author"
    assert story.tags == ["one", "two"]
    assert story.extra == {"custom": 7}
    assert story.body.startswith("Body first line")
    plain = find_article(corpus.articles, "plain")
    assert plain.title == "Text Title"
    assert plain.author == "Jane Doe"
    assert plain.published == datetime(2024, 3, 5)
    assert plain.url == "https://news.example.org/x"
    assert plain.source == "news.example.org"
    assert plain.body == "Body."


def test_implausible_and_missing_dates_are_not_invented(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: A\ndate: 99999-01-01\n---\nBody")
    write(tmp_path, "b.md", "---\ntitle: B\ndate: not a date\n---\nBody")
    write(tmp_path, "c.txt", "C\nBody with no date at all.")
    corpus = Corpus.load([tmp_path])
    assert [a.published for a in corpus.articles] == [None, None, None]


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("Jun 11, 2025", None, datetime(2025, 6, 11)),
        ("11 June 2025", None, datetime(2025, 6, 11)),
        ("2024-02-29", None, datetime(2024, 2, 29)),
        ("Published: March 3, 2024", None, datetime(2024, 3, 3)),
        ("By Ana Lima | March 3, 2024", "Ana Lima", datetime(2024, 3, 3)),
        ("Staff Reporter Jan 2, 2023", "Staff Reporter", datetime(2023, 1, 2)),
        ("By Ana Lima", "Ana Lima", None),
    ],
)
def test_head_lines_are_metadata(tmp_path: Path, line: str, author, date) -> None:
    write(tmp_path, "a.txt", f"Title here\n{line}\n\nThe body starts here.")
    (article,) = Corpus.load([tmp_path]).articles
    assert article.author == author
    assert article.published == date
    assert article.body == "The body starts here."


def test_a_sentence_with_a_date_is_body_not_byline(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Title\nThe company said it would close on June 11, 2025\nMore.")
    (article,) = Corpus.load([tmp_path]).articles
    assert article.author is None
    assert article.body.startswith("The company said")


def test_encodings(tmp_path: Path) -> None:
    write(tmp_path, "bom.txt", "\ufeffBOM title\nCafé body".encode("utf-8"))
    write(tmp_path, "latin.txt", "Latin title\nCaf\xe9 body".encode("latin-1"))
    write(tmp_path, "utf16.txt", "UTF16 title\nCafé body".encode("utf-16"))
    write(tmp_path, "binary.txt", b"\x89PNG\x00\x00\x01binary")
    corpus = Corpus.load([tmp_path])
    titles = {a.title: a for a in corpus.articles}
    assert set(titles) == {"BOM title", "Latin title", "UTF16 title"}
    assert all(a.body == "Café body" for a in titles.values())
    reasons = {p.path.name: p.reason for p in corpus.problems}
    assert "not UTF-8" in reasons["latin.txt"]
    assert "binary" in reasons["binary.txt"]


def test_bad_files_are_reported_one_line_each_and_the_rest_loads(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", "Good\nFine body.")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "list.md", "---\n- a\n- b\n---\nList front matter body")
    write(tmp_path, "open.md", "---\ntitle: never closed\nBody")
    write(tmp_path, "bomb.md", "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\nBomb body")
    write(tmp_path, "python.md", "---\ntitle: !!python/object:os.system x\n---\nPython body")
    corpus = Corpus.load([tmp_path])
    titles = sorted(a.title for a in corpus.articles)
    assert "Good" in titles
    assert len(corpus.articles) == 5  # all but the empty file still load
    problems = {p.path.name: p.reason for p in corpus.problems}
    assert "empty" in problems["empty.txt"]
    assert "mapping" in problems["list.md"]
    assert "not closed" in problems["open.md"]
    assert "aliases" in problems["bomb.md"]
    assert "python.md" in problems
    assert all("\n" not in str(p) for p in corpus.problems)


def test_unreadable_and_vanished_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "secret.txt", "Secret\nBody")
    write(tmp_path, "gone.txt", "Gone\nBody")
    write(tmp_path, "fine.txt", "Fine\nBody")
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], *args, **kwargs):
        file = Path(path)
        # Root reads mode-000 files, so the refusals are simulated where the reader opens files.
        if file.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(file))
        if file.name == "gone.txt":
            raise FileNotFoundError(2, "No such file or directory", str(file))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    corpus = Corpus.load([tmp_path])
    assert [a.title for a in corpus.articles] == ["Fine"]
    reasons = {p.path.name: p.reason for p in corpus.problems}
    assert reasons == {
        "secret.txt": "permission denied",
        "gone.txt": "vanished before it could be read",
    }


def test_symlink_outside_corpus_not_followed_and_loops_survive(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/secret.txt", "Outside\nBody")
    corpus_dir = tmp_path / "corpus"
    write(corpus_dir, "inside.txt", "Inside\nBody")
    (corpus_dir / "link.txt").symlink_to(outside)
    (corpus_dir / "loop").symlink_to(corpus_dir)
    corpus = Corpus.load([corpus_dir])
    assert [a.title for a in corpus.articles] == ["Inside"]
    assert any("outside the corpus" in p.reason for p in corpus.problems)
    # Named explicitly, the outside file is read.
    assert [a.title for a in Corpus.load([corpus_dir / "link.txt"]).articles] == ["Outside"]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    corpus = Corpus.load([tmp_path / "nope"])
    assert corpus.articles == []
    assert corpus.problems[0].reason == "no such file or folder"


def test_control_characters_are_stripped_at_load(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Evil\x1b]0;pwned\x07 title\u202e\nBody \x1b[31mred\x1b[0m\x9b text")
    (article,) = Corpus.load([tmp_path]).articles
    assert article.title == "Evil title"
    assert article.body == "Body red text"


def test_find_article_by_id_path_prefix_and_title(seed_corpus: Corpus) -> None:
    articles = seed_corpus.articles
    assert find_article(articles, "002_be305ebc2eef9ae7").id.startswith("002_")
    assert find_article(articles, "003").id.startswith("003_")
    assert find_article(articles, "Zuckerberg's $14").id.startswith("001_")
    assert find_article(articles, str(by_prefix(seed_corpus, "004_").path)).id.startswith("004_")
    with pytest.raises(ArticleNotFound) as ambiguous:
        find_article(articles, "Meta")
    assert len(ambiguous.value.candidates) == 4
    with pytest.raises(ArticleNotFound, match="no article"):
        find_article(articles, "nothing like this")


def test_many_roots_get_distinct_ids(tmp_path: Path) -> None:
    write(tmp_path, "one/a.txt", "One\nBody")
    write(tmp_path, "two/a.txt", "Two\nBody")
    corpus = Corpus.load([tmp_path / "one", tmp_path / "two"])
    assert sorted(a.id for a in corpus.articles) == ["one/a", "two/a"]


def test_impossible_yaml_date_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path, "bad.md", "---\ntitle: Bad date\ndate: 2024-02-30\n---\nBody")
    write(tmp_path, "good.txt", "Good\nBody")
    corpus = Corpus.load([tmp_path])
    # Only the date is dropped (issue 16 case 11): the rest of the front matter stays.
    assert sorted(a.title for a in corpus.articles) == ["Bad date", "Good"]
    assert all(a.published is None for a in corpus.articles)
    (problem,) = corpus.problems
    assert problem.path.name == "bad.md" and "date" in problem.reason


def test_hidden_folders_are_not_walked(tmp_path: Path) -> None:
    write(tmp_path, "news/a.md", "# Seen\n\nBody.\n")
    write(tmp_path, "news/.reader/state.md", "# Hidden\n\nBody.\n")
    write(tmp_path, "news/.git/notes.txt", "Hidden too.\n")
    corpus = Corpus.load([tmp_path / "news"])
    assert [article.title for article in corpus.articles] == ["Seen"]
