"""Output: the `Summary` a brief is (`summary`), its Markdown (`markdown`), and the
English and Spanish words every renderer shares (`wording`)."""

from .summary import Line, Point, Summary

__all__ = ["Summary", "Point", "Line"]
