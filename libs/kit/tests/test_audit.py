from cwm_kit.audit import audit_table
from cwm_kit.db import make_metadata


def test_worker_id_column_is_opt_in():
    plain = audit_table(make_metadata())
    assert "worker_id" not in plain.c  # services that did not migrate keep their table shape
    with_worker = audit_table(make_metadata(), with_worker_id=True)
    assert with_worker.c.worker_id.nullable
    assert "ix_audit_log_worker_id" in {index.name for index in with_worker.indexes}
