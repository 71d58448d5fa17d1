"""Relief handouts at the counter: a household's card, its goods against
the allowance, and the slip it signs."""

from charity_pos.ui.handout.view import HandoutScreen

__all__ = ["HandoutScreen"]
