"""The merchant bill screen: a day's phone payments against WeChat Pay's and Alipay's bills."""

from charity_pos.ui.bill.view import BillScreen

__all__ = ["BillScreen"]
