"""Several employer plans per person: every expected figure is worked by hand from the rule it names.

2026 figures (tax-rules.md table 1.2, IRS News Release IR-2025-111, Notice 2025-67): IRC 402(g)(1) and
457(e)(15) $24,500 each; IRC 414(v) catch-up $8,000 (60-63: $11,250); IRC 415(c)(1)(A) $72,000;
IRC 401(a)(17) $360,000; Roth catch-up wage threshold $150,000 (2025 FICA wages).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from rothwizard.core.calculator import compute
from rothwizard.core.errors import InvalidInput
from rothwizard.core.planfile import plan_from_data

OPEN = {"after_tax_contributions": True, "in_plan_roth_conversion": True, "in_service_distributions": True,
        "roth_deferrals": True}


def plan(age=45, compensation=400000, plans=(), ira=None, **person):
    return {
        "tax_year": 2026, "filing_status": "single", "magi": compensation,
        "you": {"age": age, "compensation": compensation,
                "ira": ira or {"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0},
                "employer_plans": list(plans), **person},
    }


def you(data):
    return compute(plan_from_data(data)).you


def codes(rep):
    return [w.code for w in rep.warnings]


def message(rep, code):
    return next(w.message for w in rep.warnings if w.code == code)


# ------------------------------------------------------------------ the plan file


def test_employer_plan_and_employer_plans_not_both():
    """Spec, "Several employer plans per person": a person has one or the other; the message names the field."""
    data = plan(plans=[{"type": "401k", "elective_deferrals": 1000}])
    data["you"]["employer_plan"] = {"type": "401k", "elective_deferrals": 1000}
    with pytest.raises(InvalidInput) as err:
        plan_from_data(data)
    assert str(err.value).startswith("you.employer_plans:")
    assert "not both" in str(err.value)


def test_the_older_single_plan_still_reads_as_a_list_of_one():
    data = plan()
    data["you"].pop("employer_plans")
    data["you"]["employer_plan"] = {"type": "401k", "elective_deferrals": 24500, "features": OPEN}
    rep = you(data)
    # E14-style: 72,000 - 24,500 = 47,500 (no employer contributions)
    assert [p.room for p in rep.plans] == [Decimal(47500)]
    assert rep.mega_backdoor.room == 47500 and rep.mega_backdoor.plan_index == 0


def test_an_unknown_plan_type_names_the_field():
    with pytest.raises(InvalidInput) as err:
        plan_from_data(plan(plans=[{"type": "457f", "elective_deferrals": 0}]))
    assert str(err.value).startswith("you.employer_plans.0.type:")


# ------------------------------------------------------------------ 403(b) + governmental 457(b)


def hospital(**change):
    b403 = {"employer": "County Hospital", "type": "403b", "elective_deferrals": 24500,
            "employer_contributions": 15000, "plan_compensation": 400000, "features": OPEN}
    b457 = {"employer": "County Hospital", "type": "457b", "elective_deferrals": 24500,
            "plan_compensation": 400000}
    b403.update(change.get("b403", {}))
    b457.update(change.get("b457", {}))
    return [b403, b457]


def test_hospital_physician_defers_in_full_to_a_403b_and_a_governmental_457b():
    """tax-rules.md 2.10 item 4 (S10: "If you're in a 457(b) plan, you have a separate limit"; Treas. Reg.
    1.457-5): $24,500 to each, no excess. 403(b) room: 72,000 - 24,500 - 15,000 = 32,500. The 457(b) is
    under IRC 457(b)(2), takes no after-tax money: room 0, blocker no_after_tax_contributions."""
    rep = you(plan(plans=hospital()))
    assert "excess_deferral" not in codes(rep)
    assert [(p.type, p.room, p.available) for p in rep.plans] == [("403b", 32500, True), ("457b", 0, False)]
    assert rep.plans[1].blockers == ["no_after_tax_contributions"]
    assert rep.mega_backdoor.room == 32500 and rep.mega_backdoor.employer == "County Hospital"
    assert "mega_backdoor_roth" in compute(plan_from_data(plan(plans=hospital()))).recommendation


def test_a_457b_excess_is_its_own_and_leaves_the_403b_alone():
    """$26,000 to the 457(b) is $1,500 over its own $24,500; the 403(b)'s $24,500 is within 402(g)."""
    rep = you(plan(plans=hospital(b457={"elective_deferrals": 26000})))
    assert codes(rep).count("excess_deferral") == 1
    msg = message(rep, "excess_deferral")
    assert "$1,500" in msg and "457(b)" in msg and "April 15, 2027" in msg


def test_hospital_physician_at_52_catches_up_in_both_plans():
    """IRC 414(v)(2)(D): governmental 457(b) plans are aggregated apart from 401(k)/403(b) plans, so an
    $8,000 catch-up fits in each. 2025 FICA wages of $400,000 > $150,000: both must be Roth
    (IRC 414(v)(7)(A)); the 457(b)'s Roth option is not known, so it is asked."""
    plans = hospital(b403={"catch_up": 8000, "prior_year_fica_wages": 400000},
                     b457={"catch_up": 8000, "prior_year_fica_wages": 400000})
    rep = you(plan(age=52, plans=plans))
    assert "excess_catch_up" not in codes(rep)
    assert [p.catch_up_allowed for p in rep.plans] == [8000, 8000]
    assert codes(rep).count("roth_catch_up_required") == 2
    assert any("Roth deferrals" in q and "457(b)" in q for q in rep.plans[1].questions)
    # catch-ups are outside 415(c): the 403(b) room is still 32,500
    assert rep.plans[0].room == 32500


# ------------------------------------------------------------------ two employers in one year


def two_jobs(first=10000, second=16000, first_features=None):
    return [
        {"employer": "Valley Clinic", "type": "401k", "elective_deferrals": first, "employer_contributions": 3000,
         "plan_compensation": 60000, "features": first_features or OPEN},
        {"employer": "Lakeside Group", "type": "401k", "elective_deferrals": second,
         "employer_contributions": 10000, "plan_compensation": 250000, "features": OPEN},
    ]


def test_two_employers_share_one_402g_limit():
    """tax-rules.md E6 (irs.gov "How much salary can you defer...", one 402(g) limit per person) at 2026
    figures: 10,000 + 16,000 = 26,000, $1,500 above $24,500; the corrective distribution is due
    April 15, 2027 (IRC 402(g)(2)(A)(ii))."""
    rep = you(plan(age=40, plans=two_jobs()))
    msg = message(rep, "excess_deferral")
    assert "$1,500" in msg and "$24,500" in msg and "April 15, 2027" in msg
    assert "Valley Clinic 401(k)" in msg and "Lakeside Group 401(k)" in msg


def test_e6_after_2500_at_the_first_job_22000_fit_at_the_second():
    """E6 at 2026 figures: 24,500 - 2,500 = 22,000; one dollar more is an excess."""
    assert "excess_deferral" not in codes(you(plan(age=40, plans=two_jobs(2500, 22000))))
    assert "$1 " in message(you(plan(age=40, plans=two_jobs(2500, 22001))), "excess_deferral")


def test_two_unrelated_employers_each_have_their_own_415c_limit():
    """tax-rules.md E7 (S11: "the limit on annual additions applies to each plan separately").
    Valley: min(72,000 - 2,500 - 3,000, 100% of 60,000 - 5,500) = 54,500.
    Lakeside: 72,000 - 22,000 - 10,000 = 40,000. Valley's features are not known, so the Mega Backdoor
    goes to Lakeside, the plan with the most *available* room, and says why."""
    unknown = {"after_tax_contributions": None}
    rep = you(plan(age=40, plans=two_jobs(2500, 22000, first_features=unknown)))
    assert [p.room for p in rep.plans] == [54500, 40000]
    assert [p.shares_415c_with for p in rep.plans] == [[], []]
    assert rep.mega_backdoor.plan_index == 1 and rep.mega_backdoor.room == 40000
    assert "Lakeside Group 401(k)" in rep.mega_backdoor.chosen_because
    both = you(plan(age=40, plans=two_jobs(2500, 22000)))
    assert both.mega_backdoor.plan_index == 0 and "$54,500" in both.mega_backdoor.chosen_because


# ------------------------------------------------------------------ a 403(b) and one's own practice


def practice(group: str | None):
    return [
        {"employer": "St. Mary's", "type": "403b", "elective_deferrals": 24500, "employer_contributions": 10000,
         "plan_compensation": 300000, "controlled_group": group, "features": OPEN},
        {"employer": "Own practice", "type": "solo_401k", "elective_deferrals": 0,
         "employer_contributions": 25000, "plan_compensation": 200000, "controlled_group": group,
         "features": OPEN},
    ]


def test_a_403b_and_a_controlled_practice_share_one_415c_limit():
    """Treas. Reg. 1.415(f)-1(f)(2)(i) (tax-rules.md S19, E7 caution): the doctor's 403(b) is aggregated
    with the plan of a practice he controls. 24,500 + 10,000 + 25,000 = 59,500 of the $72,000 used:
    each plan shows the shared 12,500 left."""
    rep = you(plan(plans=practice("Dr. Rivera")))
    assert [p.room for p in rep.plans] == [12500, 12500]
    assert [p.shares_415c_with for p in rep.plans] == [[1], [0]]


def test_without_control_the_practice_has_its_own_limit():
    """S11 Greg example 1: not reduced by the other employer's plan. 403(b): 72,000 - 34,500 = 37,500.
    Solo: earned income 200,000 - 25,000 = 175,000 (IRC 415(c)(3)(B), 401(c)(2)); 72,000 - 25,000 = 47,000."""
    rep = you(plan(plans=practice(None)))
    assert [p.room for p in rep.plans] == [37500, 47000]


def test_after_tax_entered_in_one_uses_the_shared_room_of_the_other():
    data = practice("Dr. Rivera")
    data[0]["after_tax_contributions"] = 10000
    rep = you(plan(plans=data))
    # the solo plan: 72,000 - 59,500 - 10,000 = 2,500 left
    assert rep.plans[1].room == 2500
    data[1]["after_tax_contributions"] = 5000
    rep = you(plan(plans=data))
    # 10,000 + 5,000 of after-tax money in a shared 12,500: each plan says it is above its room
    said = [w.message for w in rep.warnings if w.code == "excess_after_tax"]
    assert len(said) == 2 and "shared with St. Mary's 403(b)" in said[1] and "$2,500" in said[1]


def test_shared_limit_already_exceeded_is_said_once():
    data = practice("Dr. Rivera")
    data[1]["employer_contributions"] = 40000
    data[1]["plan_compensation"] = 250000
    rep = you(plan(plans=data))
    # 24,500 + 10,000 + 40,000 = 74,500: $2,500 over
    assert codes(rep).count("excess_annual_additions") == 1
    assert "$2,500" in message(rep, "excess_annual_additions")


# ------------------------------------------------------------------ a solo 401(k) from moonlighting


def moonlighting(solo_deferrals=0, solo_employer=10000, s_corp=False, comp=50000, features=None):
    return [
        {"employer": "University Hospital", "type": "401k", "elective_deferrals": 24500,
         "employer_contributions": 12000, "features": OPEN},
        {"employer": "Locums LLC", "type": "solo_401k", "elective_deferrals": solo_deferrals,
         "employer_contributions": solo_employer, "plan_compensation": comp, "s_corporation": s_corp,
         "features": features or {}},
    ]


def test_moonlighting_solo_401k_employer_limit_is_20_percent():
    """Pub. 560 rate table for self-employed: a 25% plan rate is 0.25 / 1.25 = 20% of net earnings less
    half the SE tax (IRC 404(a)(8)(D), 1402(a)(12)): 20% x 50,000 = 10,000. $10,000 fits; $12,000 does not."""
    rep = you(plan(plans=moonlighting()))
    assert rep.plans[1].employer_contribution_limit == 10000
    assert "excess_employer_contribution" not in codes(rep)
    over = you(plan(plans=moonlighting(solo_employer=12000)))
    assert "$10,000" in message(over, "excess_employer_contribution")


def test_s_corporation_owner_limit_is_25_percent_of_w2_pay():
    """IRC 404(a)(3)(A)(i): 25% of the W-2 pay of $100,000 = 25,000."""
    rep = you(plan(plans=moonlighting(s_corp=True, comp=100000, solo_employer=25000)))
    assert rep.plans[1].employer_contribution_limit == 25000
    assert "excess_employer_contribution" not in codes(rep)


def test_deferrals_to_the_day_job_leave_none_for_the_solo_401k():
    """S11 Greg example 1: with $24,500 deferred at the employer, no further deferral fits in the solo
    401(k): $1,000 there is a $1,000 excess."""
    rep = you(plan(plans=moonlighting(solo_deferrals=1000)))
    assert "$1,000 above" in message(rep, "excess_deferral")


def test_solo_401k_document_unknown_is_a_blocker_with_the_question():
    """Most prototype documents allow no after-tax money: until the provider says so, feature_unknown, a
    warning, and the question to ask. Room: earned income 50,000 - 10,000 = 40,000, less the 10,000
    employer contribution = 30,000 (IRC 415(c)(1)(B), 415(c)(3)(B))."""
    rep = you(plan(plans=moonlighting()))
    solo = rep.plans[1]
    assert solo.room == 30000 and not solo.available and "feature_unknown" in solo.blockers
    assert "solo_401k_document" in codes(rep)
    assert any("Locums LLC solo 401(k)" in q and "after-tax" in q for q in solo.questions)
    no = you(plan(plans=moonlighting(features={"after_tax_contributions": False})))
    assert "no_after_tax_contributions" in no.plans[1].blockers
    # the day job's 401(k): 72,000 - 24,500 - 12,000 = 35,500 and available: it is the one chosen
    assert rep.mega_backdoor.plan_index == 0 and rep.mega_backdoor.room == 35500


def test_sep_ira_for_side_income_is_a_warning_that_offers_a_solo_401k():
    """Form 8606 instructions line 6: SEP and SIMPLE IRAs count; a solo 401(k) does not."""
    ira = {"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0, "sep_or_simple_ira": True}
    rep = you(plan(plans=moonlighting()[:1], ira=ira))
    msg = message(rep, "sep_simple_ira")
    assert "line 6" in msg and "solo 401(k)" in msg


# ------------------------------------------------------------------ no Roth deferrals, over 50


def no_roth(catch_up=8000, deferrals=24500, **features):
    return [{"employer": "Metro Group", "type": "401k", "elective_deferrals": deferrals, "catch_up": catch_up,
             "prior_year_fica_wages": 300000, "features": {**OPEN, "roth_deferrals": False, **features}}]


def test_no_roth_plan_means_no_catch_up_for_a_high_earner():
    """IRC 414(v)(7)(A): 2025 FICA wages of $300,000 > $150,000, so every 2026 catch-up must be Roth; the
    plan has no Roth deferrals, so it can take no catch-up from this person: allowed $0, the $8,000
    entered is an excess catch-up, and the Roth catch-up warning says no catch-up can be made there."""
    rep = you(plan(age=55, plans=no_roth()))
    assert rep.plans[0].catch_up_allowed == 0
    assert "excess_catch_up" in codes(rep)
    assert "no catch-up there" in message(rep, "roth_catch_up_required")


def test_no_roth_plan_deferrals_above_402g_are_an_excess_not_a_catch_up():
    """Treas. Reg. 1.414(v)-1: deferrals above 402(g) are catch-ups only up to the catch-up the plan may
    take ($0 here): 32,500 - 24,500 = 8,000 is an excess, returned by April 15, 2027."""
    rep = you(plan(age=55, plans=no_roth(catch_up=0, deferrals=32500)))
    assert "$8,000 above" in message(rep, "excess_deferral")


def test_super_catch_up_is_the_plans_choice():
    """IRC 414(v)(2)(E): $11,250 at 60-63 only where the plan offers it; otherwise $8,000; unknown: asked."""
    offered = you(plan(age=61, plans=no_roth(catch_up=0, roth_deferrals=True, super_catch_up=True)))
    refused = you(plan(age=61, plans=no_roth(catch_up=0, roth_deferrals=True, super_catch_up=False)))
    unknown = you(plan(age=61, plans=no_roth(catch_up=0, roth_deferrals=True)))
    assert [r.plans[0].catch_up_allowed for r in (offered, refused, unknown)] == [11250, 8000, 11250]
    assert any("60-63" in q for q in unknown.plans[0].questions)
    assert not any("60-63" in q for q in offered.plans[0].questions)


def test_each_available_plan_gets_its_own_mega_steps():
    """Two unrelated employers, both allowing the Mega Backdoor (S11: each has its own 415(c) limit):
    the action plan has a checklist per plan, each naming its employer, with ids of its own; Valley's
    54,500 (the most room) comes first, then Lakeside's 40,000 by in-service distribution (its plan
    has no in-plan conversion); the headline adds them up: 94,500."""
    import datetime as dt

    from rothwizard.core.actionplan import build_action_plan

    jobs = two_jobs(2500, 22000)
    jobs[1]["features"] = {**OPEN, "in_plan_roth_conversion": False}
    p = plan_from_data(plan(age=40, compensation=300000, plans=jobs))
    ap = build_action_plan(p, compute(p), today=dt.date(2026, 1, 5))
    mega = [c for c in ap.people[0].checklists if c.strategy == "mega"]
    assert [c.title for c in mega] == ["Mega Backdoor Roth (Valley Clinic 401(k))",
                                       "Mega Backdoor Roth (Lakeside Group 401(k))"]
    contribute = [s for c in mega for s in c.steps if s.action == "contribute"]
    assert [(s.id, s.amount) for s in contribute] == [("you_mega_contribute", 54500),
                                                       ("you_mega_contribute_plan2", 40000)]
    assert any(s.action == "distribute" for s in mega[1].steps)
    ids = [s.id for c in ap.people[0].checklists for s in c.steps]
    assert len(ids) == len(set(ids))
    assert "Mega Backdoor Roth (up to $94,500)" in ap.recommendation
