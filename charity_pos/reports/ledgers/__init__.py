"""One module per ledger or report kind, each a ``build(session, filters,
store, language) -> Report``; ``BUILDERS`` names them as the command line
does (``charity-pos report KIND``)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from charity_pos.reports.ledgers import donations, expiry, funds, handouts, sales, stock, stock_moves, writeoffs
from charity_pos.reports.table import Filters, Report, StoreName

Builder = Callable[[Session, Filters, StoreName, str], Report]

#: kind (as typed on the command line) -> builder, in the order the screens list them
BUILDERS: dict[str, Builder] = {
    "donations": donations.build,
    "stock-moves": stock_moves.build,
    "handouts": handouts.build,
    "sales": sales.build,
    "funds": funds.build,
    "stock": stock.build,
    "expiry": expiry.build,
    "writeoffs": writeoffs.build,
}
