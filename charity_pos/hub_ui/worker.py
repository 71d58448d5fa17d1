"""Running long work (imports, exports) off the UI thread: the store app's
``ui.background.Job``, shared by the hub app."""

from __future__ import annotations

from charity_pos.ui.background import Job, Report, Work

__all__ = ["Job", "Report", "Work"]
