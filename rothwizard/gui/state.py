"""The wizard's state: the partial plan dict, the file it belongs to, and the report for it.

Pages write into it through ``set(path, value)``; every change recomputes the report with the core
(``core.flow.report_for``) and emits ``changed``. ``reset`` is emitted when the whole dict is replaced
(open, restore), so widgets reload their values.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from rothwizard.core import flow

if TYPE_CHECKING:
    from rothwizard.core.models import Plan, Report


class WizardState(QObject):
    changed = Signal(str)  # the path that changed ("" after a reset)
    reset = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, ready: bool = True):
        super().__init__(parent)
        # Until ``start()``, nothing is computed: the wizard paints its first page before the core's
        # pydantic models are built (about 0.1 s).
        self.ready = ready
        self.revision = 0  # goes up with every recompute: pages cache their validation per revision
        self.data: dict[str, Any] = flow.new_data()
        self.skip_backdoor = True  # offered only while the direct route is fully open
        self.path: Path | None = None
        self.draft = False  # the plan was opened or saved unfinished
        self.disk_stamp: tuple[int, int] | None = None  # the plan file on disk when opened or saved
        self.dirty = False
        self.plan: Plan | None = None
        self.report: Report | None = None
        self.direct_report: Report | None = None
        self.direct_open = False  # the direct Roth route is fully open for everyone
        self.skipping_backdoor = False  # the person chose to skip and the direct route is fully open
        self._aside: dict[str, dict[str, Any]] = {}  # employer plans unticked, kept in case of a re-tick
        # A file with several years: the years before the one edited (as in the file), and each
        # person's line 14 they carry into it (core.ledger).
        self.earlier_years: list[dict[str, Any]] = []
        self.years_file = False  # the file opened has the ``years`` shape (saved back with it)
        self.carried: dict[str, Any] = {}
        self._recompute()

    # ------------------------------------------------------------ reading and writing fields

    def get(self, path: str) -> Any:
        return flow.get_path(self.data, path)

    def set(self, path: str, value: Any) -> None:
        if self.get(path) == value and not (value is None and self.get(path) is not None):
            return
        flow.set_path(self.data, path, value)
        if path.endswith(".basis_history") and not self.earlier_years:
            self._rebuild_carried()
        self._recompute()
        self.set_dirty(True)
        self.changed.emit(path)

    def _rebuild_carried(self) -> None:
        """The basis rebuilt from the records typed in (``basis_history``) carried into line 2; while the
        records are not usable yet nothing is carried (the summary names the field to fix)."""
        from rothwizard.core import RothWizardError
        from rothwizard.core.ledger import carried_from

        try:
            self.carried = carried_from([], self.data)
        except (RothWizardError, ValueError):
            self.carried = {}

    def set_skip_backdoor(self, skip: bool) -> None:
        if skip != self.skip_backdoor:
            self.skip_backdoor = skip
            self._recompute()
            self.set_dirty(True)
            self.changed.emit("")

    def set_employer_plan(self, role: str, present: bool) -> None:
        """Give a person an employer plan (kept aside when removed, so nothing typed is lost). Several
        plans are put aside and brought back together."""
        person = self.data.get(role)
        if not isinstance(person, dict):  # a plan opened with "spouse": null, then made joint
            person = self.data[role] = {}
        current = person.get("employer_plan")
        several = person.get("employer_plans")
        if present and not isinstance(current, dict) and not several:
            kept = self._aside.pop(role, None) or {}
            if isinstance(kept, list):
                person["employer_plans"] = kept
            else:
                person["employer_plan"] = kept
        elif not present and (isinstance(current, dict) or several):
            self._aside[role] = current if isinstance(current, dict) else several
            person["employer_plan"] = None
            person.pop("employer_plans", None)
        else:
            return
        self._plans_changed(role)

    def add_plan(self, role: str) -> int:
        """Another employer plan for the person; returns its index. One plan stays in ``employer_plan``
        (as older plans have it); a second moves both into ``employer_plans``."""
        person = self.data.setdefault(role, {})
        plans = person.get("employer_plans")
        if not isinstance(plans, list) or not plans:
            first = person.get("employer_plan")
            plans = [first if isinstance(first, dict) else {}]
        plans.append({})
        person["employer_plans"] = plans
        person["employer_plan"] = None
        self._plans_changed(role)
        return len(plans) - 1

    def remove_plan(self, role: str, index: int) -> None:
        """Remove one of several plans; the last one left goes back to ``employer_plan``."""
        person = self.data.get(role) or {}
        plans = person.get("employer_plans")
        if not isinstance(plans, list) or not 0 <= index < len(plans):
            return
        plans.pop(index)
        if len(plans) <= 1:
            person["employer_plan"] = plans[0] if plans else None
            person.pop("employer_plans", None)
        self._plans_changed(role)

    def _plans_changed(self, role: str) -> None:
        self._recompute()
        self.set_dirty(True)
        self.changed.emit(f"{role}.employer_plan")

    def load(self, data: dict[str, Any], path: Path | None = None, *, dirty: bool = False,
             skip_backdoor: bool | None = None, draft: bool = False) -> None:
        """Replace the whole plan (open, restore). The widgets always show what the state holds, even
        if computing its figures fails."""
        self.data = copy.deepcopy(data) if isinstance(data, dict) else flow.new_data()
        self.path = path
        self.draft = draft
        self._aside = {}
        if skip_backdoor is not None:
            self.skip_backdoor = skip_backdoor
        try:
            self._recompute()
        finally:
            self.set_dirty(dirty)
            self.reset.emit()
            self.changed.emit("")

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)

    # ------------------------------------------------------------ derived

    def start(self) -> None:
        """Load the core and compute the report for what is there."""
        if not self.ready:
            self.ready = True
            self._recompute()

    def clean_data(self) -> dict[str, Any]:
        return self.data

    def set_earlier_years(self, years: list[dict[str, Any]], year: Any = None, *, years_file: bool = False) -> None:
        """The years before the one edited, and the year's own entries (its ``basis_history``); raises
        ``InvalidInput`` naming the field. ``years_file``: the file has the ``years`` shape (kept on save,
        even with one year)."""
        from rothwizard.core.ledger import carried_from

        self.carried = carried_from(years, year)
        self.earlier_years = [copy.deepcopy(y) for y in years]
        self.years_file = years_file or bool(years)

    def add_next_year(self) -> None:
        """Keep the year edited among the earlier years and start the next one from it (the person
        reviews every page). Raises ``InvalidInput`` while the year is not complete."""
        from rothwizard.core.ledger import entries_of, next_year_data

        year = entries_of(self.complete_plan())
        self.set_earlier_years([*self.earlier_years, year])
        self.load(next_year_data(year), self.path, dirty=True)

    def computing_data(self) -> dict[str, Any]:
        """The entries with the basis carried from the earlier years filled in where left out."""
        data = self.clean_data()
        if not self.carried:
            return data
        from rothwizard.core.ledger import with_carried_basis

        return with_carried_basis(data, self.carried)

    def _recompute(self) -> None:
        self.revision += 1
        if not self.ready:
            return
        data = self.computing_data()
        # The direct route before any backdoor amount is filled in (a traditional contribution
        # lowers the direct Roth limit, Pub. 590-A Worksheet 2-2): what the direct page shows.
        direct_plan, self.direct_report = flow.report_for(data, True)
        self.direct_open = flow.route_fully_open(self.direct_report)
        self.skipping_backdoor = self.skip_backdoor and self.direct_open
        if self.skipping_backdoor:
            self.plan, self.report = direct_plan, self.direct_report
        else:
            self.plan, self.report = flow.report_for(data, False)

    def people(self) -> list[str]:
        return flow.people(self.data)

    def person_report(self, role: str, *, direct: bool = False):
        report = self.direct_report if direct else self.report
        if report is None:
            return None
        return getattr(report, role, None)

    def complete_plan(self, *, carried: bool = False) -> Plan:
        """Raises ``InvalidInput`` naming the first field still missing or wrong. ``carried``: with the
        basis carried from the earlier years (for figures; the file keeps the entries)."""
        data = self.computing_data() if carried else self.clean_data()
        return flow.complete_plan(data, self.skipping_backdoor)

    def file_content(self) -> tuple[str, bool]:
        """The plan file's text, and whether it is a draft: the complete plan when every page is
        complete, otherwise what was entered so far (nothing invented for the empty fields)."""
        from rothwizard.core.errors import RothWizardError
        from rothwizard.core.planfile import plan_to_json, save_draft_text

        if self.earlier_years or self.years_file:
            from rothwizard.core.ledger import entries_of, household_text

            try:
                year, draft = entries_of(self.complete_plan()), False
            except (RothWizardError, ValueError, ArithmeticError):
                year, draft = flow.draft_data(self.clean_data()), True
            return household_text(self.earlier_years, year), draft
        try:
            plan = self.complete_plan()
            if any(p.basis_history and "prior_basis" not in p.ira.model_fields_set for _r, p in plan.people()):
                import json

                from rothwizard.core.ledger import entries_of  # a left-out prior basis stays left out (rebuilt)

                return json.dumps({"schema_version": plan.schema_version, **entries_of(plan)}, indent=2,
                                  ensure_ascii=False) + "\n", False
            return plan_to_json(plan), False
        except (RothWizardError, ValueError, ArithmeticError):
            return save_draft_text(flow.draft_data(self.clean_data())), True

    def display_name(self) -> str:
        name = self.data.get("name")
        if name:
            return str(name)
        if self.path is not None:
            return self.path.name.removesuffix(".json").removesuffix(".rothplan")
        return "Untitled plan"
