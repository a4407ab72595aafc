"""Plan files: atomic writes with ordinary permissions, and a round trip that keeps every field."""

import json
import os
import stat

import pytest

from rothwizard.core import load_plan, plan_from_data, save_plan
from rothwizard.core.planfile import atomic_write
from tests.conftest import person, plan


def test_round_trip_keeps_every_field(tmp_path):
    original = plan_from_data(plan(name="Dr. Lee", you=person(ira={"nondeductible_contribution": 7500.5}),
                                   filing_status="married_filing_jointly", spouse=person(age=61)))
    path = tmp_path / "p.rothplan.json"
    save_plan(original, path)
    assert load_plan(path) == original
    assert json.loads(path.read_text())["you"]["ira"]["nondeductible_contribution"] == 7500.5


def test_new_file_gets_umask_permissions_and_keeps_an_existing_mode(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "a.pdf"
        atomic_write(target, b"one")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)
        atomic_write(target, b"two")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_bytes() == b"two"
    finally:
        os.umask(old)


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_write_works_where_os_has_no_fchmod(tmp_path, monkeypatch):
    """Windows Python before 3.13 has no os.fchmod: every Save, Export and autosave failed there."""
    monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "plan.rothplan.json"
    atomic_write(target, b"{}")
    atomic_write(target, b'{"a": 1}')
    assert target.read_bytes() == b'{"a": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["plan.rothplan.json"]
