"""A store that received a relief campaign from its district, as a
downstream bundle brings one (``sync.downstream``): households with their
district hashes, the campaign and its list, in one unit of work with its
``district.applied`` event. For the store's tests and screens, without a hub."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, timedelta

from charity_pos.db.models import Household
from charity_pos.domain import campaign as rules
from charity_pos.ledger import journal
from charity_pos.services.base import local_date
from charity_pos.services.registry import Services
from charity_pos.sync.campaigns_down import DistrictCampaign, apply_campaigns

AREA = "长征镇"
#: card, head of household, category, sub-district
HOUSEHOLDS = (("PT100001", "顾桂英", "dibao", AREA), ("PT100002", "王大明", "tekun", AREA),
              ("PT100003", "李小红", "low_income", AREA), ("PT100004", "赵国庆", "dibao", "桃浦镇"))


def district_hash(card: str) -> str:
    return hashlib.sha256(card.encode()).hexdigest()


def send_campaign(services: Services, *, starts: date | None = None, ends: date | None = None,
                  package: tuple[rules.PackageLine, ...] = (rules.PackageLine(1, goods_category="grain_oil"),),
                  value_fen: int | None = None, counts_allowance: bool = False, listed: tuple[str, ...] = (
                      "PT100001", "PT100002"), elsewhere: dict[str, str] | None = None,
                  campaign_id: uuid.UUID | None = None) -> uuid.UUID:
    """The district's 冬季送温暖 for 低保 and 特困 households of 长征镇, open today by default."""
    today = local_date(services.ctx.now())
    made = campaign_id or uuid.uuid4()
    now = services.ctx.now()
    with services.db.begin() as s:
        for card, name, category, area in HOUSEHOLDS:
            if s.query(Household).filter(Household.card_number == card).first() is None:
                s.add(Household(card_number=card, head_name=name, id_cipher="", id_hash="",
                                id_masked="310107********0012", district_hash=district_hash(card), members=2,
                                category=category, subdistrict=area, certificate_ref="",
                                valid_from=today - timedelta(days=60), valid_to=today + timedelta(days=300),
                                status="active", consent_on=today - timedelta(days=60), created_at=now))
        s.flush()
        apply_campaigns(s, [DistrictCampaign(
            "冬季送温暖", starts or today - timedelta(days=1), ends or today + timedelta(days=30),
            ("dibao", "tekun"), (AREA,), () if value_fen else package, value_fen, counts_allowance, made,
            {district_hash(card): (elsewhere or {}).get(card, "") for card in listed})], now)
        journal.append(s, "district.applied", actor=None, at=now, facts={"sequence": 1})
    return made
