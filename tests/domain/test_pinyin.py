"""Pinyin keys, so that a cashier typing ``dm`` finds 大米."""

from __future__ import annotations

from charity_pos.domain import pinyin


def test_initials_of_rice() -> None:
    assert pinyin.initials("大米") == "dm"


def test_letters_and_digits_in_a_name_are_kept_lower_case() -> None:
    assert pinyin.initials("东北大米 5kg") == "dbdm5kg"
    assert pinyin.initials("金龙鱼 5KG") == "jly5kg"


def test_punctuation_and_spaces_are_dropped() -> None:
    assert pinyin.initials("男式羊毛衫（L码）") == "nsymslm"
    assert pinyin.initials("") == ""


def test_full_pinyin() -> None:
    assert pinyin.full("大米") == "dami"
    assert pinyin.full("食用油 5L") == "shiyongyou5l"


def test_common_heteronym_reading() -> None:
    # 银行 is read yín háng, not yín xíng; 重庆 chóng qìng.
    assert pinyin.initials("银行") == "yh"
    assert pinyin.initials("重庆小面") == "cqxm"


def test_rank_puts_whole_initials_over_prefixes_over_a_name_ending_in_the_text() -> None:
    from charity_pos.domain.pinyin import HEAD, NONE, PART, PREFIX, WHOLE, core, rank

    assert core("金龙鱼东北大米 2.5kg (爱心企业捐赠)") == "金龙鱼东北大米"
    assert core("大米（散装）") == "大米"
    assert rank("大米", "dm") == rank("大米 5kg", "dm") == rank("大米 5kg", "DaMi") == rank("大米", "大米") == WHOLE
    assert rank("大麦茶 300g", "dm") == rank("大米粥", "dm") == PREFIX
    assert rank("金龙鱼东北大米 5kg", "dm") == rank("金龙鱼东北大米 5kg", "dami") == HEAD
    assert rank("大宝SOD蜜 200ml", "dm") == PART, "the D of SOD is no initial"
    assert rank("大宝SOD蜜 200ml", "sod") == PART and rank("大宝SOD蜜 200ml", "SOD蜜") == HEAD
    assert rank("海天生抽", "dm") == NONE and rank("海天生抽", "  ") == NONE


def test_rank_with_the_stored_keys_ranks_as_without_them() -> None:
    from charity_pos.domain.pinyin import full, initials, rank

    names = ["大米 5kg", "金龙鱼东北大米 2.5kg (爱心企业捐赠)", "大宝SOD蜜 200ml", "大麦茶", "东北大米（散装）", "米"]
    for name in names:
        for typed in ("dm", "dami", "jlydbdm", "大米", "m", "sod", "200ml", "ax"):
            assert rank(name, typed, initials(name), full(name)) == rank(name, typed), (name, typed)


def test_matches_finds_a_name_exactly_when_rank_does() -> None:
    from charity_pos.domain.pinyin import NONE, matches, rank

    names = ["王建国", "上海梅林正广和股份有限公司", "大米 5kg", "金龙鱼东北大米 2.5kg (爱心企业捐赠)",
             "大宝SOD蜜 200ml", "李 明", "重庆小面（散装）", "Anna 李"]
    typed = ["wjg", "WJG", "wang jian guo", "jianguo", "王建", "mlzgh", "dm", "dami", "2.5kg", "sod", "SOD蜜",
             "lm", "cqxm", "散装", "anna", "ax", "zzz", " ", ""]
    for name in names:
        for text in typed:
            assert matches(name, text) == (rank(name, text) != NONE), (name, text)
    assert not matches("", "w"), "no name, nothing to find"


def test_warm_works_out_the_keys_matches_uses() -> None:
    from charity_pos.domain.pinyin import _forms, matches, warm

    _forms.cache_clear()
    warm(["刘德华", "", "张学友"])
    assert _forms.cache_info().currsize == 2, "each name's keys, once"
    assert matches("刘德华", "ldh") and matches("张学友", "zhangxue")
    assert _forms.cache_info().misses == 2, "the search found them ready"


#: Names that are not plain Chinese words: Latin, digits, mixed, full-width
#: and rare characters (CJK extension A and B), polyphones in and out of
#: pypinyin's phrase table, punctuation only, nothing.
ODD_NAMES = (
    "ABC", "abc 123", "SOD蜜", "大宝SOD蜜", "维C银翘片 12片", "3M口罩", "Ｔ恤 ＸＬ", "５号电池", "iPhone 充电线",
    "㐀䶵", "𠀀𪚥 礼盒", "龘靐", "银行", "行走", "自行车", "重庆小面", "重量", "长城 长大", "音乐 乐山",
    "都市 首都", "还书 还有", "朝阳 朝代", "，。！", "", " ", "大米 5kg (捐赠)", "男式羊毛衫（L码）", "e", "ê",
    "呣 嗯", "〇号", "Ⅲ型", "№5", "café 咖啡", "🍚 大米",
)


def _lazy_keys(name: str) -> tuple[str, str]:
    """The keys as ``lazy_pinyin`` gives them for the whole name at once."""
    from pypinyin import Style, lazy_pinyin

    keep = pinyin._keep
    return tuple("".join(keep(p) for p in lazy_pinyin(name, style=style, errors=lambda s: [keep(s)]))
                 for style in (Style.FIRST_LETTER, Style.NORMAL))  # type: ignore[return-value]


def test_keys_worked_out_a_word_at_a_time_are_those_of_the_whole_name() -> None:
    # every demo catalog name, the odd ones, and joins of them (a word cached from one name meets another)
    from charity_pos.demo.products import PRODUCTS

    names = [product[1] for product in PRODUCTS] + list(ODD_NAMES)
    names += [a + b for a, b in zip(names, reversed(names), strict=True)]
    pinyin._keys.cache_clear()
    pinyin._part_keys.cache_clear()
    for _ in range(2):  # with cold caches, then warm
        for name in names:
            assert (pinyin.initials(name), pinyin.full(name)) == _lazy_keys(name), name
    assert pinyin.initials("大宝SOD蜜") == "dbsodm" and pinyin.full("自行车") == "zixingche"


def test_a_persons_name_gives_the_same_initials_and_stays_in_no_cache() -> None:
    names = ["王建国", "欧阳娜娜", "张伟明", "李 A1", "重庆路", *ODD_NAMES]
    pinyin._keys.cache_clear()
    pinyin._part_keys.cache_clear()
    unkept = [pinyin.initials_unkept(name) for name in names]
    assert pinyin._keys.cache_info().currsize == 0 and pinyin._part_keys.cache_info().currsize == 0
    assert unkept == [_lazy_keys(name)[0] for name in names]
    assert unkept == [pinyin.initials(name) for name in names]
