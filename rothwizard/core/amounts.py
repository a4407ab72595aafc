"""The dollar types every plan model uses: one definition for the plan (``core.models``) and the
records of earlier years and forms received (``core.records``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, PlainSerializer

MAX_AMOUNT = Decimal("1000000000")  # a billion dollars: above it, a typo is likelier than a plan


def _money_json(value: Decimal) -> int | float:
    """Whole dollars as JSON integers (7500), cents as decimals (7500.5)."""
    return int(value) if value == value.to_integral_value() else float(value)


Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_AMOUNT, decimal_places=2, allow_inf_nan=False),
    PlainSerializer(_money_json, return_type=int | float, when_used="json"),
]
"""US dollars, never negative, at most two decimal places."""

Dollars = Annotated[int, Field(ge=0)]
"""A whole-dollar figure as the IRS form shows it."""
