"""A bounded fuzz of plan files (seeded, so a failure names its seed and can be replayed).

Every file, valid or broken, goes through ``rothwizard compute`` in-process and through the core:
exit 0, 1 or 2 only, no traceback, every rejection one line naming its field, every accepted plan's
report within the invariants (``tests/reliability/plans.py`` says which and where they come from).
``ROTHWIZARD_FUZZ_PLANS=N`` runs N files instead of the default; ``ROTHWIZARD_FUZZ_SEED`` moves the
start (``python -m tests.reliability.run`` runs a large batch outside the suite)."""

from __future__ import annotations

import os

from tests.reliability.plans import Tally, case, check

COUNT = int(os.environ.get("ROTHWIZARD_FUZZ_PLANS", "2000"))
START = int(os.environ.get("ROTHWIZARD_FUZZ_SEED", "0"))


def test_generated_plan_files_never_crash_and_name_their_field(tmp_path):
    tally = Tally()
    for seed in range(START, START + COUNT):
        check(seed, tmp_path, tally, action_plan=seed % 4 == 0)
        (tmp_path / f"plan-{seed}.rothplan.json").unlink()
    assert not tally.crashes, tally.crashes[:5]
    assert not tally.unnamed, tally.unnamed[:5]
    assert not tally.broken_invariants, tally.broken_invariants[:5]
    # the generator reaches both sides: valid plans and every kind of rejection
    assert tally.accepted > COUNT // 5 and tally.rejected > COUNT // 5, tally.summary()


def test_the_generator_is_reproducible():
    assert case(1234) == case(1234)
