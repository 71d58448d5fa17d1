"""Help text worked out only when help is shown: setting up the command
line's parser stays cheap (listing a report's kinds would load the report
modules, and with them SQLAlchemy, for every command)."""

from __future__ import annotations

from collections.abc import Callable


class LazyHelp:
    """An argument's help made by ``make`` when argparse prints it (argparse
    asks a help text only for ``strip()`` and ``%``)."""

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    def __str__(self) -> str:
        return self._make()

    def strip(self) -> str:
        return str(self).strip()

    def __mod__(self, params: object) -> str:
        return str(self) % params


def one_of(kinds: Callable[[], tuple[str, ...]]) -> LazyHelp:
    """"one of: a, b, c", the kinds listed when help is shown."""
    return LazyHelp(lambda: "one of: " + ", ".join(kinds()))
