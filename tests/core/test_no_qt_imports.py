"""The core stays plain Python: importing it (and computing) loads neither PySide6 nor reportlab."""

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "spec-example.rothplan.json"


def test_core_imports_neither_qt_nor_reportlab():
    code = (
        "import sys, json\n"
        "import rothwizard.core, rothwizard.cli\n"
        "from rothwizard.core import compute, load_plan\n"
        f"compute(load_plan({str(EXAMPLE)!r}))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
