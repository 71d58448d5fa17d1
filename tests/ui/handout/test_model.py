"""The screens' lines checked with their own service's most (``domain.quantities``)."""

from __future__ import annotations

import pytest

from charity_pos.errors import InvalidInput


def test_the_handout_screen_refuses_what_the_handout_service_refuses() -> None:
    """The screen's lines were checked against the sale's most (9,999): a handout line of 1,000 was taken on
    the screen and refused only at completion. Now the screen says so when it is typed."""
    from charity_pos.services.handouts import MAX_QUANTITY
    from charity_pos.ui.handout.model import HandoutModel

    with pytest.raises(InvalidInput) as refused:
        HandoutModel().trial_add(object(), MAX_QUANTITY + 1)  # type: ignore[arg-type]
    assert refused.value.reason == "too_large"
