"""Finding donors as staff type them: any part of the name, its pinyin
initials or full pinyin, or a company's credit code; never an anonymous giver."""

from __future__ import annotations

from charity_pos.services.donors import DonorDraft, DonorKind, name_matches


def test_a_name_is_found_by_its_characters_initials_and_full_pinyin() -> None:
    for typed in ("王建国", "建国", "wjg", "WJG", "wangjianguo", "wang jian guo", "jianguo", "jg"):
        assert name_matches("王建国", typed), typed
    for typed in ("李", "lmm", "wangjianguo2", ""):
        assert not name_matches("王建国", typed), typed
    assert not name_matches("", "w"), "an anonymous donor has no name to match"


def test_search_finds_registered_donors_by_pinyin_and_credit_code(services, cashier) -> None:
    services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "王建国", phone="13812345678"))
    services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "汪静", phone="13900001111"))
    services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司",
                                               credit_code="91310000132200821H"))
    services.donors.create(cashier, DonorDraft(DonorKind.ANONYMOUS))
    names = lambda text: sorted(d.name for d in services.donors.search(text))  # noqa: E731
    assert names("wjg") == ["王建国"]
    assert names("wangjing") == ["汪静"], "full pinyin"
    assert names("w") == ["汪静", "王建国"]
    assert names("mlzgh") == ["上海梅林正广和股份有限公司"]
    assert names("132200821h") == ["上海梅林正广和股份有限公司"], "credit code, any case"
    assert names("") == [] and names("   ") == [] and names("zzz") == []
