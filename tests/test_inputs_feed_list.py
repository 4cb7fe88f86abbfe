"""The feed list in config.yaml: add, list, remove, OPML in and out, the user's file kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reader.inputs import (
    Feed,
    FeedListError,
    add_feed,
    add_feeds,
    export_opml,
    import_opml,
    list_feeds,
    parse_opml,
    read_feeds,
    remove_feed,
)

USER_CONFIG = """\
# my settings
theme: nord   # dark theme
never:
  - Monday
# feeds I follow
feeds:
  - url: https://old.test/rss
    name: Old News
# names below
names:
  - name: Example
"""


def test_add_list_remove_on_a_new_config(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    assert list_feeds(config) == []
    added = add_feed(config, "https://gazette.test/rss", "Gazette")
    assert added == Feed("https://gazette.test/rss", "Gazette")
    add_feed(config, "https://ledger.test/atom.xml")
    assert list_feeds(config) == [added, Feed("https://ledger.test/atom.xml")]
    assert remove_feed(config, "https://gazette.test/rss") == added
    assert list_feeds(config) == [Feed("https://ledger.test/atom.xml")]


def test_edits_keep_the_users_other_keys_and_comments(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(USER_CONFIG, encoding="utf-8")
    add_feed(config, "https://new.test/feed.json", "New")
    text = config.read_text(encoding="utf-8")
    for kept in ("# my settings", "theme: nord   # dark theme", "# names below", "- Monday"):
        assert kept in text
    data = yaml.safe_load(text)
    assert data["theme"] == "nord" and data["never"] == ["Monday"]
    assert data["names"] == [{"name": "Example"}]
    assert data["feeds"] == [
        {"url": "https://old.test/rss", "name": "Old News"},
        {"url": "https://new.test/feed.json", "name": "New"},
    ]
    remove_feed(config, "Old News")  # by name too
    assert yaml.safe_load(config.read_text())["feeds"] == [
        {"url": "https://new.test/feed.json", "name": "New"}
    ]


def test_an_unusual_layout_is_still_written_correctly(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text('{theme: nord, "feeds": [https://a.test/rss]}\n', encoding="utf-8")
    add_feed(config, "https://b.test/rss")
    data = yaml.safe_load(config.read_text())
    assert data["theme"] == "nord"
    assert [item["url"] for item in data["feeds"]] == ["https://a.test/rss", "https://b.test/rss"]


def test_duplicates_and_bad_urls_are_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    add_feed(config, "https://gazette.test/rss")
    with pytest.raises(FeedListError):
        add_feed(config, "https://GAZETTE.test/rss")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "not a url", "ftp://x.test/f"):
        with pytest.raises(FeedListError):
            add_feed(config, bad)
    with pytest.raises(FeedListError):
        remove_feed(config, "https://unknown.test/rss")
    assert len(list_feeds(config)) == 1


def test_a_broken_config_is_never_overwritten(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    broken = "theme: [unclosed\nfeeds:\n  - url: https://a.test/rss\n"
    config.write_text(broken, encoding="utf-8")
    with pytest.raises(FeedListError) as caught:
        add_feed(config, "https://b.test/rss")
    assert str(config) in str(caught.value)
    assert config.read_text(encoding="utf-8") == broken
    feeds, problems = read_feeds(config)
    assert feeds == [] and len(problems) == 1


def test_hand_edited_entries_without_a_url_are_problems(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        "feeds:\n  - https://plain.test/rss\n  - name: nothing\n  - url: javascript:x\n"
    )
    feeds, problems = read_feeds(config)
    assert feeds == [Feed("https://plain.test/rss")]
    assert len(problems) == 2


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Exported from another reader</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="Gazette &amp; Co" title="Gazette &amp; Co"
               xmlUrl="https://gazette.test/rss" htmlUrl="https://gazette.test/"/>
      <outline type="rss" text="Ledger" xmlurl="https://ledger.test/atom.xml"/>
    </outline>
    <outline type="rss" text="Evil" xmlUrl="javascript:alert(1)"/>
    <outline type="rss" text="Gazette again" xmlUrl="https://gazette.test/rss"/>
  </body>
</opml>
"""


def test_opml_import_flattens_folders_and_skips_bad_outlines(tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_bytes(OPML)
    feeds, problems = import_opml(path)
    assert feeds == [
        Feed("https://gazette.test/rss", "Gazette & Co"),
        Feed("https://ledger.test/atom.xml", "Ledger"),
    ]
    assert len(problems) == 1 and problems[0].where == str(path)
    config = tmp_path / "config.yaml"
    assert add_feeds(config, feeds) == feeds
    assert add_feeds(config, feeds) == []  # importing twice adds nothing


def test_opml_export_round_trips(tmp_path: Path) -> None:
    feeds = [Feed("https://a.test/rss?x=1&y=2", 'Quotes "and" & < 3'), Feed("https://b.test/f")]
    feeds_back, problems = parse_opml(export_opml(feeds).encode(), "export")
    assert (feeds_back, problems) == (feeds, [])


@pytest.mark.parametrize(
    "data",
    [b"", b"<opml", b"<rss/>", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>'],
)
def test_bad_opml_is_a_problem(tmp_path: Path, data: bytes) -> None:
    feeds, problems = parse_opml(data, "in.opml")
    assert feeds == [] and [p.where for p in problems] == ["in.opml"]
    missing_feeds, missing_problems = import_opml(tmp_path / "missing.opml")
    assert missing_feeds == [] and len(missing_problems) == 1
