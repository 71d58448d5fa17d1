"""An amount in Chinese capitals (大写金额), as written on receipts.

The rules are those of the People's Bank of China's 《支付结算办法》 for
writing amounts on financial documents:

- the integer part is read in groups of four digits (元, 万, 亿, 万亿);
  ``拾`` always has its digit in front (10 -> 壹拾元);
- a run of zeros between two digits is written as one ``零``, also across a
  group boundary (10,005 -> 壹万零伍元; 1,000,000 -> 壹佰万元);
- an amount with no jiao and no fen ends in ``整``; one with jiao but no fen
  ends ``角整``; fen with no jiao after yuan is written ``零X分``
  (100.07 -> 壹佰元零柒分);
- nothing at all is ``零元整``.
"""

from __future__ import annotations

from charity_pos.domain.money import check_fen

DIGITS = "零壹贰叁肆伍陆柒捌玖"
#: Places inside a group of four, from thousands down to ones.
PLACES = ("仟", "佰", "拾", "")
#: The unit of each group of four digits, from the lowest up.
GROUPS = ("", "万", "亿", "万亿")
PREFIX = "人民币"


def _integer_in_capitals(yuan: int) -> str:
    """Capitals for a whole number of yuan above zero, without ``元``."""
    groups: list[int] = []
    while yuan:
        yuan, group = divmod(yuan, 10_000)
        groups.append(group)
    if len(groups) > len(GROUPS):
        raise ValueError("amount too large for capitals")
    out: list[str] = []
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        for place, digit_char in zip(PLACES, f"{group:04d}"):
            digit = int(digit_char)
            if digit == 0:
                zero_pending = zero_pending or bool(out)
                continue
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(DIGITS[digit] + place)
        out.append(GROUPS[index])
    return "".join(out)


def amount_in_capitals(fen: int, *, prefix: str = PREFIX) -> str:
    """``25000`` -> ``人民币贰佰伍拾元整``; ``5`` -> ``人民币伍分``."""
    fen = check_fen(fen, field="amount")
    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)
    if fen == 0:
        return f"{prefix}零元整"
    text = f"{_integer_in_capitals(yuan)}元" if yuan else ""
    if jiao == 0 and fen_digit == 0:
        return f"{prefix}{text}整"
    if jiao:
        text += f"{DIGITS[jiao]}角"
    elif yuan:
        text += "零"
    text += f"{DIGITS[fen_digit]}分" if fen_digit else "整"
    return prefix + text
