"""Keys and encryption for personal data (PIPL): kept outside the store file."""
