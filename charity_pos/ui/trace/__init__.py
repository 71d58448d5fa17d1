"""The trace screen: where the goods of a lot, an item or a document went."""

from charity_pos.ui.trace.view import TraceScreen

__all__ = ["TraceScreen"]
