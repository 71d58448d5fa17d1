"""A large synthetic catalog for the benchmarks: Chinese item names with their
pinyin keys, unique valid EAN-13 codes, and a bulk loader.

Names come from brands x goods x sizes (about 9,000 distinct names, reused
across the rows); their pinyin is computed once per name with the app's own
``charity_pos.domain.pinyin``, so each row holds exactly what the catalog
service would have stored.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select

from charity_pos.db.engine import StoreDatabase
from charity_pos.db.models import Category, Item
from charity_pos.domain import pinyin
from charity_pos.domain.barcodes import check_digit
from charity_pos.ledger.journal import UNJOURNALED_OK

BRANDS = (
    "金龙鱼", "福临门", "鲁花", "光明", "伊利", "蒙牛", "康师傅", "统一", "白象", "今麦郎",
    "农夫山泉", "娃哈哈", "冠生园", "上海家化", "蓝月亮", "立白", "雕牌", "舒肤佳", "云南白药", "恒源祥",
    "三枪", "罗莱", "晨光", "得力", "美的",
)

# (category code, goods, unit)
GOODS = (
    ("grain_oil", "东北大米", "袋"), ("grain_oil", "五常香米", "袋"), ("grain_oil", "麦芯粉", "袋"),
    ("grain_oil", "鸡蛋挂面", "袋"), ("grain_oil", "大豆油", "桶"), ("grain_oil", "花生油", "桶"),
    ("food", "红烧牛肉面", "袋"), ("food", "纯牛奶", "箱"), ("food", "饮用天然水", "箱"),
    ("food", "午餐肉罐头", "罐"), ("food", "奶糖", "袋"), ("food", "燕麦片", "袋"),
    ("daily", "洗衣液", "瓶"), ("daily", "洗洁精", "瓶"), ("daily", "香皂", "块"),
    ("daily", "牙膏", "支"), ("daily", "卷纸", "提"), ("daily", "洗发水", "瓶"),
    ("clothing", "羊毛衫", "件"), ("clothing", "保暖内衣", "套"), ("clothing", "羽绒服", "件"),
    ("shoes_hats", "棉拖鞋", "双"), ("shoes_hats", "毛线帽", "顶"), ("shoes_hats", "运动鞋", "双"),
    ("bedding", "纯棉被套", "套"), ("bedding", "蚕丝被", "条"), ("bedding", "枕芯", "个"),
    ("books", "中性笔", "盒"), ("books", "作业本", "本"), ("books", "新华字典", "本"),
    ("toys", "积木", "盒"), ("toys", "毛绒熊", "个"),
    ("appliances", "电饭煲", "台"), ("appliances", "电热水壶", "台"), ("appliances", "电风扇", "台"),
    ("other", "雨伞", "把"),
)

SIZES = ("", "小号", "中号", "大号", "家庭装", "500g", "1kg", "2.5kg", "5kg", "10kg", "1L", "5L")

CHINA_PREFIX = "69"  # GS1 China: what shoppers' goods carry


def ean13(serial: int) -> str:
    payload = f"{CHINA_PREFIX}{serial:010d}"
    return payload + str(check_digit(payload))


def barcodes(rng: random.Random, known: int, unknown: int) -> tuple[list[str], list[str]]:
    """``known`` distinct valid EAN-13 codes for items, and ``unknown`` more,
    also valid and distinct, that no item will carry."""
    serials = rng.sample(range(10**10), known + unknown)
    codes = [ean13(s) for s in serials]
    return codes[:known], codes[known:]


@dataclass(frozen=True)
class Name:
    text: str
    initials: str
    full: str
    category_code: str
    unit: str


def names() -> list[Name]:
    out = []
    for brand in BRANDS:
        for category_code, goods, unit in GOODS:
            for size in SIZES:
                text = f"{brand}{goods} {size}".strip()
                out.append(Name(text, pinyin.initials(text), pinyin.full(text), category_code, unit))
    return out


def category_ids(db: StoreDatabase) -> dict[str, uuid.UUID]:
    with db.read() as s:
        return {code: id_ for code, id_ in s.execute(select(Category.code, Category.id))}


def item_rows(rng: random.Random, codes: list[str], pool: list[Name], categories: dict[str, uuid.UUID]) -> list[dict]:
    """One ``item`` row per code, as the catalog service would store it."""
    now = datetime.now(UTC)
    rows = []
    for code in codes:
        name = rng.choice(pool)
        price = rng.randrange(100, 50_000, 10)
        rows.append({
            "id": uuid.uuid4(),
            "name": name.text,
            "pinyin_initials": name.initials,
            "pinyin_full": name.full,
            "category_id": categories[name.category_code],
            "unit": name.unit,
            "barcode": code,
            "sale_price_fen": price,
            "reference_price_fen": None if rng.random() < 0.2 else price + rng.randrange(0, 5_000, 10),
            "source": rng.choice(("donated", "purchased", "consigned")),
            "active": rng.random() > 0.02,
            "created_at": now,
            "updated_at": now,
        })
    return rows


def bulk_load(db: StoreDatabase, rows: list[dict], chunk: int = 20_000) -> None:
    """Insert item rows with SQLAlchemy core, many to a statement.

    These rows bypass the services and so the journal: the file would fail
    ``charity-pos verify``. That is fine here, because the look-up benchmark
    only reads the item table; it is not a way to load a real store.
    """
    table = Item.__table__
    with db.engine.execution_options(**{UNJOURNALED_OK: True}).begin() as conn:
        for start in range(0, len(rows), chunk):
            conn.execute(insert(table), rows[start:start + chunk])
    # Fold the write-ahead log into the file, so that look-ups start from the
    # state a store has after a quiet night (no ANALYZE: the app runs none).
    bare = sqlite3.connect(db.path, isolation_level=None)
    try:
        bare.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        bare.close()
