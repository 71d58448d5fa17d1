from charity_pos.ui.reports.view import ReportsScreen

__all__ = ["ReportsScreen"]
