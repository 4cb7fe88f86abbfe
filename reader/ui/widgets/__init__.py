"""Widgets drawn with the line API or one Content: the list, article view, panes, matrix,
the story table."""

__all__: list[str] = []
