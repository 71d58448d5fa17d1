"""Merchant bills as WeChat Pay and Alipay let a merchant download them,
built from their published layouts with made-up numbers: WeChat Pay's in
UTF-8 with every field prefixed by a backquote and its summary at the end,
Alipay's in GBK between '#' comment lines with tab-padded text fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WECHAT_HEADER = ("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
                 "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
                 "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注")
ALIPAY_HEADER = ("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
                 "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,"
                 "券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注")


@dataclass(frozen=True)
class Row:
    at: str  # "2026-03-10 10:05:12", Beijing time
    transaction: str
    yuan: str  # "32.90"
    order: str = ""
    refund: str = ""  # a refund's number: the row is a refund
    note: str = ""


def wechat_bill(rows: Sequence[Row]) -> bytes:
    lines = [WECHAT_HEADER]
    paid = refunded = Decimal(0)
    for r in rows:
        status = "REFUND" if r.refund else "SUCCESS"
        settled = "0.00" if r.refund else r.yuan
        fields = [r.at, "wx2421b1c4370ec43b", "1900000109", "0", "POS01", r.transaction, r.order,
                  "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "MICROPAY", status, "CMB_DEBIT", "CNY", settled, "0.00",
                  r.refund or "0", f"R{r.refund}" if r.refund else "0", r.yuan if r.refund else "0.00", "0.00",
                  "ORIGINAL" if r.refund else "", "SUCCESS" if r.refund else "", "慈善超市商品", r.note,
                  "0.00000", "0.20%", r.yuan, r.yuan if r.refund else "0.00", ""]
        lines.append(",".join("`" + f for f in fields))
        amount = Decimal(r.yuan) if r.yuan.replace(".", "").isdigit() else Decimal(0)
        refunded += amount if r.refund else 0
        paid += 0 if r.refund else amount
    lines.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额")
    lines.append(f"`{len(rows)},`{paid:.2f},`{refunded:.2f},`0.00,`0.00000,`{paid:.2f},`{refunded:.2f}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def alipay_bill(rows: Sequence[Row]) -> bytes:
    lines = ["#支付宝业务明细查询", "#账号：[20880123456789010156]",
             "#起始日期：[2026年03月10日 00:00:00]   终止日期：[2026年03月11日 00:00:00]",
             "#-----------------------------------------业务明细列表----------------------------------------",
             ALIPAY_HEADER]
    for r in rows:
        kind = "退款" if r.refund else "交易"
        received = f"-{r.yuan}" if r.refund else r.yuan
        fields = [f"{r.transaction}\t", f"{r.order}\t", f"{kind}\t", "慈善超市商品\t", r.at, r.at, "\t", "\t",
                  "\t", "\t", "138****1234\t", r.yuan, received, "0.00", "0.00", "0.00", "0.00", "0.00", "\t",
                  "0.00", "0.00", f"{r.refund}\t", "-0.00", "0.00", r.note]
        lines.append(",".join(fields))
    lines += ["#-----------------------------------------业务明细列表结束------------------------------------",
              f"#交易合计：{sum(1 for r in rows if not r.refund)}笔，商家实收共0.00元，商家优惠共0.00元",
              f"#退款合计：{sum(1 for r in rows if r.refund)}笔，商家实收退款共0.00元，商家优惠退款共0.00元",
              "#导出时间：[2026年03月11日 10:15:00]"]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")
