"""Open, save, open gives back the same plan, for every plan the spec accepts (a property test).

The wizard keeps a plan as a dict (``core.flow``); what it saves must be the plan it opened: no spouse
dropped on a separate return, no ``lived_with_spouse`` lost, a joint return with ``spouse: null`` kept."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rothwizard.core import InvalidInput, flow, plan_from_data
from rothwizard.core.planfile import plan_to_json, save_draft_text
from tests.reliability.plans import valid_plan


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.integers(min_value=0, max_value=2**32))
def test_open_save_open_gives_back_the_same_plan(seed):
    raw = valid_plan(random.Random(seed))
    try:
        original = plan_from_data(raw, strict=True)
    except InvalidInput:
        assume(False)
        return
    data, draft = flow.open_data(json.loads(json.dumps(raw)))
    assert not draft
    saved = plan_from_data(json.loads(saved_text(data)), strict=True)
    assert saved == original
    again, _ = flow.open_data(json.loads(saved_text(data)))
    assert plan_from_data(json.loads(saved_text(again)), strict=True) == original


def saved_text(data):
    """What the wizard's Save writes (``gui.state.WizardState.file_content``): the complete plan, or, while
    a page still asks a question the file left out (e.g. the spouse's coverage on a separate return),
    what was entered, as it is."""
    try:
        return plan_to_json(flow.complete_plan(data))
    except InvalidInput:
        return save_draft_text(flow.draft_data(data))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.data())
def test_a_draft_saves_and_reopens_exactly_as_it_was(seed, draw):
    """Leave out any required fields: the draft file holds exactly what is left, and reopens to it."""
    raw = valid_plan(random.Random(seed))
    raw.pop("schema_version", None)
    paths = [p for p, _v in flow.leaves(raw)]
    for path in draw.draw(st.lists(st.sampled_from(paths), max_size=4, unique=True)) if paths else []:
        flow.set_path(raw, path, None)
    try:
        data, _draft = flow.open_data(json.loads(json.dumps(raw)))
    except InvalidInput:
        return  # e.g. a spouse on a single return: not a plan the spec accepts, even unfinished
    written = flow.draft_data(data)
    reopened, _ = flow.open_data(json.loads(json.dumps(written)))
    assert flow.draft_data(reopened) == written
