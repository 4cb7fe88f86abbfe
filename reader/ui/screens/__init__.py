"""Screens of the app: the list, an article, compare, coverage, help and pickers."""

__all__: list[str] = []
