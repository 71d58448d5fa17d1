"""The desktop app (PySide6). Only this package imports Qt widgets; every rule
it shows is enforced by the services below it."""
