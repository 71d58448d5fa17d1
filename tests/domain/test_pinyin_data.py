"""Most names' pinyin keys are worked out from ``pinyin_data`` without
pypinyin's phrase table (55 MB, a third of a second to load). The catalog
stores the keys: they must be exactly what ``lazy_pinyin`` gives, whichever
way they were worked out."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charity_pos.domain import pinyin, pinyin_data, pinyin_gen

ROOT = Path(__file__).resolve().parents[2]
#: The characters ``pinyin_data`` keys.
_HELD = frozenset(c for _i, _f, chars in pinyin_data.KEYS for c in chars)


def _lazy(name: str) -> dict[str, object]:
    """Every key ``pinyin`` gives for a name, as ``lazy_pinyin`` gives it for the whole name."""
    from pypinyin import Style, lazy_pinyin

    keep = pinyin._keep
    first, normal = ([keep(p) for p in lazy_pinyin(name, style=style, errors=lambda s: [keep(s)])]
                     for style in (Style.FIRST_LETTER, Style.NORMAL))
    return {"initials": "".join(first), "full": "".join(normal), "unkept": "".join(first),
            "syllables": (tuple(first), tuple(normal))}


def _ours(name: str) -> dict[str, object]:
    return {"initials": pinyin.initials(name), "full": pinyin.full(name), "unkept": pinyin.initials_unkept(name),
            "syllables": (pinyin._syllables(name, "initials"), pinyin._syllables(name, "full"))}


def _by_characters(name: str) -> dict[str, object]:
    """The keys from ``pinyin_data`` alone, or ``None`` when the name needs the phrase table."""
    found = pinyin._fast(name)
    if found is None:
        return {}
    first, normal = tuple(i for i, _f in found), tuple(f for _i, f in found)
    return {"initials": "".join(first), "full": "".join(normal), "unkept": "".join(first),
            "syllables": (first, normal)}


def _chinese_strings(*folders: str) -> set[str]:
    """Every string literal with a Chinese character in the Python files under these folders."""
    found = set()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) <= 80 \
                        and any("\u4e00" <= c <= "\u9fff" for c in node.value):
                    found.add(node.value)
    return found


def _clear() -> None:
    for cached in (pinyin._keys, pinyin._part_keys, pinyin._syllables, pinyin._forms):
        cached.cache_clear()


# -------------------------------------------------------------------- the data


def test_the_file_is_what_the_installed_pypinyin_writes() -> None:
    """After upgrading pypinyin, ``python -m charity_pos.domain.pinyin_gen`` writes it again."""
    assert Path(pinyin_data.__file__).read_text(encoding="utf-8") == pinyin_gen.render()


def test_a_phrase_reading_a_character_otherwise_is_a_quirk(monkeypatch) -> None:
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    assert "王建" not in pinyin_data.QUIRKS.split()
    monkeypatch.setitem(PHRASES_DICT, "王建", [["wàng"], ["jiàn"]])  # 王's first reading: wáng, the same keys
    assert pinyin_gen.render() == Path(pinyin_data.__file__).read_text(encoding="utf-8")
    monkeypatch.setitem(PHRASES_DICT, "王建", [["yù"], ["jiàn"]])
    assert "\n王建\n" in pinyin_gen.render()
    monkeypatch.delitem(PHRASES_DICT, "王建")
    monkeypatch.setitem(PINYIN_DICT, ord("王"), "yù,wáng")
    assert "('y', 'yu', " in pinyin_gen.render() and "\n王建\n" not in pinyin_gen.render()


def test_every_quirk_is_read_otherwise_than_character_by_character() -> None:
    """No word is in the quirks that need not be (each one sends a name to the phrase table)."""
    keys = {c: (i, f) for i, f, chars in pinyin_data.KEYS for c in chars}
    quirks = pinyin_data.QUIRKS.split()
    assert 3000 < len(quirks) < 5000 and "银行" in quirks and "重庆" in quirks
    for word in quirks:
        lazy = _lazy(word)["syllables"]
        assert all(c in keys for c in word), word
        assert lazy != (tuple(keys[c][0] for c in word), tuple(keys[c][1] for c in word)), word


def test_the_data_holds_the_common_characters_and_is_small() -> None:
    from pypinyin.constants import PINYIN_DICT

    common = {chr(point) for point in PINYIN_DICT if 0x4E00 <= point <= 0x9FFF}
    assert len(common) > 20_000 and common <= _HELD, "every character of the common block pypinyin reads"
    assert os.path.getsize(pinyin_data.__file__) < 150_000


# -------------------------------------------------------------------- the same keys both ways


def test_every_name_of_the_demo_and_of_the_tests_has_lazy_pinyins_keys() -> None:
    from charity_pos.demo import people, products

    people_names = [s + g for s in people.SURNAMES for g in people.GIVEN]
    names = set(people_names) | set(people.COMPANIES) | {p[1] for p in products.PRODUCTS}
    from pypinyin.constants import PINYIN_DICT

    unreadable = {c for c in "兙㐂"}  # see test_a_character_pypinyin_has_no_reading_for_gives_nothing
    assert not any(ord(c) in PINYIN_DICT for c in unreadable)
    names |= {n for n in _chinese_strings("charity_pos/demo", "tests") if not unreadable & set(n)}
    assert len(names) > 3000
    _clear()
    fast = 0
    for name in sorted(names):
        lazy = _lazy(name)
        assert _ours(name) == lazy, name
        by_characters = _by_characters(name)
        if by_characters:
            fast += 1
            assert by_characters == lazy, name
    assert all(_by_characters(name) for name in people_names + list(people.COMPANIES)), \
        "the demo's donors and households need no phrase table"
    assert fast > 0.8 * len(names)


#: Characters of pypinyin's table in the common block (and, less often, any the data holds or some it does not),
#: letters, digits, spaces and punctuation, and words of its phrase table (quirks or not) for names that meet the
#: phrase table's cuts.
_COMMON = [chr(point) for point in range(0x4E00, 0xA000) if chr(point) in _HELD]
_WORDS = sorted(pinyin_data.QUIRKS.split()) + ["大米", "银行", "长城", "东北", "有限公司", "上海", "南京路",
                                                "自行车"]
_OTHER = "abcXYZ019 .-()（）【】《》，。·、×/+%&"
#: Characters pypinyin reads that the data does not hold (extensions B and C).
_UNHELD = "𠀀𪚥𫟼𡓘𦃊"
_PART = st.one_of(st.sampled_from(_COMMON), st.sampled_from(_COMMON), st.sampled_from(_OTHER),
                  st.text(alphabet=_OTHER, min_size=1, max_size=4), st.sampled_from(_WORDS),
                  st.sampled_from(sorted(_HELD)), st.sampled_from(_UNHELD))


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PART, max_size=10).map("".join))
def test_any_mix_of_characters_letters_digits_and_punctuation_has_lazy_pinyins_keys(name: str) -> None:
    assert not any(c in _HELD for c in _UNHELD) and all(pinyin._data().hans.match(c) for c in _UNHELD)
    lazy = _lazy(name)
    assert _ours(name) == lazy
    by_characters = _by_characters(name)
    assert not by_characters or by_characters == lazy


def test_a_character_pypinyin_has_no_reading_for_gives_nothing() -> None:
    """``lazy_pinyin`` fails on one in its first-letter style: no name with one could be keyed before."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PINYIN_DICT

    for name in ("兙米 5kg", "㐂", "银行兙"):
        assert any(ord(c) not in PINYIN_DICT and pinyin._data().hans.match(c) for c in name)
        with pytest.raises(IndexError):
            lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: [pinyin._keep(s)])
    _clear()
    assert (pinyin.initials("兙米 5kg"), pinyin.full("兙米 5kg"), pinyin.initials_unkept("兙米 5kg")) == \
        ("m5kg", "mi5kg", "m5kg")
    assert pinyin._syllables("兙米 5kg", "initials") == ("", "m", "5kg")
    assert pinyin._syllables("银行兙", "full") == ("yin", "hang", "")
    assert (pinyin.initials("㐂"), pinyin.full("㐂")) == ("", "")
    assert pinyin.full("兙米 5kg") == "".join(pinyin._keep(p) for p in lazy_pinyin("兙米 5kg"))
    assert pinyin.rank("兙米 5kg", "m") == pinyin.WHOLE and pinyin.matches("兙米 5kg", "mi")


@pytest.mark.parametrize("name", ["", " ", "a", "Ｔ恤", "K", "İ码", "㐀", "𠀀米", "\ue815", "〇号", "银行大米",
                                  "大米 银行"])
def test_odd_names_have_lazy_pinyins_keys(name: str) -> None:
    _clear()
    assert _ours(name) == _lazy(name)


# -------------------------------------------------------------------- the phrase table stays unloaded


def _run(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          timeout=120).stdout.strip()


def test_a_common_name_loads_no_phrase_table_and_a_heteronym_loads_it() -> None:
    out = _run("import sys\n"
               "from charity_pos.domain import pinyin\n"
               "names = ['王建国', '上海南京路百货商店有限公司', '金龙鱼 5kg', '大宝SOD蜜 200ml']\n"
               "print([pinyin.initials(n) for n in names], pinyin.full('王建国'),\n"
               "      pinyin.initials_unkept('李秀英'), pinyin.rank('东北大米 5kg', 'dm'))\n"
               "pinyin.warm(['张伟', '刘德华'])\n"
               "print(sorted(m for m in sys.modules if m.startswith('pypinyin')))\n"
               "print(pinyin.initials('银行'), pinyin.full('重庆小面'),\n"
               "      'pypinyin.phrases_dict' in sys.modules)\n")
    lines = out.splitlines()
    assert lines[0] == "['wjg', 'shnjlbhsdyxgs', 'jly5kg', 'dbsodm200ml'] wangjianguo lxy 2"
    assert lines[1] == "[]", "not even pypinyin"
    assert lines[2] == "yh chongqingxiaomian True"
