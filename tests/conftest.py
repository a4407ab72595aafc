"""Shared fixtures: plan builders. Tests never write into the repository (tmp_path only)."""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def person(**over: Any) -> dict:
    """A person dict with a clean backdoor (nothing in other IRAs); override any field."""
    base = {
        "age": 45,
        "compensation": 400000,
        "covered_by_workplace_plan": True,
        "ira": {
            "nondeductible_contribution": 0,
            "conversion": 0,
            "balance_dec31": 0,
        },
        "employer_plan": None,
    }
    ira = over.pop("ira", {})
    base.update(over)
    base["ira"] = {**base["ira"], **ira}
    return base


def plan(**over: Any) -> dict:
    """A plan dict (single, 2026) with ``you`` from ``person()``; override any field."""
    base = {
        "schema_version": 1,
        "tax_year": 2026,
        "filing_status": "single",
        "magi": 400000,
        "you": person(),
        "spouse": None,
    }
    base.update(copy.deepcopy(over))
    return base


@pytest.fixture
def make_plan():
    return plan


@pytest.fixture
def make_person():
    return person
