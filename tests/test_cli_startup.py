"""The command line's read commands start fast: they load no Qt, no
ReportLab, no pinyin tables and no Alembic (a file already at this
version's schema needs no migration), nor SQLAlchemy's PostgreSQL dialect (a
store file is SQLite), and still say what they said."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from charity_pos import cli_show
from charity_pos.db import migrate
from tests.test_cli import demo_copy  # noqa: F401  (a private copy of the session's demo store)

HEAVY = ("PySide6", "reportlab", "pypinyin", "alembic")
#: Modules (by full name) of packages a read needs only in part.
HEAVY_MODULES = ("sqlalchemy.dialects.postgresql",)

PROBE = """
import json, sys
from charity_pos import cli
code = cli.main(sys.argv[1:])
loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)
print(json.dumps({"code": code, "loaded": sorted(loaded & set(%r))}))
""" % (HEAVY + HEAVY_MODULES,)


def run_fresh(*argv: object) -> tuple[dict[str, object], str, str]:
    """The command line in a fresh interpreter: what it printed, and which heavy packages it loaded."""
    done = subprocess.run([sys.executable, "-c", PROBE, *map(str, argv)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.rstrip("\n").split("\n")
    return json.loads(last), "\n".join(printed), done.stderr


@pytest.mark.parametrize("argv", [
    ("show", "items"), ("show", "stock"), ("show", "journal"), ("show", "sales"), ("show", "households"),
    ("verify",),
])
def test_read_commands_load_no_qt_reportlab_pinyin_alembic_or_postgresql(filled_store, argv) -> None:
    result, out, err = run_fresh(*argv, "--db", filled_store.path, "--lang", "en")
    assert result["code"] == 0, err
    assert result["loaded"] == []
    if argv == ("show", "items"):
        assert "东北大米 5kg" in out and "海天金标生抽 500ml" in out
    if argv == ("verify",):
        assert out.startswith("OK: ")


def test_verify_maps_no_model_and_loads_no_cryptography(filled_store) -> None:
    """verify reads tables, never model instances: it configures no ORM mapper
    and loads no cryptography (the seal's key is a plain HMAC), both of which
    would cost every call time at start."""
    probe = (
        "import json, sys\n"
        "from charity_pos import cli\n"
        "code = cli.main(sys.argv[1:])\n"
        "from charity_pos.db.base import Base\n"
        "mapped = sorted(m.class_.__name__ for m in Base.registry.mappers if m.configured)\n"
        "print(json.dumps({'code': code, 'mapped': mapped, 'cryptography': 'cryptography' in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, "verify", "--db", str(filled_store.path), "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.rstrip("\n").split("\n")
    assert printed[0].startswith("OK: ")
    assert json.loads(last) == {"code": 0, "mapped": [], "cryptography": False}


def test_messages_are_chinese_without_qt(filled_store) -> None:
    """The default language's catalog is read without Qt: the same words as the app's."""
    result, out, err = run_fresh("verify", "--db", filled_store.path)
    assert result == {"code": 0, "loaded": []}
    assert out.startswith("校验通过：")
    result, out, err = run_fresh("show", "items", "--db", filled_store.path.with_name("missing.db"))
    assert result == {"code": 1, "loaded": []}
    assert err.startswith("错误：") and "missing.db" in err


def test_report_help_still_lists_the_kinds(capsys) -> None:
    from charity_pos import cli
    from charity_pos.hub.reports import kinds as hub_kinds
    from charity_pos.services.reports import ReportService

    with pytest.raises(SystemExit):
        cli.main(["report", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "one of: " + ", ".join(ReportService.kinds()) in out
    with pytest.raises(SystemExit):
        cli.main(["hub", "report", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "one of: " + ", ".join(hub_kinds()) in out


@pytest.mark.parametrize("kind", ["store", "hub"])
def test_the_revision_chain_read_from_the_files_is_alembics(kind: str) -> None:
    from alembic.script import ScriptDirectory

    from charity_pos.hub import engine as hub_engine

    migrations = migrate.STORE if kind == "store" else hub_engine.MIGRATIONS
    scripts = ScriptDirectory.from_config(migrations.config())
    assert migrations._read_chain() == tuple(reversed([r.revision for r in scripts.walk_revisions()]))
    assert migrations.head() == scripts.get_current_head()
    for rev in scripts.walk_revisions():
        for later in scripts.walk_revisions():
            below = {r.revision for r in scripts.iterate_revisions(later.revision, "base")}
            assert migrations.is_before(rev.revision, later.revision) == (rev.revision in below and rev is not later)


def test_a_chain_the_reader_does_not_know_is_left_to_alembic(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text("revision = 'a'\ndown_revision = None\n")
    (versions / "b.py").write_text("revision = 'b'\ndown_revision = ('a', 'c')\n")  # a merge
    migrations = migrate.Migrations(tmp_path)
    assert migrations._read_chain() is None
    (versions / "b.py").write_text("revision = 'b'\ndown_revision = 'a'\n")
    (versions / "c.py").write_text("revision = 'c'\ndown_revision = 'a'\n")  # a branch
    assert migrations._read_chain() is None
    (versions / "c.py").write_text("revision = 'c'\ndown_revision = 'b'\n")
    assert migrations._read_chain() == ("a", "b", "c")


#: What a read of the store never needs: the ORM and SQL toolkit (the file is
#: read through SQLite's driver), encryption, PDFs, Qt.
NEVER_FOR_A_READ = ("sqlalchemy", "cryptography", "reportlab", "PySide6")


#: A key every object of a listing's JSON has (``id`` unless named here).
FIRST_KEY = {"stock": "lot_id", "lots": "lot_id", "journal": "hash", "shifts": "number"}
#: The first column of each listing, in English.
FIRST_HEADER = {"items": "Barcode", "stock": "Barcode", "lots": "Code", "donations": "Number", "sales": "Number",
                "shifts": "Number", "handouts": "Number", "households": "Card", "journal": "No.", "store": "Code",
                "writeoffs": "Number"}


@pytest.mark.parametrize("argv", [*(("show", kind) for kind in sorted(cli_show.PLAIN)),
                                  *(("show", kind, "--json") for kind in sorted(cli_show.PLAIN)), ("verify",)])
def test_read_commands_load_no_sqlalchemy(demo_copy, argv) -> None:
    """Loading SQLAlchemy and the models alone takes longer than the whole
    read: these commands must never load them (what stays loaded at exit
    is what was imported on the way)."""
    probe = (
        "import json, sys\n"
        "from charity_pos import cli\n"
        "code = cli.main(sys.argv[1:])\n"
        f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({NEVER_FOR_A_READ!r}))\n"
        "print(json.dumps({'code': code, 'loaded': loaded}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *argv, "--db", str(demo_copy), "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.rstrip("\n").split("\n")
    assert json.loads(last) == {"code": 0, "loaded": []}
    if argv[0] == "verify":
        assert printed[0].startswith("OK: ")
    elif "--json" in argv:
        shown = json.loads("\n".join(printed))
        assert shown and all(row[FIRST_KEY.get(argv[1], "id")] for row in shown)
    else:
        assert printed[0].split()[0] == FIRST_HEADER[argv[1]]


def _subparser(parser, path):
    import argparse

    for name in path:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[name]
    return parser


def _parsed(capsys, argv: list[str], parse) -> tuple[object, str, str]:
    """What parsing ``argv`` with ``parse`` gives: the arguments or the exit code, and what it printed."""
    try:
        result: object = vars(parse(argv))
    except SystemExit as exc:
        result = exc.code
    out, err = capsys.readouterr()
    return result, out, err


@pytest.mark.parametrize("path", [("gui",), ("init",), ("demo",), ("verify",), ("receipt",), ("labels",), ("slip",),
                                  ("show",), ("households",), ("households", "import"),
                                  ("households", "erase-lapsed")])
def test_a_command_parsed_alone_says_what_the_whole_parser_says(capsys, path) -> None:
    """A command of this module's own is parsed by its parser alone (the
    others are not built): its help, its arguments and its errors are the
    whole parser's, with or without --lang before it."""
    from charity_pos import cli

    whole = cli._parser()
    assert cli._command_in([*path, "--help"]) == path[0]
    assert _parsed(capsys, [*path, "--help"], cli.parse_args) == _parsed(capsys, [*path, "--help"], whole.parse_args)
    assert _subparser(cli._parser(path[0]), path).format_help() == _subparser(whole, path).format_help()
    for argv in ([*path], [*path, "--db"], ["--lang", "en", *path, "--bogus"], [*path, "--db", "x.db", "extra"], ["--lang=zh_CN", *path, "--db", "x.db"],
                 [*path, "--db", "x.db", "--lang", "fr"]):
        assert _parsed(capsys, argv, cli.parse_args) == _parsed(capsys, argv, whole.parse_args), argv


@pytest.mark.parametrize("argv", [[], ["--help"], ["--lang", "fr", "show", "items"], ["--lang"], ["--la", "en", "show"],
                                  ["trace", "--help"], ["nothing"], ["report", "--help"]])
def test_anything_else_is_parsed_by_the_whole_parser(capsys, argv) -> None:
    from charity_pos import cli

    assert cli._command_in(argv) is None


def test_show_builds_no_other_commands_parser(filled_store) -> None:
    """The modules of the other commands (sync, hub, reports, backups…) are not even imported by a listing."""
    probe = ("import json, sys\nfrom charity_pos import cli\ncode = cli.main(sys.argv[1:])\n"
             "print(json.dumps([code, sorted(m for m in sys.modules if m in ('charity_pos.hub.cli', 'charity_pos.sync.cli',"
             " 'charity_pos.cli_reports', 'charity_pos.cli_backup', 'charity_pos.cli_bill'))]))\n")
    done = subprocess.run([sys.executable, "-c", probe, "show", "items", "--db", str(filled_store.path), "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert json.loads(done.stdout.rstrip("\n").split("\n")[-1]) == [0, []], done.stderr
