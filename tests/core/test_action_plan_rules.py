"""The action plan's rules (plan-file.md, "The action plan as JSON"), checked with hypothesis over
generated plans, on the JSON the export writes:

* the ``contribute`` amounts to ``traditional_ira`` plus ``roth_ira`` never exceed the person's IRA limit;
* the backdoor ``contribute`` equals Form 8606 line 1 (when the entries fit the limit) and the backdoor
  ``convert`` made in the year equals line 8;
* no ``contribute`` to ``plan_after_tax`` while the Mega Backdoor is blocked, and an ``ask_plan`` step
  first while a needed plan feature is not known (then no mega money step at all);
* a ``contribute`` comes before the ``convert`` of the same money; a planned roll-in comes before the
  conversion, by December 31;
* every step due before ``made_on`` and not done is flagged ``deadline_passed``.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rothwizard.core import compute, plan_from_data
from rothwizard.core.actionplan import build_action_plan
from rothwizard.core.errors import RothWizardError
from rothwizard.core.limits import supported_years

ACTIONS = {"ask_plan", "open_account", "contribute", "roll_in", "convert", "distribute", "recharacterize",
           "remove_excess", "invest", "check"}
STRATEGIES = {"direct_roth", "backdoor_roth", "mega_backdoor_roth", "fix"}
MONEY_ACTIONS = {"contribute", "roll_in", "convert", "distribute", "recharacterize", "remove_excess"}

tri = st.sampled_from([True, True, False, None])
amount = st.sampled_from([0, 1000, 5000, 7000, 7500, 8600, 12000])


@st.composite
def people(draw):
    nondeductible = draw(st.one_of(st.none(), amount))
    ira = {
        "roth_contribution": draw(st.sampled_from([0, 0, 0, 2000, 4000, 7500])),
        "nondeductible_contribution": nondeductible,
        "conversion": draw(st.one_of(st.none(), st.none(), amount)),
        "prior_basis": draw(st.sampled_from([0, 0, 3000])),
        "balance_dec31": draw(st.sampled_from([0, 0, 1000, 50000])),
        "roll_in_planned": draw(st.booleans()),
    }
    if nondeductible is not None and draw(st.booleans()):
        ira["contributed_after_year_end"] = draw(st.integers(0, nondeductible))
    person = {"age": draw(st.sampled_from([30, 45, 50, 59, 61, 65])),
              "compensation": draw(st.sampled_from([0, 5000, 120000, 400000])), "ira": ira}
    if draw(st.booleans()):
        person["employer_plan"] = {
            "type": draw(st.sampled_from(["401k", "403b"])),
            "elective_deferrals": draw(st.sampled_from([0, 23000, 24500])),
            "employer_contributions": draw(st.sampled_from([0, 10000, 50000])),
            "after_tax_contributions": draw(st.one_of(st.none(), st.sampled_from([0, 5000, 30000]))),
            "features": {k: draw(tri) for k in ("after_tax_contributions", "in_service_distributions",
                                                 "in_plan_roth_conversion", "accepts_roll_ins")},
        }
    return person


@st.composite
def plans(draw):
    status = draw(st.sampled_from(["single", "married_filing_jointly", "head_of_household"]))
    plan = {"tax_year": draw(st.sampled_from(supported_years())), "filing_status": status,
            "magi": draw(st.sampled_from([100000, 160000, 245000, 400000])), "you": draw(people())}
    if status == "married_filing_jointly":
        plan["spouse"] = draw(people())
    return plan


days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 6, 30))


@settings(max_examples=400, deadline=None)
@given(plans(), days)
def test_the_action_plan_keeps_its_rules(data, today):
    try:
        plan = plan_from_data(data)
        report = compute(plan)
    except RothWizardError:
        assume(False)
        return
    ap = build_action_plan(plan, report, today)
    out = json.loads(json.dumps(ap.to_json()))  # what the export writes
    assert out["made_on"] == today.isoformat()
    warnings_by_who = {p["who"]: p["warnings"] for p in out["people"]}
    for p, person in zip(out["people"], ap.people, strict=True):
        rep = getattr(report, p["who"])
        entries = dict(plan.people())[p["who"]]
        steps = p["steps"]
        ids = [s["id"] for s in steps]
        assert len(ids) == len(set(ids))
        for s in steps:
            assert s["action"] in ACTIONS and s["strategy"] in STRATEGIES
            assert s["id"].startswith(p["who"] + "_")
            if s["action"] == "contribute":
                assert s["account"] in ("traditional_ira", "roth_ira", "plan_after_tax")
                assert s["amount"] is not None and s["amount"] > 0
            if s["action"] == "convert":
                assert s["account"] in ("traditional_ira", "plan_after_tax")

        # One IRA limit across traditional and Roth contributions (IRC 219(b)(1), 408A(c)(2)).
        ira_total = sum(Decimal(str(s["amount"])) for s in steps
                        if s["action"] == "contribute" and s["account"] in ("traditional_ira", "roth_ira"))
        assert ira_total <= Decimal(str(p["ira_limit"]))

        backdoor = [s for s in steps if s["strategy"] == "backdoor_roth"]
        contrib = [s for s in backdoor if s["action"] == "contribute"]
        convert = [s for s in backdoor if s["action"] == "convert" and s["id"].endswith("_backdoor_convert")]
        room = p["ira_limit"] - float(entries.ira.roth_contribution) - float(entries.ira.deductible_contribution)
        if contrib and rep.form_8606.line_1 <= room:
            assert contrib[0]["amount"] == rep.form_8606.line_1
        if convert:
            assert convert[0]["amount"] == rep.form_8606.line_8
        if backdoor and rep.form_8606.line_8:
            assert convert, "a conversion in the year has its step"
        # A contribute comes before the convert of the same money; a roll-in before the conversion.
        for strategy in ("backdoor_roth", "mega_backdoor_roth"):
            order = [s["action"] for s in steps if s["strategy"] == strategy]
            if "contribute" in order and "convert" in order:
                assert order.index("contribute") < order.index("convert")
        actions = [s["action"] for s in backdoor]
        if "roll_in" in actions and "convert" in actions:
            assert actions.index("roll_in") < actions.index("convert")
        if "roll_in" in actions:
            assert entries.ira.roll_in_planned

        # No plan money while the mega backdoor is blocked; questions first while a feature is unknown.
        mega = [s for s in steps if s["strategy"] == "mega_backdoor_roth"]
        blockers = set(rep.mega_backdoor.blockers)
        if blockers:
            assert not [s for s in mega if s["action"] in MONEY_ACTIONS]
        if blockers == {"feature_unknown"} and mega:
            assert all(s["action"] == "ask_plan" for s in mega)
        if mega and mega[0]["action"] != "ask_plan":
            assert not blockers
        # The route follows the features: in-plan conversion when offered, else in-service distribution.
        ep = entries.employer_plan
        if any(s["action"] in ("convert", "distribute") for s in mega):
            route = "convert" if ep.features.in_plan_roth_conversion else "distribute"
            assert [s["action"] for s in mega if s["action"] in ("convert", "distribute")] == [route]

        # A plan that allows it gets its money steps; no checklist is ever empty.
        if not blockers and rep.mega_backdoor.after_tax_planned > 0:
            assert [s for s in mega if s["action"] == "contribute"][0]["amount"] == \
                float(rep.mega_backdoor.after_tax_planned)
        assert all(c.steps for c in person.checklists)

        # Deadlines passed are flagged.
        flagged = [w for w in warnings_by_who[p["who"]] if w["code"] == "deadline_passed"]
        overdue = [s for s in steps if s["due"] and s["due"] < out["made_on"] and not s["done_on"]]
        assert len(flagged) == len(overdue)

        # Every view's figures come from these steps: the headline names each contribution's amount.
        for s in steps:
            if s["action"] == "contribute" and s["strategy"] != "fix":
                assert f"${s['amount']:,.0f}" in out["headline"]
        assert person.steps == tuple(st_ for c in person.checklists for st_ in c.steps)
