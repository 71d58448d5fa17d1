"""charity-pos: point of sale for Shanghai's community charity supermarkets."""

__version__ = "0.2.0"
