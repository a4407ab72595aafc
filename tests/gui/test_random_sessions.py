"""A bounded random-session test: seeded people use the wizard every which way (typing odd text,
pasting, picking, ticking, Next and Back, Save, Open of good, draft and broken files, restores) and no
exception may go unhandled, whether raised in a call or in a Qt slot (``sys.excepthook``).
``ROTHWIZARD_SESSIONS=N`` runs N sessions (``python -m tests.reliability.run`` for large runs)."""

from __future__ import annotations

import os

import pytest

from tests.reliability.sessions import run_session

COUNT = int(os.environ.get("ROTHWIZARD_SESSIONS", "24"))


@pytest.mark.parametrize("chunk", range(3))
def test_random_sessions_raise_nothing(qtbot, monkeypatch, tmp_path, chunk):
    monkeypatch.chdir(tmp_path)  # a relative name from a dialog never lands in the repository
    actions = 0
    for seed in range(chunk, COUNT, 3):
        folder = tmp_path / f"s{seed}"
        folder.mkdir()
        session = run_session(seed, folder, qtbot, monkeypatch)
        actions += session.actions
        assert not session.errors, f"seed {seed}:\n" + "\n".join(session.errors[:3])
    assert actions >= 30 * (COUNT // 3)
