"""Consignors (代销委托方): the cooperatives of paired poor areas (扶贫) and
workshops whose goods the store sells on their behalf. Their goods arrive as
consigned lots (``stock_lot.origin = 'consignment'``) that stay theirs until
sold; each lot carries the consignor and the agreed price per unit the store
pays them for each unit sold (结算价). They are never donations.

The contact person's name and phone are personal data: kept out of the
journal (sealed, as donors' names are); the organisation's name, credit code
and bank details are the consignor's own business facts and journaled.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import PRIVATE, Base, UtcDateTime, new_id


class Consignor(Base):
    __tablename__ = "consignor"
    __journaled__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    #: 统一社会信用代码, checked as donors' codes are
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    contact: Mapped[str] = mapped_column(String(50), default="", info=PRIVATE)
    phone: Mapped[str] = mapped_column(String(20), default="", info=PRIVATE)
    #: 开户行及账号: where the settlement is paid
    bank: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
