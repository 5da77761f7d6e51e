"""The audit trail tells only of changes that were committed, each with who made them."""
import pytest

from hospital_mgmt.domain.service import Service
from hospital_mgmt.operations.context import Actor


def test_an_audit_line_is_written_only_once_its_change_is_committed(ctx, log_lines):
    with pytest.raises(RuntimeError), ctx.unit_of_work() as uow:
        uow.services.add(Service("ECG", "250"))
        uow.audit("service S01 added", "service.add", "S01")
        raise RuntimeError("the terminal lost power before the commit")
    assert ctx.db.scalar("SELECT count(*) FROM services") == 0
    assert log_lines() == []
    with ctx.unit_of_work() as uow:
        uow.services.add(Service("ECG", "250"))
        uow.audit("service S01 added", "service.add", "S01")
        assert log_lines() == []  # not before the commit
        uow.commit()
    assert log_lines() == ["service S01 added [system]"]


def test_each_line_names_the_actor(ctx, log_lines):
    from dataclasses import replace
    clerk = replace(ctx, actor=Actor("meena"))
    clerk.log("report 'Unpaid bills' saved as CSV")
    assert log_lines() == ["report 'Unpaid bills' saved as CSV [meena]"]
