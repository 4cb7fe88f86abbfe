"""Feeds, JSON Feed, web pages and JSON Lines become plain articles; bad input is a problem."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inputs_support import FIXTURES, fixture_bytes, has_markup_or_controls

from reader.inputs import (
    html_to_text,
    parse_feed,
    parse_jsonl,
    parse_page,
    read_input_file,
)

FEEDS = ["rss2_content.xml", "rss2_summary.xml", "atom.xml", "rss1.rdf", "feed.json"]


@pytest.mark.parametrize("name", FEEDS)
def test_every_feed_format_gives_articles_with_plain_text(name: str) -> None:
    parsed = parse_feed(fixture_bytes(name), name)
    assert parsed.articles
    for article in parsed.articles:
        assert article.title and article.text
        assert not has_markup_or_controls(article.title + article.text)
        assert article.source == parsed.title


def test_rss2_prefers_full_content_over_the_summary() -> None:
    parsed = parse_feed(fixture_bytes("rss2_content.xml"), "gazette")
    first = parsed.articles[0]
    assert parsed.title == "The Harbour Gazette"
    assert first.title == "Council approves new bridge budget"
    assert "£12.5m" in first.text and "Work starts in May" in first.text
    assert "tracking" not in first.text  # the script's content is gone, not only its tags
    assert first.author == "Ada Writer"
    assert first.url == "http://news.test/news/bridge-budget"
    assert first.guid == "gazette-1001"
    assert first.tags == ("Local", "Transport")
    # 09:30 at +01:00 is 08:30 UTC, stored naive.
    assert first.published == datetime(2024, 3, 5, 8, 30)


def test_paragraphs_stay_paragraphs() -> None:
    text = parse_feed(fixture_bytes("rss2_content.xml"), "g").articles[1].text
    assert text.count("\n\n") == 1


def test_an_entry_without_link_or_date_still_loads() -> None:
    parsed = parse_feed(fixture_bytes("rss2_summary.xml"), "valley")
    bare = parsed.articles[1]
    assert bare.url is None and bare.published is None
    assert bare.text == "Nothing more is known yet about the storm damage."


def test_atom_title_escaped_twice_and_relative_links() -> None:
    parsed = parse_feed(fixture_bytes("atom.xml"), "atom", url="http://news.test/atom.xml")
    strike, museum = parsed.articles
    assert strike.title == "Rail strike called off"
    assert strike.published == datetime(2024, 3, 7, 9, 45)
    assert museum.url == "http://news.test/news/museum-hours"
    assert museum.published == datetime(2024, 3, 6, 9, 0)  # only <updated>: used as the date


def test_rss1_rdf() -> None:
    parsed = parse_feed(fixture_bytes("rss1.rdf"), "rdf")
    (article,) = parsed.articles
    assert (parsed.title, article.author) == ("Coastal Weekly", "Jo Keeper")
    assert article.published == datetime(2024, 3, 2, 8, 0)


def test_json_feed_items_escape_sequences_and_a_bad_item() -> None:
    parsed = parse_feed(fixture_bytes("feed.json"), "plains.json")
    harvest, market = parsed.articles
    assert parsed.title == "Plains Post"
    assert harvest.author == "Lee Field" and harvest.tags == ("farming", "weather")
    assert harvest.published == datetime(2024, 3, 8, 11, 0)
    assert "\x1b" not in harvest.text and "\u202e" not in harvest.text
    assert "Hidden" in harvest.text
    assert market.url == "http://news.test/news/market"  # relative to feed_url
    assert market.author == "Plains Desk"  # the feed's author when the item has none
    assert market.published is None  # "not a date"
    assert market.title.startswith("The Saturday market")
    assert [p.where for p in parsed.problems] == ["plains.json: item 3"]


@pytest.mark.parametrize(
    "name",
    ["latin1_nocharset.xml", "latin1_declared_utf8.xml"],
)
def test_a_feed_with_a_wrong_or_missing_charset_is_read_without_mojibake(name: str) -> None:
    parsed = parse_feed(fixture_bytes(name), name)
    (article,) = parsed.articles
    assert "é" in (parsed.title or "")
    assert "\ufffd" not in article.title + article.text
    assert "Ã" not in article.title


def test_an_html_error_page_served_as_a_feed_is_one_problem() -> None:
    parsed = parse_feed(fixture_bytes("error_page.html"), "http://news.test/feed")
    assert parsed.articles == []
    assert [str(p).split(": ")[0] for p in parsed.problems] == ["http://news.test/feed"]
    assert "HTML" in parsed.problems[0].reason


def test_invalid_xml_is_a_problem_line() -> None:
    parsed = parse_feed(fixture_bytes("invalid.xml"), "broken.xml")
    assert len(parsed.problems) == 1 and parsed.problems[0].where == "broken.xml"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"not xml at all",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"<html>",
        b"{",
        b"{}",
        b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}',
        b"<?xml version='1.0'?><x/>",
    ],
)
def test_garbage_is_a_problem_not_a_crash(data: bytes) -> None:
    parsed = parse_feed(data, "junk")
    assert parsed.articles == []
    assert parsed.problems and all(p.where == "junk" for p in parsed.problems)


def test_news_page_main_text_without_menus_ads_comments_or_banners() -> None:
    data = fixture_bytes("news_page.html")
    parsed = parse_page(data, "mill.html", content_type="text/html; charset=utf-8")
    assert parsed.problems == []
    (article,) = parsed.articles
    assert article.title == "Mill reopens after flood repairs"
    assert article.author == "Robin Miller"
    assert article.source == "Valley Times"
    assert article.url == "http://news.test/pages/mill-reopens.html"
    assert article.published is not None and article.published.date().isoformat() == "2024-03-06"
    assert "£340,000" in article.text and "flood barriers" in article.text
    for noise in (
        "cookies",
        "Skip to main",
        "Sport",
        "Advertisement",
        "Troll99",
        "Most read",
        "Copyright",
        "Share on",
        "track()",
        "dataLayer",
    ):
        assert noise not in article.text, noise
    assert "\n\n" in article.text  # paragraphs separated the way the corpus expects
    assert not has_markup_or_controls(article.text)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
        (b"<html><body>x</body></html>", "image/png"),
        (b"", "text/html"),
        (b"<html><body><script>load()</script></body></html>", "text/html"),
    ],
)
def test_a_page_that_is_not_an_article_is_one_problem(
    data: bytes, content_type: str | None
) -> None:
    parsed = parse_page(data, "http://news.test/x", content_type=content_type)
    assert parsed.articles == []
    assert len(parsed.problems) == 1 and parsed.problems[0].where == "http://news.test/x"


def test_jsonl_a_bad_line_is_one_problem_the_rest_load() -> None:
    lines = [
        {
            "title": "One",
            "text": "First body.",
            "url": "https://a.test/1",
            "published": "2024-01-02",
            "source": "A Daily",
            "author": "Kim",
        },
        "this is not json",
        {"title": "Two", "body": "<p>Second <b>body</b>.</p>"},
        [1, 2],
        {"title": "No text"},
        {
            "title": "Evil \x1b[2J",
            "text": "Body \x1b]0;pwned\x07 text",
            "url": "javascript:alert(1)",
        },
    ]
    data = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()
    parsed = parse_jsonl(data + b"\n\n", "dump.jsonl")
    assert [a.title for a in parsed.articles] == ["One", "Two", "Evil"]
    one, two, evil = parsed.articles
    assert (one.url, one.source, one.author) == ("https://a.test/1", "A Daily", "Kim")
    assert one.published == datetime(2024, 1, 2)
    assert two.text == "Second body."
    assert evil.url is None and "\x1b" not in evil.text and "pwned" not in evil.text
    assert [p.where for p in parsed.problems] == ["dump.jsonl:2", "dump.jsonl:4", "dump.jsonl:5"]


def test_jsonl_with_a_bad_byte_still_loads_its_lines() -> None:
    parsed = parse_jsonl(b'{"text": "ok one"}\n{"text": "bad \xff byte"}\n', "d.jsonl")
    assert len(parsed.articles) == 2
    assert [p.where for p in parsed.problems] == ["d.jsonl:2"]


def test_files_are_read_by_suffix(tmp_path: Path) -> None:
    for name in [*FEEDS, "news_page.html"]:
        target = tmp_path / name
        target.write_bytes(fixture_bytes(name))
        parsed = read_input_file(target)
        assert parsed.articles, name
    atom = tmp_path / "x.atom"
    atom.write_bytes(fixture_bytes("atom.xml"))
    assert len(read_input_file(atom).articles) == 2
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    assert read_input_file(pdf).problems[0].where == str(pdf)
    missing = read_input_file(tmp_path / "missing.rss")
    assert missing.articles == [] and len(missing.problems) == 1


def test_fixture_folder_is_there() -> None:
    assert (FIXTURES / "news_page.html").is_file()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_html_to_text_never_keeps_tags_or_controls(fragment: str) -> None:
    text = html_to_text(fragment)
    assert "\x1b" not in text
    assert not has_markup_or_controls(html_to_text(f"<p>{fragment}</p><script>x</script>"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_parsers_never_raise(data: bytes) -> None:
    for parsed in (parse_feed(data, "f"), parse_jsonl(data, "j"), parse_feed(b"{" + data, "j")):
        assert all(not has_markup_or_controls(a.title + a.text) for a in parsed.articles)
