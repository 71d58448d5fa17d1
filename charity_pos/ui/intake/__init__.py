"""The intake screen: taking in donated goods and money."""

from charity_pos.ui.intake.view import IntakeScreen

__all__ = ["IntakeScreen"]
