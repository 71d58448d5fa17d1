"""Made-up donors and households for the demo store. Names are common
Chinese names put together at random; ID numbers and credit codes are
synthetic, with valid check characters, and belong to no one."""

from __future__ import annotations

import random
from datetime import date, timedelta

from charity_pos.domain.identity import CREDIT_CHARSET, credit_check_char, id_check_char
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.households import HouseholdCategory, HouseholdDraft

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈任姚卢"
GIVEN = ("建国", "秀英", "桂英", "玉兰", "志强", "海燕", "丽华", "国强", "美玲", "德明", "凤英", "金凤", "小红", "伟",
         "芳", "敏", "静", "磊", "军", "勇", "霞", "平", "刚", "桂兰", "文华", "宝根", "阿娣", "美娟", "永康", "惠珍")
COMPANIES = (
    "上海静安置业集团有限公司", "上海梅林正广和股份有限公司", "上海光明乳业股份有限公司", "上海联华超市有限公司",
    "上海南京路百货商店有限公司", "上海石门二路物业管理有限公司", "上海久光百货有限公司", "上海新静安餐饮有限公司",
)
WISHES = ("", "", "", "给独居老人", "给困难家庭的孩子", "用于冬季送温暖", "给残疾人家庭")
# District codes of Shanghai's central districts (黄浦, 徐汇, 长宁, 静安, 普陀, 虹口, 杨浦).
AREAS = ("310101", "310104", "310105", "310106", "310107", "310109", "310110")
SUBDISTRICTS = ("石门二路街道", "南京西路街道", "江宁路街道", "静安寺街道", "曹家渡街道")
CATEGORY_WEIGHTS = {
    HouseholdCategory.DIBAO: 30, HouseholdCategory.DIBAO_EDGE: 20, HouseholdCategory.TEKUN: 10,
    HouseholdCategory.LOW_INCOME: 20, HouseholdCategory.EXPENSE: 12, HouseholdCategory.TEMPORARY: 8,
}


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def id_number(rng: random.Random) -> str:
    birth = date(1938, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    first17 = f"{rng.choice(AREAS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def credit_code(rng: random.Random) -> str:
    # 9 (business) 1 (company) + 6-digit area + 9-character organisation code + check
    first17 = "91" + rng.choice(AREAS) + "".join(rng.choice(CREDIT_CHARSET) for _ in range(9))
    return first17 + credit_check_char(first17)


def phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "136", "158", "186", "021")) + f"{rng.randrange(10**8):08d}"


def donors(rng: random.Random) -> list[DonorDraft]:
    people = [DonorDraft(DonorKind.PERSON, name(rng), phone(rng) if rng.random() < 0.7 else "", None,
                         rng.choice(WISHES), rng.random() < 0.5, rng.random() < 0.2) for _ in range(14)]
    companies = [DonorDraft(DonorKind.COMPANY, company, "", credit_code(rng), rng.choice(WISHES), True, False)
                 for company in COMPANIES]
    anonymous = [DonorDraft(DonorKind.ANONYMOUS, declines_receipt=True) for _ in range(4)]
    everyone = people + companies + anonymous
    rng.shuffle(everyone)
    return everyone


def households(rng: random.Random, today: date, count: int = 56) -> list[HouseholdDraft]:
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    result = []
    for number in range(1, count + 1):
        start = today - timedelta(days=rng.randrange(30, 400))
        result.append(HouseholdDraft(
            card_number=f"AX{number:06d}",
            head_name=name(rng),
            id_number=id_number(rng),
            members=rng.choice((1, 1, 1, 2, 2, 3, 3, 4, 5)),
            category=rng.choices(categories, weights)[0],
            subdistrict=rng.choice(SUBDISTRICTS),
            certificate_ref=f"静民救〔{start.year}〕{rng.randrange(1, 999):03d}号",
            valid_from=start,
            valid_to=start + timedelta(days=365),
            consent_on=start,
        ))
    return result
