"""Facts about the project that the spec and build.py share. The version is read, never written here:
it is defined once, as ``__version__`` in rothwizard/__init__.py."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_NAME = "RothWizard"
APP_ID = "org.rothwizard.RothWizard"  # reverse-DNS id: AppStream, .desktop file, macOS bundle identifier
EXE_NAME = "rothwizard"
SUMMARY = "Plan a Backdoor Roth IRA and a Mega Backdoor Roth, step by step"


def read_version() -> str:
    """``__version__`` from rothwizard/__init__.py, parsed (not imported: the build Python may lack deps)."""
    tree = ast.parse((ROOT / "rothwizard" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, str) and value:
                return value
    raise SystemExit("packaging: no __version__ string in rothwizard/__init__.py")
