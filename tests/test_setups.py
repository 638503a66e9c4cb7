"""The two setups: `make run` installs the runtime only, `make test` adds the test tools; CI runs `make test`."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def dry_run(target: str, tmp_path: Path) -> list[str]:
    """Return the commands `make <target>` would run in a fresh clone (no .venv yet)."""
    clone = tmp_path / "clone"
    clone.mkdir(exist_ok=True)
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(REPO / name, clone / name)
    # Under CI this runs inside `make test`: without --no-print-directory the inner make adds
    # "Entering/Leaving directory" lines.
    proc = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=clone, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_make_run_installs_the_runtime_only(tmp_path: Path) -> None:
    commands = dry_run("run", tmp_path)
    installs = [c for c in commands if "pip install" in c and " -e " in c]  # the project's own installs
    assert installs and all("-c constraints.txt" in c for c in installs)
    assert any(c.rstrip().endswith("-e .") for c in installs)
    assert not any("[test]" in c for c in commands)
    assert commands[-2:] == [".venv/bin/searchsvc index", ".venv/bin/searchsvc serve"]


def test_make_test_adds_the_test_tools_and_ci_runs_it(tmp_path: Path) -> None:
    commands = dry_run("test", tmp_path)
    assert any("pip install" in c and c.rstrip().endswith("-e .") for c in commands)
    assert any("pip install" in c and "-e '.[test]'" in c for c in commands)
    assert commands[-1] == ".venv/bin/python -m pytest -W error"
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    # The test tools are extras, none of them a runtime dependency.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {d.split("==")[0].lower() for d in project["dependencies"]}
    tools = {d.split("==")[0].lower() for d in project["optional-dependencies"]["test"]}
    assert {"pytest", "playwright", "schemathesis", "hypothesis"} <= tools and not runtime & tools
    assert "prometheus-client" in runtime


def test_every_package_folder_is_packaged() -> None:
    """pyproject.toml lists the packages (templates/ is mapped in as searchsvc.templates): a new one must be added."""
    tool = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    src = REPO / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}
    assert found <= set(tool["packages"]), f"add to [tool.setuptools] packages: {sorted(found - set(tool['packages']))}"
    assert tool["package-dir"]["searchsvc.templates"] == "templates"
