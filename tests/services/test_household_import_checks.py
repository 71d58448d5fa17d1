"""The checks the store's and the hub's household imports share
(``household_import.preview_file``, ``twice_in_file``) and the reject file's
one way of being written, against a registry made up here: no store needed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from charity_pos import files
from charity_pos.domain.identity import mask_id
from charity_pos.errors import (
    CardAlreadyRegistered,
    CardTwiceInFile,
    IdAlreadyRegistered,
    IdTwiceInFile,
    NoRowsToImport,
    OutputExists,
    OutputIsFolder,
)
from charity_pos.services import household_import as hi
from tests.services.test_household_import import HEADER, english, make_id, row

ID_A, ID_B, ID_C = (make_id("19600101", f"{n:03d}") for n in (11, 21, 31))


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path


def raw(number: int, card: object, id_number: object) -> hi.RawRow:
    return hi.RawRow(number, {"card_number": card, "id_number": id_number}, ())


def nothing_registered() -> hi.Registered:
    return hi.Registered(set(), set(), lambda number: number)


def test_twice_in_file_finds_the_same_card_and_id_however_written() -> None:
    rows = [raw(2, "AX01", ID_A), raw(3, " ax01 ", ID_B), raw(4, "AX03", ID_A.lower()), raw(5, "AX04", ID_C)]
    found = hi.twice_in_file(rows)
    assert sorted(found) == [2, 3, 4], "row 5 shares nothing"
    assert [type(e) for e in found[2]] == [CardTwiceInFile, IdTwiceInFile]
    assert found[3][0].facts == {"value": "AX01", "rows": [2, 3]}
    assert found[4][0].facts == {"value": mask_id(ID_A), "rows": [2, 4]}, "the ID number masked"


def test_twice_in_file_leaves_what_is_no_id_number_to_the_row_check() -> None:
    # an ID saved as a number, or too short to be one, is the row's own problem, not a duplicate
    rows = [raw(2, "AX01", 3.10105e17), raw(3, "AX02", 3.10105e17), raw(4, "AX03", "1234"), raw(5, "AX04", "1234"),
            raw(6, None, None), raw(7, "", None)]
    assert hi.twice_in_file(rows) == {}


def test_preview_file_checks_against_the_registry_it_is_given(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "名单.csv", [row("AX000001", "王建国", ID_A, "3", "低保", 1),
                                              row("AX000002", "李秀英", ID_B, "2", "低保", 2),
                                              row("AX000003", "张伟", ID_C, "1", "低保", 3)])
    registry = hi.Registered({"AX000001"}, {"hash:" + ID_B}, lambda number: "hash:" + number)
    result = hi.preview_file(sheet, lambda: registry, english)
    assert [d.card_number for d in result.good] == ["AX000003"] and result.good_rows == (4,)
    assert [(b.row_number, [type(e) for e in b.errors]) for b in result.bad] == [
        (2, [CardAlreadyRegistered]), (3, [IdAlreadyRegistered])]
    assert result.bad[1].reasons == [f"A household with ID number {mask_id(ID_B)} is already registered."]


def test_preview_file_asks_the_registry_only_when_a_row_could_go_in(tmp_path: Path) -> None:
    # both rows fail their own check (no members): the registry cannot add to that
    sheet = write_csv(tmp_path / "名单.csv", [row("AX000001", "王建国", ID_A, "0", "低保", 1),
                                              row("AX000001", "李秀英", ID_B, "0", "低保", 2)])

    def registered() -> hi.Registered:
        raise AssertionError("the registry was read")

    result = hi.preview_file(sheet, registered, describe=lambda error: type(error).__name__)
    assert result.good == [] and [b.reasons for b in result.bad] == [
        ["InvalidInput", "CardTwiceInFile"], ["InvalidInput", "CardTwiceInFile"]]


def test_preview_file_refuses_a_file_without_rows(tmp_path: Path) -> None:
    with pytest.raises(NoRowsToImport):
        hi.preview_file(write_csv(tmp_path / "名单.csv", []), nothing_registered)


def test_a_bad_row_names_its_household_by_what_it_has() -> None:
    bad = hi.BadRow(2, {"card_number": "AX01", "head_name": "王**", "id_number": ""}, [])
    assert bad.household == "AX01 王**"
    assert hi.BadRow(3, {"card_number": "", "head_name": "", "id_number": ""}, []).household == ""


def test_the_reject_file_alone_and_beside_an_import_are_written_and_refused_alike(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "名单.csv", [row("AX000001", "", ID_A, "3", "低保", 1)])
    result = hi.preview_file(sheet, nothing_registered)
    out = hi.rejects_path(sheet)
    out.write_text("someone else's file", encoding="utf-8")
    with pytest.raises(OutputExists):
        hi.write_rejects(result, out, files.Protected())
    with pytest.raises(OutputExists):
        hi.import_with_rejects(result, sheet, lambda good: pytest.fail("saved"), files.Protected())
    out.unlink()
    out.mkdir()
    with pytest.raises(OutputIsFolder):
        hi.write_rejects(result, out, files.Protected())
    with pytest.raises(OutputIsFolder):
        hi.import_with_rejects(result, sheet, lambda good: pytest.fail("saved"), files.Protected())
    out.rmdir()
    alone = hi.write_rejects(result, tmp_path / "alone.csv", files.Protected()).read_bytes()
    done = hi.import_with_rejects(result, sheet, lambda good: pytest.fail("saved"), files.Protected())
    assert done.saved is None and done.rejects == out and out.read_bytes() == alone
    assert hi.is_rejects_file(out) and not list(tmp_path.glob("*.partial"))
