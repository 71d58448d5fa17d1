from charity_pos.ui.dashboard.view import DashboardScreen

__all__ = ["DashboardScreen"]
