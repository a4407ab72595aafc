"""rothwizard.paths finds resources/ in a checkout, a PyInstaller bundle, and when pointed elsewhere."""

import sys
from pathlib import Path

from rothwizard import paths


def test_checkout_mode(monkeypatch):
    monkeypatch.delenv("ROTHWIZARD_RESOURCES", raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.resource_path("limits", "2026.toml") == Path(__file__).resolve().parents[2] / (
        "resources/limits/2026.toml")
    assert paths.resource_path("limits", "2026.toml").is_file()


def test_frozen_bundle_mode(monkeypatch, tmp_path):
    monkeypatch.delenv("ROTHWIZARD_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


def test_override(monkeypatch, tmp_path):
    monkeypatch.setenv("ROTHWIZARD_RESOURCES", str(tmp_path))
    assert paths.resource_path("fonts") == tmp_path / "fonts"
