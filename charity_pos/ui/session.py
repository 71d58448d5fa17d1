"""A logged-in session that learns it has ended.

The services refuse every change by an account switched off since it logged
in (``SessionEnded``) or whose role was changed (``RoleChanged``). The
screens of a session call the services through ``guarded``: such a refusal
is shown where the screen shows its errors, as any other, and also reported
to ``ended``, which logs the session out (the app's ``Shell`` does that as
soon as no dialog is open).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from charity_pos.errors import PosError, RoleChanged, SessionEnded

if TYPE_CHECKING:
    from charity_pos.services.registry import Services

#: Refusals that end a session: the account is not what it was at log-in.
ENDING = (SessionEnded, RoleChanged)

Ended = Callable[[PosError], None]


class _Guarded:
    """One service, each of its calls watched for a refusal that ends the session."""

    def __init__(self, service: object, ended: Ended) -> None:
        self._service = service
        self._ended = ended

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._service, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return value(*args, **kwargs)
            except ENDING as exc:
                self._ended(exc)
                raise

        return call


def unguarded(service: Any) -> tuple[Any, Callable[[BaseException], None]]:
    """A service under a session's guard, bare, and what reports a refusal
    that ends the session (call it on the UI thread: work done off it runs
    the bare service). A bare service comes back as it is."""
    if not isinstance(service, _Guarded):
        return service, lambda _error: None
    ended = service._ended

    def report(error: BaseException) -> None:
        if isinstance(error, ENDING):
            ended(error)

    return service._service, report


def guarded(services: Services, ended: Ended) -> Services:
    """The same services, for one session's screens."""
    # each stands in for its service (it forwards every call), so it takes the service's place
    watched: dict[str, Any] = {f.name: _Guarded(getattr(services, f.name), ended)
                               for f in dataclasses.fields(services) if f.name != "ctx"}
    return dataclasses.replace(services, **watched)
