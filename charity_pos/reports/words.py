"""The words the ledgers and reports use for the codes the records hold, in
Chinese and English: labels, never raw codes (低保, not ``dibao``)."""

from __future__ import annotations

from charity_pos.reports.table import Words

W = Words

HOUSEHOLD_CATEGORIES = {
    "dibao": W("低保", "Subsistence allowance"),
    "dibao_edge": W("低保边缘", "Near subsistence"),
    "tekun": W("特困", "Extreme poverty"),
    "low_income": W("低收入", "Low income"),
    "expense": W("支出型贫困", "Poverty from expenses"),
    "temporary": W("临时救助", "Temporary relief"),
}

#: goods categories by code (the store's own names are Chinese; these are their English)
GOODS_CATEGORIES_EN = {
    "food": "Food", "grain_oil": "Grain and oil", "daily": "Daily goods", "clothing": "Clothing",
    "shoes_hats": "Shoes and hats", "bedding": "Bedding", "books": "Books and stationery", "toys": "Toys",
    "appliances": "Appliances", "other": "Other",
}

#: the units items are counted in (stored in Chinese as the store names them): English singular and plural
UNITS_EN = {
    "件": ("piece", "pieces"), "个": ("piece", "pieces"), "袋": ("bag", "bags"), "瓶": ("bottle", "bottles"),
    "包": ("pack", "packs"), "盒": ("box", "boxes"), "桶": ("tub", "tubs"), "条": ("piece", "pieces"),
    "双": ("pair", "pairs"), "套": ("set", "sets"), "本": ("copy", "copies"), "台": ("unit", "units"),
    "支": ("piece", "pieces"), "顶": ("piece", "pieces"), "把": ("piece", "pieces"), "斤": ("jin", "jin"),
    "公斤": ("kg", "kg"), "千克": ("kg", "kg"), "箱": ("case", "cases"), "罐": ("can", "cans"), "张": ("sheet", "sheets"),
}

SOURCES = {
    "donated": W("捐赠", "Donated"),
    "purchased": W("采购", "Purchased"),
    "consigned": W("代售", "Consigned"),
}

LOT_ORIGINS = {
    "donation": W("捐赠", "Donation"),
    "purchase": W("采购入库", "Purchase"),
    "count": W("盘盈", "Count surplus"),
    "unrecorded": W("未入库先售", "Sold before received"),
    "consignment": W("代销收货", "Consigned"),
}

CONDITIONS = {"new": W("全新", "New"), "as_new": W("九成新", "As new"), "good_used": W("完好旧物", "Used, good")}
VALUATIONS = {"invoice": W("按发票", "Invoice"), "market": W("按市场价", "Market price"),
              "unvalued": W("未估价", "Not valued")}

PAYMENT_METHODS = {
    "cash": W("现金", "Cash"), "wechat": W("微信支付", "WeChat Pay"), "alipay": W("支付宝", "Alipay"),
    "unionpay": W("银联卡", "UnionPay card"), "bank_transfer": W("银行转账", "Bank transfer"),
    "voucher": W("储值券", "Store voucher"),
}

#: why stock moved (``stock_movement.reason``)
MOVEMENTS = {
    "donation": W("捐赠入库", "Donation in"),
    "receipt": W("采购入库", "Purchase in"),
    "sale": W("销售出库", "Sale"),
    "void": W("销售作废退回", "Sale voided"),
    "return": W("退货入库", "Return"),
    "handout": W("发放出库", "Handout"),
    "count": W("盘点差异", "Count difference"),
    "writeoff": W("报损核销", "Write-off"),
    "transfer_in": W("调入", "Transfer in"),
    "transfer_out": W("调出", "Transfer out"),
    "consignment": W("代销收货", "Consigned in"),
    "consignment_return": W("退回委托方", "Returned to consignor"),
}

FUND_USES = {
    "relief_goods": W("购买帮困物资", "Relief goods bought"),
    "cash_aid": W("困难救助金", "Cash aid"),
    "activities": W("公益活动", "Charity activities"),
    "other": W("其他", "Other"),
}

DONOR_KINDS = {"person": W("个人", "Person"), "company": W("单位", "Organisation"),
               "anonymous": W("匿名", "Anonymous")}
ANONYMOUS = W("匿名", "Anonymous")
#: how a donor who did not agree to be named appears in public
UNNAMED_DONOR = W("爱心人士", "A kind donor")


def label(table: dict[str, Words], code: str | None, language: str = "zh_CN") -> str:
    """The word for a code; the code itself only for one no table knows."""
    if code is None:
        return ""
    words = table.get(code)
    return words.text(language) if words else code


def goods_category(code: str, name: str, language: str = "zh_CN") -> str:
    return name if language.startswith("zh") else GOODS_CATEGORIES_EN.get(code, name)
