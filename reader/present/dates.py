"""Dates for people: every date reader shows is formatted here (JSON keeps ISO 8601)."""

from __future__ import annotations

from datetime import datetime

from reader.corpus import Article


def format_day(when: datetime | None, missing: str = "-") -> str:
    """2025-06-11, or `missing` when the date is unknown."""
    return when.strftime("%Y-%m-%d") if when else missing


def format_date(article: Article, missing: str = "-") -> str:
    """An article's publication day (see `format_day`)."""
    return format_day(article.published, missing)


def format_day_time(when: datetime | None) -> str | None:
    """2025-06-11 14:30, or the day alone at midnight (a time the source did not give)."""
    return when.strftime("%Y-%m-%d %H:%M").removesuffix(" 00:00") if when else None


def format_long_day(when: datetime) -> str:
    """11 June 2025: the day as written in prose."""
    return f"{when.day} {when:%B %Y}"
