"""Importing the sub-district's list of households in hardship from a
spreadsheet (.xlsx, or .csv as the offices export it: UTF-8 with or without
a BOM, or GB18030/GBK).

Three steps, none of which writes to the store until the last:

- ``read_rows`` finds the header row by its (Chinese or English) column
  names and reads every row below it (``reading``, ``headers``);
- ``preview`` checks every row as ``HouseholdService.register`` would
  (``validation``), and for duplicates within the file and against the
  registry (``previewing``, the same check as the hub's): the good rows as
  drafts, the bad ones with their reasons;
- ``HouseholdService.import_households`` saves the good rows, all in one
  transaction, and ``import_with_rejects`` writes the bad rows back, as the
  office sent them, in the file's own format with a 错误原因 column, for
  correcting (``rejects``).

The bad rows' values shown to anyone (``BadRow.values``) are masked: names
(``王**``), ID numbers (``310105********1234``) and certificate references.
Only the reject file, which goes back to the office that sent the list,
carries the rows as they were.

The names below are this package's public interface (the store's command
line and screens, the hub, the exports use them); its modules are its inside.
"""

from __future__ import annotations

from charity_pos.services.household_import.headers import (
    DATE_FIELDS,
    FIELDS,
    HEADER_SEARCH_ROWS,
    HEADERS,
    OPTIONAL_FIELDS,
    parse_date,
    plain_cell,
)
from charity_pos.services.household_import.previewing import (
    BadRow,
    Describe,
    ImportPreview,
    Registered,
    masked_values,
    preview,
    preview_file,
)
from charity_pos.services.household_import.reading import RawRow, Sheet, read_rows, read_sheet
from charity_pos.services.household_import.rejects import (
    FORMULA_STARTS,
    REASONS_HEADER,
    ImportOutcome,
    csv_safe,
    import_with_rejects,
    is_rejects_file,
    reasons_text,
    rejects_path,
    render_rejects,
    write_rejects,
)
from charity_pos.services.household_import.validation import draft_of, twice_in_file

__all__ = [
    "DATE_FIELDS", "FIELDS", "FORMULA_STARTS", "HEADERS", "HEADER_SEARCH_ROWS", "OPTIONAL_FIELDS", "REASONS_HEADER",
    "BadRow",
    "Describe", "ImportOutcome", "ImportPreview", "RawRow", "Registered", "Sheet", "csv_safe", "draft_of",
    "import_with_rejects", "is_rejects_file", "masked_values", "parse_date", "plain_cell", "preview",
    "preview_file", "read_rows", "read_sheet", "reasons_text", "rejects_path", "render_rejects", "twice_in_file",
    "write_rejects",
]
