"""Widgets drawn with the line API or one Content: the list, article view, panes, matrix."""

__all__: list[str] = []
