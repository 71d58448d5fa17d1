"""The near-expiry screen (临期商品): lots past or near their best-before date, and a markdown in one step."""

from charity_pos.ui.expiry.view import ExpiryScreen

__all__ = ["ExpiryScreen"]
