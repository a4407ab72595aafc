"""What the printed plan adds for the person who follows it and the tax professional who checks it:
the IRC 415(c) sum with its numbers, the amount per paycheck, the cash needed for the year, the tax
cost of a taxable conversion and how to pay it, the rules that apply (irrevocable conversions, the
five-year rules), the questions for HR, the choice of Roth destination, and each IRS source with its
irs.gov address. Decided here once; the PDF, the summary page and the JSON only show it."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from rothwizard.core.actionplan.model import long_date, money

# Federal brackets a physician with a taxable conversion is usually in (IRC 1(j)): the range shown
# when no marginal rate is entered.
RATE_RANGE = (Decimal(22), Decimal(37))
BIWEEKLY = 26

URLS = {
    "form_8606": "https://www.irs.gov/forms-pubs/about-form-8606",
    "pub_590a": "https://www.irs.gov/publications/p590a",
    "pub_590b": "https://www.irs.gov/publications/p590b",
    "forms_1099r_5498": "https://www.irs.gov/forms-pubs/about-form-1099-r",
    "notice_2014_54": "https://www.irs.gov/pub/irs-drop/n-14-54.pdf",
    "notice_2013_74": "https://www.irs.gov/pub/irs-drop/n-13-74.pdf",
    "limits_415c": ("https://www.irs.gov/retirement-plans/plan-participant-employee/"
                    "retirement-topics-401k-and-profit-sharing-plan-contribution-limits"),
    "form_1040es": "https://www.irs.gov/forms-pubs/about-form-1040-es",
    "form_w4": "https://www.irs.gov/forms-pubs/about-form-w-4",
    "ira_limits": ("https://www.irs.gov/retirement-plans/plan-participant-employee/"
                   "retirement-topics-ira-contribution-limits"),
}
# The year's newsroom release and notice (tax-rules.md, sources S1 to S3).
YEAR_URLS = {
    2024: ("https://www.irs.gov/newsroom/401k-limit-increases-to-23000-for-2024-ira-limit-rises-to-7000",
           "https://www.irs.gov/pub/irs-drop/n-23-75.pdf"),
    2025: ("https://www.irs.gov/newsroom/401k-limit-increases-to-23500-for-2025-ira-limit-remains-7000",
           "https://www.irs.gov/pub/irs-drop/n-24-80.pdf"),
    2026: ("https://www.irs.gov/newsroom/401k-limit-increases-to-24500-for-2026-ira-limit-increases-to-7500",
           "https://www.irs.gov/pub/irs-drop/n-25-67.pdf"),
}


@dataclass(frozen=True, slots=True)
class SumRow:
    label: str
    amount: Decimal
    note: str = ""

    @property
    def text(self) -> str:
        return money(self.amount)


@dataclass(frozen=True, slots=True)
class MoneyForYear:
    """One person's money for the year: the 415(c) sum, the amount per paycheck, the cash needed."""

    plan_label: str | None  # "401(k)", "County Hospital 403(b)"; None without an employer plan
    additions: tuple[SumRow, ...]  # deferrals, employer, after-tax, unused/shared: they add up to the limit
    limit: Decimal
    catch_up: Decimal
    total_into_plan: Decimal
    after_tax: Decimal
    paychecks: int
    paychecks_assumed: bool
    per_paycheck: Decimal | None
    cash: tuple[SumRow, ...]  # what the year needs besides the deferrals payroll takes from pay
    cash_total: Decimal
    cash_total_high: Decimal | None = None  # with a tax range: the total at the top rate

    @property
    def sum_text(self) -> str:
        """$24,500 + $10,800 + $18,700 = $72,000 (catch-ups on top: $8,000)."""
        parts = " + ".join(r.text for r in self.additions)
        text = f"{parts} = {money(self.limit)}"
        if self.catch_up:
            text += f"; catch-ups on top: {money(self.catch_up)}, {money(self.total_into_plan)} in all"
        return text

    def to_json(self) -> dict:
        return {"plan": self.plan_label, "annual_additions_limit": float(self.limit),
                "additions": {r.label: float(r.amount) for r in self.additions}, "catch_up": float(self.catch_up),
                "after_tax": float(self.after_tax), "paychecks": self.paychecks,
                "paychecks_assumed": self.paychecks_assumed,
                "per_paycheck": None if self.per_paycheck is None else float(self.per_paycheck),
                "cash": {r.label: float(r.amount) for r in self.cash}, "cash_total": float(self.cash_total),
                "cash_total_high": None if self.cash_total_high is None else float(self.cash_total_high)}


@dataclass(frozen=True, slots=True)
class ConversionTax:
    """The tax on a taxable conversion at the marginal rate (or a range), and how to pay it."""

    taxable: Decimal
    rate: Decimal | None  # percent entered, or None for the range
    low: Decimal  # tax at the rate, or at the low end of the range
    high: Decimal | None  # None with a rate entered
    how_to_pay: tuple[str, ...]
    estimated_dates: tuple[dt.date, ...]

    @property
    def cost_text(self) -> str:
        if self.rate is not None:
            return f"{money(self.low)} at your marginal rate of {_pct(self.rate)}"
        return (f"{money(self.low)} at {_pct(RATE_RANGE[0])} to {money(self.high)} at {_pct(RATE_RANGE[1])} "
                f"(enter your marginal rate for one figure)")

    def to_json(self) -> dict:
        return {"taxable": float(self.taxable), "rate": None if self.rate is None else float(self.rate),
                "tax": float(self.low), "tax_high": None if self.high is None else float(self.high),
                "estimated_tax_dates": [d.isoformat() for d in self.estimated_dates]}


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule the person must know, in plain words, with its source and an irs.gov address."""

    title: str
    text: str
    source: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class PrintedExtras:
    """Per person: money for the year and the conversion tax; for the plan: rules, HR questions, the
    Roth destination choice, sources with links."""

    money: dict = field(default_factory=dict)  # role -> MoneyForYear
    tax: dict = field(default_factory=dict)  # role -> ConversionTax
    rules: tuple[Rule, ...] = ()
    hr_questions: dict = field(default_factory=dict)  # role -> tuple[str, ...]
    destination: dict = field(default_factory=dict)  # role -> tuple[str, ...] (Roth IRA vs Roth 401(k))
    sources: tuple[Source, ...] = ()


def _pct(rate: Decimal) -> str:
    return f"{rate.normalize():f}%"


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _dollars(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def business_day(day: dt.date) -> dt.date:
    """A due date on a Saturday or Sunday moves to the Monday (IRC 7503; holidays are not modelled)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def estimated_tax_dates(year: int) -> tuple[dt.date, ...]:
    """Form 1040-ES due dates for a tax year: April 15, June 15, September 15 and January 15 of the next
    year (IRC 6654(c)(2); Form 1040-ES instructions), moved off weekends."""
    return tuple(business_day(d) for d in (dt.date(year, 4, 15), dt.date(year, 6, 15), dt.date(year, 9, 15),
                                          dt.date(year + 1, 1, 15)))


def paychecks_left(entered: int | None, year: int, today: dt.date) -> tuple[int, bool]:
    """The paychecks left in the year: the entry, else biweekly ones from ``today`` (26 before the year)."""
    if entered is not None:
        return entered, False
    start = max(today, dt.date(year, 1, 1))
    end = dt.date(year, 12, 31)
    if start > end:
        return 0, True
    return min(BIWEEKLY, math.ceil(((end - start).days + 1) / 14)), True


def conversion_tax(taxable: Decimal, rate: Decimal | None, year: int) -> ConversionTax | None:
    """Tax on ``taxable`` (Form 8606 line 18) at the marginal rate, or at 22% and 37%."""
    if taxable <= 0:
        return None
    if rate is not None:
        low, high = _dollars(taxable * rate / 100), None
    else:
        low, high = (_dollars(taxable * r / 100) for r in RATE_RANGE)
    dates = estimated_tax_dates(year)
    how = (
        "Pay it from other money, never from the conversion: tax withheld from a conversion is a "
        "distribution, taxable itself and, before 59\u00bd, subject to the 10% additional tax.",
        f"Either raise the withholding from your wages for the rest of {year} (a new Form W-4 with "
        f"payroll; wage withholding counts as paid evenly through the year),",
        "or pay estimated tax (Form 1040-ES) by the due date of the quarter of the conversion and the "
        "ones after it: " + ", ".join(long_date(d) for d in dates) + ".",
    )
    return ConversionTax(taxable, rate, low, high, how, dates)


def money_for_year(person, rep, mega_plan_label: str | None, ira_contributions: Decimal,
                   after_tax: Decimal, tax: ConversionTax | None, year: int, today: dt.date) -> MoneyForYear:
    """The IRC 415(c) sum of the plan used for the Mega Backdoor (or the person's first plan), per
    paycheck and the cash for the year."""
    mega = rep.mega_backdoor
    plans = person.plans
    ep = None
    if mega.plan_index is not None and 0 <= mega.plan_index < len(plans):
        ep = plans[mega.plan_index]
    elif plans:
        ep = plans[0]
    additions: list[SumRow] = []
    limit = catch_up = Decimal(0)
    if ep is not None and mega.annual_additions_limit:
        limit = Decimal(mega.annual_additions_limit)
        deferrals = Decimal(mega.elective_deferrals)
        employer = Decimal(ep.employer_contributions)
        catch_up = Decimal(mega.catch_up)
        additions = [SumRow("Elective deferrals (pre-tax and Roth, within IRC 402(g))", deferrals),
                     SumRow("Employer contributions (match, profit sharing, true-up)", employer),
                     SumRow("After-tax contributions planned", after_tax)]
        rest = limit - deferrals - employer - after_tax
        if rest > 0:
            unused = Decimal(mega.room) - after_tax if mega.room > after_tax else Decimal(0)
            if unused > 0:
                blocked = "no_after_tax_contributions" in mega.blockers
                additions.append(SumRow("Room left under the limit (the plan takes no after-tax money)"
                                        if blocked else "After-tax room left unused", unused))
            if rest - unused > 0:
                additions.append(SumRow("Used by other plans sharing the limit, or above compensation",
                                        rest - unused))
    entered = ep.paychecks_left if ep is not None else None
    count, assumed = paychecks_left(entered, year, today)
    per = _cents(after_tax / count) if after_tax > 0 and count > 0 else None
    cash = []
    if ira_contributions:
        cash.append(SumRow("IRA contributions (to the custodian)", ira_contributions))
    if after_tax:
        cash.append(SumRow("After-tax plan contributions (from take-home pay)", after_tax))
    high = None
    if tax is not None:
        cash.append(SumRow("Income tax on the conversion", tax.low,
                           "" if tax.rate is not None else f"at {_pct(RATE_RANGE[0])}"))
    total = sum((r.amount for r in cash), Decimal(0))
    if tax is not None and tax.high is not None:
        high = total - tax.low + tax.high
    return MoneyForYear(mega_plan_label if ep is not None else None, tuple(additions), limit, catch_up,
                        limit + catch_up if limit else catch_up, after_tax, count, assumed, per, tuple(cash),
                        total, high)


def rules(year: int, any_conversion: bool, any_backdoor: bool, any_mega: bool,
          any_contribution: bool) -> tuple[Rule, ...]:
    """The rules that apply to what this plan does, each stated once (tax-rules.md; Pub. 590-B)."""
    out = []
    if any_conversion:
        out.append(Rule(
            "A conversion cannot be undone",
            "Since 2018 a conversion to a Roth IRA cannot be recharacterized back to a traditional IRA "
            "(Tax Cuts and Jobs Act \u00a713611, IRC 408A(d)(6)(B)(iii)). Check the amount before you convert.",
            "IRC 408A(d)(6)(B)(iii); Pub. 590-A, recharacterizations", URLS["pub_590a"]))
        out.append(Rule(
            "The five-year rules",
            "Your own contributions come out of a Roth IRA first, tax-free and without penalty, at any time. "
            "Each conversion has its own five-year clock, from January 1 of its year: the taxable part taken "
            "out before five years and before 59\u00bd owes the 10% additional tax. Earnings are tax-free "
            "only after 59\u00bd (or death or disability) and five years from January 1 of the year of your "
            "first Roth IRA contribution or conversion.",
            "IRC 408A(d)(2) and (d)(3)(F); Treas. Reg. 1.408A-6, Q&A-5; Pub. 590-B, ordering rules",
            URLS["pub_590b"]))
    if any_backdoor:
        out.append(Rule(
            f"Create no pre-tax IRA money before December 31, {year}",
            "Rolling an old 401(k) or 403(b) into an IRA (after residency, fellowship or a job change), or "
            "opening a SEP IRA or SIMPLE IRA for moonlighting income, puts pre-tax money in an IRA on "
            "December 31 and brings the pro rata tax back on the whole conversion. Roll old plans into your "
            "current employer plan instead, and use a solo 401(k) for side income.",
            "Form 8606 instructions, line 6; IRC 408(d)(2)", URLS["form_8606"]))
    if any_contribution:
        out.append(Rule(
            "Fixing a contribution: October 15",
            f"A {year} IRA contribution that turns out too large, or a Roth IRA contribution your MAGI does "
            f"not allow, can be recharacterized or withdrawn with its earnings until October 15, {year + 1} "
            f"(the due date of the {year} return with the six-month extension, when the return was filed "
            f"on time). After that, an excess costs 6% a year (IRC 4973).",
            "IRC 408(d)(4), 408A(d)(6); Treas. Reg. 301.9100-2; Pub. 590-A", URLS["pub_590a"]))
    if any_mega:
        out.append(Rule(
            "After-tax money can be refunded",
            "If the plan fails its ACP test, after-tax contributions of highly compensated employees may be "
            "refunded after the year ends; the refund is not a conversion and its earnings are taxable.",
            "IRC 401(m); Treas. Reg. 1.401(m)-2", URLS["limits_415c"]))
    return tuple(out)


def hr_questions(person, mega_relevant: bool, plan_label: str) -> tuple[str, ...]:
    """Every question to settle with HR or the plan administrator (the feature questions answered
    "Not sure" are in the plan features table)."""
    qs = [f"Does the {plan_label} offer Roth (designated Roth) deferrals? Needed when your catch-ups must be "
          f"Roth (prior-year FICA wages above the threshold, IRC 414(v)(7))."]
    qs.append(f"What is the plan year of the {plan_label} (calendar year or another)? The limits and the "
              f"after-tax room follow it.")
    qs.append("When do true-up and profit-sharing contributions land, and how much? They use annual "
              "additions (IRC 415(c)) room, even when paid after the year ends.")
    if mega_relevant and any(p.features.in_service_distributions is not False for p in person.plans):
        qs.append("When the after-tax source is paid out while I work, can it be split under IRS Notice "
                  "2014-54: the after-tax contributions to a Roth IRA and the earnings to a traditional IRA "
                  "or the Roth IRA?")
    if mega_relevant:
        qs.append("Has the plan refunded after-tax contributions after a failed ACP test in recent years, "
                  "and what cap does it set for highly compensated employees?")
        qs.append("Does payroll stop after-tax contributions automatically when the annual additions "
                  "limit is reached, or must I change the election myself?")
    return tuple(qs)


def destination_choice(plan_label: str) -> tuple[str, ...]:
    """Where the plan allows both, Roth IRA (in-service distribution) or Roth account in the plan
    (in-plan conversion): what differs."""
    return (
        "Roth IRA (in-service distribution): your own choice of investments and custodian; the earnings "
        "can be split off to a traditional IRA under Notice 2014-54 (but a traditional IRA balance on "
        "December 31 spoils a backdoor Roth); the Roth IRA's five-year clock applies.",
        f"Roth account in the {plan_label} (in-plan conversion): often automatic after each paycheck, so "
        f"fewer earnings are taxed; the plan's investments and fees; the plan's own five-year clock for "
        f"qualified distributions; no lifetime required distributions from 2024 (SECURE 2.0 \u00a7325); "
        f"plan (ERISA) creditor protection.",
        "Both are reported on a Form 1099-R with code G; neither goes on Form 8606.",
    )


def sources(year: int, limits) -> tuple[Source, ...]:
    """Each IRS source cited, with its irs.gov address."""
    release, notice = YEAR_URLS.get(year, YEAR_URLS[max(YEAR_URLS)])
    return (
        Source(f"{limits.news_release}: the {limits.tax_year} dollar limits", release),
        Source(f"IRS {limits.notice}: the {limits.tax_year} cost-of-living adjustments", notice),
        Source("Form 8606 and its instructions (nondeductible IRAs, conversions, pro rata)", URLS["form_8606"]),
        Source("Pub. 590-A (contributions, Worksheet 2-2, recharacterizations, excess contributions)",
               URLS["pub_590a"]),
        Source("Pub. 590-B (distributions, ordering and five-year rules)", URLS["pub_590b"]),
        Source("Instructions for Forms 1099-R and 5498 (box 7 codes, box 5 basis)", URLS["forms_1099r_5498"]),
        Source("IRS Notice 2014-54 (after-tax money to a Roth IRA, earnings to a traditional IRA)",
               URLS["notice_2014_54"]),
        Source("IRS Notice 2013-74 (in-plan Roth rollovers, IRC 402A(c)(4)(E))", URLS["notice_2013_74"]),
        Source("Retirement topics: 401(k) and profit-sharing plan contribution limits (IRC 415(c))",
               URLS["limits_415c"]),
        Source("Retirement topics: IRA contribution limits", URLS["ira_limits"]),
        Source("Form 1040-ES (estimated tax) and Form W-4 (withholding)", URLS["form_1040es"]),
    )
