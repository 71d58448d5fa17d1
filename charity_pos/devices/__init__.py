"""Devices at the counter spoken to directly (no Qt): the customer's pole display."""
