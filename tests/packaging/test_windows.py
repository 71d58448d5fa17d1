"""The Windows recipe (packaging/windows/), checked on Linux: no Windows PC
and no Inno Setup here, so the installer script is read as text for what
would hurt a store if it changed (its id, its version, where it installs,
when it deletes the data, what its shortcuts start), and the folders the
app uses on Windows are worked out by platformdirs' own Windows rules with
the known folders Windows would give. Building and running the installer
is for a Windows PC (README, "Installing in a store")."""

from __future__ import annotations

import re
import uuid
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest
from PIL import Image

from charity_pos import config

from tests.packaging.conftest import PACKAGING

ISS = PACKAGING / "windows" / "charity-pos.iss"
SPEC = PACKAGING / "charity-pos.spec"
#: The installed app's id. Fixed for good: Windows knows the install by it, and a setup with
#: another id would put a second copy beside the first instead of upgrading it.
APP_ID = "B67D3FC4-1B26-4063-B2C2-1B89C0E24C40"

LOCALAPPDATA = PureWindowsPath(r"C:\Users\volunteer\AppData\Local")
ROAMING = PureWindowsPath(r"C:\Users\volunteer\AppData\Roaming")
DATA = LOCALAPPDATA / "charity-pos"
INSTALLED = LOCALAPPDATA / "Programs" / "charity-pos"  # Inno Setup's {userpf}\charity-pos


def sections(text: str) -> dict[str, list[str]]:
    """The script's lines by section, without comments and blank lines ([Code] kept whole)."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        heading = re.fullmatch(r"\[(\w+)\]", stripped)
        if heading:
            current = heading.group(1)
            found.setdefault(current, [])
        elif stripped and (current == "Code" or not stripped.startswith(";")):
            found.setdefault(current, []).append(stripped)
    return found


@pytest.fixture(scope="module")
def iss() -> dict[str, list[str]]:
    return sections(ISS.read_text(encoding="utf-8-sig"))


def setup_value(iss: dict[str, list[str]], key: str) -> str | None:
    values = [line.split("=", 1)[1] for line in iss["Setup"] if line.split("=", 1)[0] == key]
    assert len(values) <= 1, f"{key} set twice"
    return values[0] if values else None


def entries(iss: dict[str, list[str]], section: str) -> list[dict[str, str]]:
    """An entry section's lines as their parameters (Name: "..."; Flags: ...)."""
    result = []
    for line in iss.get(section, []):
        if line.startswith("#"):
            continue
        params = {}
        for part in re.findall(r'(\w+):\s*("[^"]*"|[^;]*)', line):
            params[part[0]] = part[1].strip().strip('"')
        result.append(params)
    return result


def defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"$', text, re.MULTILINE))


def test_the_script_is_utf8_with_its_mark() -> None:
    """Inno Setup reads a script as UTF-8 only with the byte-order mark: its Chinese messages need it."""
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_app_id_is_a_fixed_guid(iss) -> None:
    app_id = setup_value(iss, "AppId")
    assert app_id == "{{" + APP_ID + "}"  # {{ is Inno Setup's written {
    assert str(uuid.UUID(APP_ID)).upper() == APP_ID


def test_the_version_comes_from_the_package_through_the_include(iss, build_info) -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    assert '#include "..\\..\\build\\windows\\version.iss"' in text
    assert setup_value(iss, "AppVersion") == "{#AppVersion}"
    assert setup_value(iss, "VersionInfoVersion") == "{#AppVersionQuad}"
    assert not re.search(r"\b\d+\.\d+\.\d+\b", text), "a version typed into the script"
    include = defines(build_info.inno_include())
    import charity_pos

    assert include["AppVersion"] == charity_pos.__version__


def test_it_installs_for_the_person_without_administrator_rights(iss) -> None:
    assert setup_value(iss, "PrivilegesRequired") == "lowest"
    assert setup_value(iss, "PrivilegesRequiredOverridesAllowed") is None
    assert setup_value(iss, "DefaultDirName") == r"{userpf}\charity-pos"
    assert setup_value(iss, "DisableDirPage") == "yes"  # nobody picks the data folder to install into
    assert setup_value(iss, "ArchitecturesInstallIn64BitMode") == "x64compatible"


def test_the_install_folder_is_not_the_data_folder(iss) -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    data = defines(text)["DataDir"]
    assert data == r"{localappdata}\charity-pos"
    install = setup_value(iss, "DefaultDirName").replace("{userpf}", r"{localappdata}\Programs")
    a, b = PureWindowsPath(install.lower()), PureWindowsPath(data.lower())
    assert a != b and not a.is_relative_to(b) and not b.is_relative_to(a)


def test_data_is_deleted_only_when_the_person_uninstalling_asks(iss) -> None:
    # nothing of the data in what an install or an upgrade deletes, nor in what an uninstall deletes by itself
    for section in ("InstallDelete", "UninstallDelete"):
        for entry in entries(iss, section):
            assert entry["Name"].startswith("{app}\\"), entry
            assert "localappdata" not in entry["Name"].lower() and "DataDir" not in entry["Name"]
    code = "\n".join(iss["Code"])
    assert code.count("DelTree(") == 1 and "DeleteFile" not in code and "RemoveDir" not in code
    # the one deletion: after the uninstall, not silent, a question whose default button is No
    procedure = re.search(r"procedure CurUninstallStepChanged\(.*?\nend;", code, re.DOTALL)
    assert procedure is not None and "DelTree(" in procedure.group(0)
    body = procedure.group(0)
    assert "if CurUninstallStep <> usPostUninstall then" in body
    assert re.search(r"if UninstallSilent or not DirExists\(Data\) then\s+exit;", body)
    asked = re.search(r"if MsgBox\((.*?)\) = IDYES then\s+DelTree\(Data, True, True, True\);", body, re.DOTALL)
    assert asked is not None and "MB_YESNO or MB_DEFBUTTON2" in asked.group(1)
    assert body.index("UninstallSilent") < body.index("MsgBox(") < body.index("DelTree(")
    assert "Data := ExpandConstant('{#DataDir}');" in body


def test_an_upgrade_replaces_only_the_program(iss) -> None:
    assert entries(iss, "InstallDelete") == [{"Type": "filesandordirs", "Name": r"{app}\_internal"}]
    files = entries(iss, "Files")
    assert [(f["Source"], f["DestDir"]) for f in files] == [(r"..\..\dist\{#DistFolder}\*", "{app}")]


def test_the_shortcuts_start_the_program_the_spec_builds(iss, build_info) -> None:
    include = defines(build_info.inno_include())
    assert include["AppExeName"] == f"{build_info.APP}.exe" and include["DistFolder"] == build_info.DIST_FOLDER
    icons = entries(iss, "Icons")
    assert {icon["Filename"] for icon in icons} == {r"{app}\{#AppExeName}"}
    assert [icon["Name"] for icon in icons if "Tasks" not in icon] == [r"{autoprograms}\{#AppTitle}"]
    assert {icon.get("Tasks") for icon in icons} == {None, "desktopicon", "hubicon"}
    assert [icon.get("Parameters") for icon in icons if icon.get("Tasks") == "hubicon"] == ["hub gui"]
    # the spec names its windowed program and its folder from the same place
    spec = SPEC.read_text(encoding="utf-8")
    assert re.search(r"name=build_info\.APP,\s+console=not WINDOWS", spec)
    assert re.search(r"name=build_info\.CLI,\s+console=True", spec)
    assert "name=build_info.DIST_FOLDER" in spec
    assert setup_value(iss, "UninstallDisplayIcon") == r"{app}\{#AppExeName}"


def test_the_optional_shortcuts_are_off_unless_chosen(iss) -> None:
    tasks = entries(iss, "Tasks")
    assert {t["Name"]: t.get("Flags") for t in tasks} == {"desktopicon": "unchecked", "hubicon": "unchecked"}


def test_every_message_the_script_uses_is_written_in_english_and_chinese(iss) -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    used = set(re.findall(r"\{cm:(\w+)", text)) | set(re.findall(r"CustomMessage\('(\w+)'\)", text))
    builtin = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}  # Inno Setup's own, in every language
    lines = iss["CustomMessages"]
    english = {line.split("=", 1)[0] for line in lines if not line.startswith("#") and "." not in line.split("=", 1)[0]}
    chinese = {line.split("=", 1)[0].split(".", 1)[1] for line in lines if line.startswith("chinesesimplified.")}
    assert used - builtin == english == chinese


def test_the_icon_file_has_every_size_windows_shows(iss) -> None:
    ico = ISS.parent / setup_value(iss, "SetupIconFile")
    with Image.open(ico) as image:
        assert image.format == "ICO"
        sizes = image.info["sizes"]
    assert {(n, n) for n in (16, 24, 32, 48, 256)} <= sizes


# --- The app's folders on Windows -------------------------------------------------------------------


@pytest.fixture
def on_windows(monkeypatch):
    """platformdirs' own Windows rules, with the known folders Windows gives (by the Shell API there)."""
    known = {"CSIDL_LOCAL_APPDATA": str(LOCALAPPDATA), "CSIDL_APPDATA": str(ROAMING),
             "CSIDL_COMMON_APPDATA": r"C:\ProgramData"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda name: known[name])
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.delenv("CHARITY_POS_HOME", raising=False)


def windows(path: Path) -> PureWindowsPath:
    return PureWindowsPath(str(path))


def test_every_file_the_app_keeps_is_under_localappdata_charity_pos(on_windows) -> None:
    store_id, hub_id = uuid.uuid4(), uuid.uuid4()
    settings = config.Settings()
    kept = {
        "store": settings.store, "backups": settings.backups, "settings": config.config_dir() / "settings.json",
        "store key": config.store_key_file(store_id), "hub key": config.hub_key_file(hub_id),
        "log": config.log_dir() / "charity-pos.log", "hub": config.data_dir() / "hub.sqlite3",
    }
    where = {what: windows(path) for what, path in kept.items()}
    assert where == {
        "store": DATA / "store.sqlite3", "backups": DATA / "backups", "settings": DATA / "settings.json",
        "store key": DATA / "keys" / f"{store_id}.key", "hub key": DATA / "hub-keys" / f"{hub_id}.key",
        "log": DATA / "Logs" / "charity-pos.log", "hub": DATA / "hub.sqlite3",
    }
    for path in where.values():  # never in the install folder, never roaming to other PCs
        assert not path.is_relative_to(INSTALLED) and not path.is_relative_to(ROAMING)


def test_the_store_key_is_in_the_data_folder_the_uninstaller_asks_about(on_windows) -> None:
    """What the uninstaller offers to delete ({localappdata}\\charity-pos) is the folder the app keeps
    everything in: nothing is left behind when the person asks, nothing else is deleted."""
    text = ISS.read_text(encoding="utf-8-sig")
    data = PureWindowsPath(defines(text)["DataDir"].replace("{localappdata}", str(LOCALAPPDATA)))
    assert windows(config.data_dir()) == windows(config.config_dir()) == data
    assert windows(config.log_dir()).parent == data
