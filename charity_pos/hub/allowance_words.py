"""What the district's allowance check (``downstream.check_allowance``) could
not judge, in sentences: the same words on the command line (``hub
over-allowance``) and in the hub app's allowance screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from charity_pos.hub.downstream import AllowanceCheck

#: the translation function of ``charity_pos.i18n`` (Qt's catalogs), given by the caller: this module stays Qt-free
Translate = Callable[[str, str], str]


def cannot_judge(check: AllowanceCheck, translate: Translate) -> str | None:
    """Why the hub cannot judge yet, in one sentence; None when it judged."""
    from charity_pos.hub import downstream  # the command line's parser reads this module: SQLAlchemy when asked

    if check.state == downstream.NO_REGISTRY:
        return translate("cli", "The hub cannot judge yet: no household registry has been imported "
                                "(charity-pos hub households import).")
    if check.state == downstream.NO_RULES:
        return translate("cli", "The hub cannot judge yet: the district has set no quota rules (charity-pos hub "
                                "rules import); until then each store applies its own.")
    if check.state == downstream.NO_HANDOUTS:
        return translate("cli", "No store has sent a handout yet: there is nothing to judge.")
    return None


def allowance_caveats(check: AllowanceCheck, category: Callable[[str], str], translate: Translate) -> list[str]:
    """What the hub could not judge, one sentence each."""
    out = []
    if check.unmatched_handouts:
        out.append(translate("cli", "Not judged: {count} handouts whose store sent no household links (they cannot "
                                    "be put to a household).").format(count=check.unmatched_handouts))
    if check.unknown_households:
        out.append(translate("cli", "Not judged: {count} households that are not in the district's registry.").format(
            count=check.unknown_households))
    if check.categories_without_rule:
        out.append(translate("cli", "Not judged: households of {categories}, for which the district has set no "
                                    "rule.").format(categories=", ".join(category(c)
                                                                         for c in check.categories_without_rule)))
    return out
