"""The release's rules, checked here on Linux without a Windows or Mac (issue 18, issue 11's release part).

- The workflow validates against GitHub's schema, ``zizmor`` finds nothing of medium severity or worse,
  and its jobs are shaped as a release needs: an arm64 and an Intel macOS build, the tag checked against
  the package version first, write access only for publishing, a time limit on every self-test.
- The PyInstaller spec is *executed* for each platform against a stand-in for PyInstaller's build
  classes, so what it would hand PyInstaller is checked: Info.plist versions, the macOS minimum derived
  from the pinned Qt's wheels, the Windows version resource, the translations every bundle carries.
- The Inno Setup script, the dmg script, the spec and pyproject agree on version, name, bundle id and
  icons; the installer installs where Windows expects and cleans up after an upgrade.
"""

from __future__ import annotations

import configparser
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from releasekit import (
    iss_define,
    iss_sections,
    iss_setup,
    iss_text,
    parse_version_resource,
    pinned_qt_macos_wheels,
    qt_translations_dest,
    release_pins,
    run_spec,
)
from ruamel.yaml import YAML  # YAML 1.2: the workflow's `on:` stays a string

from happyhorse_desktop import APP_NAME, ORG_NAME, __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
WORKFLOW_PATH = ROOT / ".github" / "workflows" / "release.yml"
ISS_PATH = PACKAGING / "windows" / "happyhorse.iss"
BUNDLE_ID = "ai.happyhorse.desktop"
RETIRED_RUNNERS = {"macos-13", "macos-12", "macos-11", "macos-10.15", "macos-latest", "macos-13-large"}


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return YAML(typ="safe").load(WORKFLOW_PATH.read_text(encoding="utf-8"))


def steps_of(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


# ---- the workflow ------------------------------------------------------------------------------------


def test_workflow_matches_githubs_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(WORKFLOW_PATH)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_worse() -> None:
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    result = subprocess.run(
        [zizmor, "--offline", "--min-severity", "medium", "--format", "json", str(WORKFLOW_PATH)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    findings = json.loads(result.stdout or "[]")
    summary = [(f["ident"], f["determinations"]["severity"]) for f in findings]
    assert findings == [], summary
    assert result.returncode == 0, result.stderr


def test_actions_are_pinned_to_commits_and_checkout_keeps_no_credentials(workflow: dict[str, Any]) -> None:
    text = WORKFLOW_PATH.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d+(\.\d+)*", comment), f"{action}: say which tag the commit is"
    for job in workflow["jobs"].values():
        for step in steps_of(job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_an_arm64_and_an_intel_macos_build(workflow: dict[str, Any]) -> None:
    macos = workflow["jobs"]["macos"]
    builds = {entry["arch"]: entry["runner"] for entry in macos["strategy"]["matrix"]["include"]}
    assert set(builds) == {"arm64", "x86_64"}
    assert builds["x86_64"].endswith("-intel")  # GitHub's Intel images are the "-intel" labels
    assert not builds["arm64"].endswith("-intel")
    assert not set(builds.values()) & RETIRED_RUNNERS  # and nothing that moves under us (macos-latest)
    assert macos["runs-on"] == "${{ matrix.runner }}"
    build = next(s for s in steps_of(macos) if "pyinstaller packaging/happyhorse.spec" in s.get("run", ""))
    assert "lipo -archs" in build["run"] and "$ARCH" in build["run"]  # the build is the arch it claims
    assert macos["env"]["ARCH"] == "${{ matrix.arch }}"


def test_the_tag_must_equal_the_package_version_before_anything_is_built(workflow: dict[str, Any]) -> None:
    jobs = workflow["jobs"]
    check = " ".join(s.get("run", "") for s in steps_of(jobs["version"]))
    assert 'release_version.py --tag "$REF_NAME"' in check
    for name in ("linux", "windows", "macos"):
        assert jobs[name]["needs"] == "version"
        assert jobs[name]["env"]["VERSION"] == "${{ needs.version.outputs.version }}"
    assert set(jobs["publish"]["needs"]) == {"version", "linux", "windows", "macos"}


@pytest.mark.parametrize(
    ("tag", "code"), [("v0.1.0", 0), ("refs/tags/v0.1.0", 0), ("v0.2.0", 1), ("0.1.0", 1)]
)
def test_release_version_script(tag: str, code: int) -> None:
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "release_version.py"), "--tag", tag.replace("0.1.0", __version__)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == code, result.stderr
    if code == 0:
        assert result.stdout.strip() == __version__
    else:
        assert f"does not match the package version {__version__}" in result.stderr


def test_least_permissions_per_job(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {}  # nothing by default
    for name, job in workflow["jobs"].items():
        permissions = job["permissions"]
        writes = {scope for scope, level in permissions.items() if level == "write"}
        if name == "publish":
            assert permissions == {"contents": "write"}
            assert job["if"] == "github.ref_type == 'tag'"
        else:
            assert writes == set(), f"{name} may write {writes}"


def test_every_job_and_every_self_test_has_a_time_limit(workflow: dict[str, Any]) -> None:
    self_tests = 0
    for name, job in workflow["jobs"].items():
        assert job["timeout-minutes"] <= 90, name
        for step in steps_of(job):
            if "--self-test" in step.get("run", "") or "build_linux.sh" in step.get("run", ""):
                self_tests += 1
                assert 0 < step["timeout-minutes"] <= 25, step.get("name")
                if "--self-test" in step["run"]:
                    assert "--report" in step["run"]  # the windowed builds have no console
    assert self_tests == 5  # Linux; Windows before and after install; macOS before and after the dmg


def test_the_self_test_runs_again_on_the_signed_app(workflow: dict[str, Any]) -> None:
    def after(job: str, marker: str) -> list[str]:
        runs = [s.get("run", "") for s in steps_of(workflow["jobs"][job])]
        position = next(i for i, run in enumerate(runs) if marker in run)
        return [run for run in runs[position + 1 :] if "--self-test" in run]

    assert after("windows", "build_installer.ps1"), "no self-test of the installed, signed app"
    assert after("macos", "make_dmg.sh"), "no self-test of the app in the signed disk image"


def test_signing_comes_from_secrets_and_is_cleaned_up(workflow: dict[str, Any]) -> None:
    macos, windows = workflow["jobs"]["macos"], workflow["jobs"]["windows"]
    keychain = next(s for s in steps_of(macos) if "keychain.sh create" in s.get("run", ""))
    assert keychain["env"]["MACOS_CERTIFICATE"] == "${{ secrets.MACOS_CERTIFICATE }}"
    cleanup = next(s for s in steps_of(macos) if "keychain.sh delete" in s.get("run", ""))
    assert cleanup["if"] == "always()"
    dmg = next(s for s in steps_of(macos) if "make_dmg.sh" in s.get("run", ""))
    assert set(dmg["env"]) >= {"MACOS_SIGN_IDENTITY", "MACOS_NOTARY_KEY_ID", "MACOS_NOTARY_ISSUER"}
    assert "MACOS_NOTARY_PROFILE" not in WORKFLOW_PATH.read_text()  # a profile lives in one Mac's keychain
    make_dmg = (PACKAGING / "macos" / "make_dmg.sh").read_text()
    assert "notarytool submit" in make_dmg and "--key-id" in make_dmg and "--issuer" in make_dmg
    assert "stapler staple" in make_dmg
    certificate = next(s for s in steps_of(windows) if "Import-PfxCertificate" in s.get("run", ""))
    assert certificate["env"]["WINDOWS_CERTIFICATE"] == "${{ secrets.WINDOWS_CERTIFICATE }}"


def test_releases_are_built_with_the_pinned_qt(workflow: dict[str, Any]) -> None:
    installs = [
        line.strip()
        for job in workflow["jobs"].values()
        for step in steps_of(job)
        for line in step.get("run", "").splitlines()
        if "pip install" in line and "--upgrade pip" not in line
    ]
    installs += [
        line for line in (PACKAGING / "build_linux.sh").read_text().splitlines() if 'pip" install' in line
    ]
    assert len(installs) == 3  # windows, macos, and the Linux build script
    for line in installs:
        assert "-c packaging/release-constraints.txt" in line, line
    pins = release_pins()
    assert pins["pyside6-essentials"] == pins["pyside6-addons"] == pins["shiboken6"]
    assert "pyinstaller" in pins


def test_inno_setup_is_pinned_and_its_compiler_looked_up(workflow: dict[str, Any]) -> None:
    runs = " ".join(s.get("run", "") for s in steps_of(workflow["jobs"]["windows"]))
    assert re.search(r"choco install innosetup --version \d+\.\d+\.\d+", runs)
    assert "Inno Setup 6\\ISCC.exe" not in runs
    script = (PACKAGING / "windows" / "build_installer.ps1").read_text()
    assert "function Find-Iscc" in script and "Uninstall\\Inno Setup*_is1" in script
    assert "/DAppVersion=$Version" in script


def test_artifact_names_carry_os_and_architecture(workflow: dict[str, Any]) -> None:
    paths = [
        step["with"]["path"]
        for job in workflow["jobs"].values()
        for step in steps_of(job)
        if step.get("uses", "").startswith("actions/upload-artifact@")
        and "installer-" in step["with"]["name"]
    ]
    assert sorted(paths) == [
        "dist/HappyHorse-Desktop-*-linux-x86_64.tar.gz",
        "dist/HappyHorse-Desktop-*-macos-*.dmg",
        "dist/HappyHorse-Desktop-*-windows-x64-setup.exe",
    ]
    make_dmg = (PACKAGING / "macos" / "make_dmg.sh").read_text()
    assert 'DMG="dist/HappyHorse-Desktop-${VERSION}-macos-${ARCH}.dmg"' in make_dmg
    assert "OutputBaseFilename=HappyHorse-Desktop-{#AppVersion}-windows-x64-setup" in iss_text()


# ---- the spec, executed ------------------------------------------------------------------------------


@pytest.fixture
def source_tree(tmp_path: Path) -> Path:
    """The repository as the spec sees it (the app's catalogues in resources/i18n included)."""
    tree = tmp_path / "repo"
    (tree / "packaging").mkdir(parents=True)
    for entry in PACKAGING.iterdir():
        (tree / "packaging" / entry.name).symlink_to(entry)
    (tree / "happyhorse_desktop").symlink_to(ROOT / "happyhorse_desktop")
    (tree / "resources").mkdir(parents=True)
    for entry in (ROOT / "resources").iterdir():
        (tree / "resources" / entry.name).symlink_to(entry)
    return tree


@pytest.fixture(params=["win32", "darwin"])
def built(request: pytest.FixtureRequest, source_tree: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    return request.param, run_spec(source_tree, request.param, monkeypatch, tmp_path)


def test_the_macos_bundle_says_the_package_version_and_the_pinned_qts_minimum(
    source_tree: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made = run_spec(source_tree, "darwin", monkeypatch, tmp_path)["made"]
    bundle = made["BUNDLE"][0].kwargs
    plist = bundle["info_plist"]
    assert bundle["version"] == plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert bundle["bundle_identifier"] == BUNDLE_ID and bundle["name"] == f"{APP_NAME}.app"
    assert plist["CFBundleName"] == plist["CFBundleDisplayName"] == APP_NAME
    qt_needs = max(
        tuple(int(n) for n in m)
        for w in pinned_qt_macos_wheels()
        for m in re.findall(r"macosx_(\d+)_(\d+)", w)
    )
    claimed = tuple(int(n) for n in plist["LSMinimumSystemVersion"].split("."))
    assert claimed >= qt_needs, f"Info.plist claims macOS {claimed}; the pinned Qt needs {qt_needs}"
    assert Path(bundle["icon"]).is_file() and bundle["icon"].endswith("resources/icon.icns")
    # Every language with a catalogue is declared, or macOS tells the app its user reads English.
    catalogues = {qm.name for qm in (ROOT / "resources" / "i18n").glob("happyhorse_*.qm")}
    assert catalogues == {"happyhorse_en.qm", "happyhorse_zh_CN.qm"}
    assert plist["CFBundleLocalizations"] == ["en", "zh-Hans"]  # zh_CN is written in Simplified (Hans)
    # Signed with the hardened runtime's entitlements when an identity is given.
    exe = made["EXE"][0].kwargs
    assert (
        exe["codesign_identity"]
        == bundle["codesign_identity"]
        == "Developer ID Application: Test (TEAMID1234)"
    )
    assert Path(exe["entitlements_file"]).is_file() and exe["target_arch"] in ("arm64", "x86_64")


def test_the_macos_minimum_is_the_newest_any_binary_needs() -> None:
    sys.path.insert(0, str(PACKAGING / "macos"))
    try:
        import min_macos
    finally:
        sys.path.remove(str(PACKAGING / "macos"))
    tags = ["cp310-abi3-macosx_13_0_universal2", "py3-none-any", "macosx-10.9-universal2"]
    assert min_macos.minimum_from_tags(tags) == (13, 0)
    assert min_macos.minimum_from_tags([*tags, "cp311-cp311-macosx_14_2_arm64"]) == (14, 2)
    assert min_macos.minimum_from_tags(["py3-none-any"]) is None


def test_the_windows_exe_gets_a_version_resource_from_the_package_version(
    source_tree: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    exe = run_spec(source_tree, "win32", monkeypatch, tmp_path)["made"]["EXE"][0].kwargs
    assert exe["name"] == "happyhorse" and exe["console"] is False
    assert exe["icon"].endswith("resources/icon.ico") and Path(exe["icon"]).is_file()
    resource = parse_version_resource(Path(exe["version"]).read_text(encoding="utf-8"))
    numbers = tuple(int(n) for n in __version__.split("."))
    assert resource["filevers"] == resource["prodvers"] == (*numbers, 0)
    assert resource["strings"]["FileVersion"] == resource["strings"]["ProductVersion"] == __version__
    assert resource["strings"]["ProductName"] == APP_NAME
    assert resource["strings"]["OriginalFilename"] == "happyhorse.exe"
    assert resource["strings"]["CompanyName"]


def test_every_bundle_carries_qts_chinese_catalogue_and_the_apps_own(
    built: tuple[str, dict[str, Any]],
) -> None:
    _platform, result = built
    datas = {dest for dest, _src, _kind in result["made"]["COLLECT"][0].args[2]}
    translations = qt_translations_dest()
    qt_catalogues = {Path(dest).name for dest in datas if dest.startswith(translations)}
    assert qt_catalogues == {"qtbase_zh_CN.qm", "qtbase_en.qm"}  # only qtbase, only zh_CN besides English
    assert "happyhorse_desktop/resources/i18n/happyhorse_zh_CN.qm" in datas
    assert "happyhorse_desktop/resources/i18n/happyhorse_en.qm" in datas  # English plural forms
    assert "happyhorse_desktop/resources/sample.mp4" in datas  # what the self-test decodes
    assert "happyhorse-desktop" in result["metadata"]  # pyproject's distribution name


def test_the_spec_builds_the_qt_catalogue_path_the_self_test_loads(
    source_tree: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # On Linux the catalogue comes from this very Qt, so its source file is real.
    result = run_spec(source_tree, "linux", monkeypatch, tmp_path)
    sources = [
        src for dest, src, _ in result["made"]["COLLECT"][0].args[2] if dest.endswith("qtbase_zh_CN.qm")
    ]
    assert any(Path(src).is_file() for src in sources)


# ---- Inno Setup, and everything agreeing ---------------------------------------------------------------


def test_inno_setup_installs_where_windows_expects() -> None:
    setup = iss_setup()
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"  # per-user Programs, or Program Files
    assert "{localappdata}" not in setup["DefaultDirName"]
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["MinVersion"] == "10.0"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert setup["VersionInfoVersion"] == "{#AppVersion}"
    assert "#error" in iss_text().split("#define AppName")[0]  # no silent 0.0.0 when the version is missing


def test_an_upgrade_replaces_the_library_folder() -> None:
    rules = iss_sections()["InstallDelete"]
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in rules
    files = iss_sections()["Files"][0]
    assert 'Source: "..\\..\\dist\\happyhorse\\*"' in files and "recursesubdirs" in files


def test_the_uninstaller_removes_the_data_platformdirs_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs.windows as windows

    monkeypatch.setenv("LOCALAPPDATA", "{localappdata}")
    monkeypatch.setattr(windows, "_RESOLVE_WIN_FOLDER", windows.get_win_folder_from_env_vars)
    expected = windows.Windows(APP_NAME, ORG_NAME).user_data_dir.replace("/", "\\")
    assert iss_define("DataDir") == expected
    code = iss_text().split("[Code]", 1)[1]
    assert "ExpandConstant('{#DataDir}')" in code
    assert "not IsAdminInstallMode()" in code  # never an administrator's own folder on an all-users uninstall


def test_name_version_bundle_id_and_icons_agree_everywhere() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    spec = (PACKAGING / "happyhorse.spec").read_text()
    make_dmg = (PACKAGING / "macos" / "make_dmg.sh").read_text()
    assert re.search(r'^name = "happyhorse-desktop"$', pyproject, re.M)
    assert 'version = { attr = "happyhorse_desktop.__version__" }' in pyproject
    assert f'APP_NAME = "{APP_NAME}"' in spec
    assert f'BUNDLE_ID = "{BUNDLE_ID}"' in spec and f"bundle id `{BUNDLE_ID}`" in " ".join(
        (ROOT / "README.md").read_text().split()
    )
    assert iss_define("AppName") == APP_NAME
    assert f'APP_NAME="{APP_NAME}"' in make_dmg
    assert iss_define("AppExe") == "happyhorse.exe" and 'name="happyhorse"' in spec
    # The spec reads the version the package declares; the dmg script refuses an app of another version.
    sys.path.insert(0, str(PACKAGING))
    try:
        from release_version import package_version
    finally:
        sys.path.remove(str(PACKAGING))
    assert package_version() == __version__
    assert '[ "$PLIST_VERSION" = "$VERSION" ]' in make_dmg
    # Icons: the installer's and the app's, all in the package data pyproject installs.
    iss_icon = (ISS_PATH.parent / iss_setup()["SetupIconFile"].replace("\\", "/")).resolve()
    assert iss_icon == (ROOT / "resources" / "icon.ico").resolve() and iss_icon.is_file()
    for icon in ("icon.ico", "icon.icns", "icon-256.png"):
        assert f'"{icon}"' in spec and (ROOT / "resources" / icon).is_file()
    package_data = re.search(r'"happyhorse_desktop.resources" = \[(.*)\]', pyproject)
    assert package_data and all(f'"*.{ext}"' in package_data.group(1) for ext in ("ico", "icns", "png"))


def test_the_readme_names_what_the_release_publishes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Download and install", 1)[1].split("\n## ", 1)[0]
    for name in (
        "HappyHorse-Desktop-<version>-windows-x64-setup.exe",
        "HappyHorse-Desktop-<version>-macos-arm64.dmg",
        "HappyHorse-Desktop-<version>-macos-x86_64.dmg",
        "HappyHorse-Desktop-<version>-linux-x86_64.tar.gz",
    ):
        assert name in section, name
    assert "Open Anyway" in section  # macOS 15's way to open an unsigned app
    assert "right-click ▸ Open" not in section


def iter_ini(path: Path) -> Iterator[tuple[str, str]]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    for section in parser.sections():
        yield from parser.items(section)


def test_the_linux_menu_entry_names_the_app() -> None:
    entries = dict(iter_ini(PACKAGING / "linux" / "happyhorse.desktop"))
    assert entries["name"] == APP_NAME
    assert entries["exec"].split()[0].endswith("happyhorse")
