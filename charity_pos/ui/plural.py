"""English plurals for the English app.

English is the source language, so the app runs in English with no
catalog, and a count written the Qt way, ``self.tr("%n line(s)", "", n)``,
would come out as "1 line(s)". This translator gives such a text its
English form: "(s)" dropped for one, "s" for any other count ("1 line",
"0 lines", "3 lines"). Texts without a count are left to the source.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

PLURAL = "(s)"


def english(source: str, n: int) -> str:
    return source.replace(PLURAL, "" if n == 1 else "s")


class EnglishPlurals(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: ARG002
                  n: int = -1) -> str:
        if n < 0 or PLURAL not in source:
            return None  # type: ignore[return-value]  # a null text: the source is used
        return english(source, n)

    def isEmpty(self) -> bool:  # noqa: N802
        return False
