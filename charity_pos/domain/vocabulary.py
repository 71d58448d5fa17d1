"""The Chinese words printed on receipts and labels. These documents are
Chinese whatever language the screens are in, as official receipts are."""

CONDITIONS = {"new": "全新", "as_new": "九成新", "good_used": "完好旧物"}
VALUATIONS = {"invoice": "按发票", "market": "按市场价", "unvalued": "未估价"}
CASH_METHODS = {"cash": "现金", "wechat": "微信支付", "alipay": "支付宝", "unionpay": "银联卡", "bank_transfer": "银行转账"}
ANONYMOUS = "匿名"


def standard(condition: str, valuation: str) -> str:
    """The receipt's 标准 column: condition and valuation basis."""
    return f"{CONDITIONS.get(condition, condition)} · {VALUATIONS.get(valuation, valuation)}"

PAYMENT_METHODS = {**CASH_METHODS, "voucher": "储值券"}
SOURCES = {"donated": "捐赠", "purchased": "采购", "consigned": "代售"}
SALE_SLIP = "销售小票"
RETURN_SLIP = "退货单"
#: on every page of what a training store (培训模式) prints
TRAINING = "培训 · 非正式票据"
TRAINING_BAND = "培  训"
THANKS = "感谢您支持慈善事业！善款善物，用于帮困。"
