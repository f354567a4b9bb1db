from cwm_kit.audit import audit_table
from cwm_kit.db import make_metadata


def test_worker_id_column_is_opt_in():
    plain = audit_table(make_metadata())
    assert "worker_id" not in plain.c  # services that did not migrate keep their table shape
    with_worker = audit_table(make_metadata(), with_worker_id=True)
    assert with_worker.c.worker_id.nullable
    assert "ix_audit_log_worker_id" in {index.name for index in with_worker.indexes}


def test_the_worker_an_entry_concerns():
    from cwm_kit.audit import concerned_worker

    assert concerned_worker("w-given", {"worker_id": "w-after"}) == "w-given"
    assert concerned_worker(None, {"worker_id": "w-after"}, {"worker_id": "w-before"}) == "w-after"
    assert concerned_worker(None, None, {"worker_id": "w-before"}) == "w-before"  # a deletion
    assert concerned_worker(None, {"status": "approved"}, {"worker_id": "w-before"}) == "w-before"
    assert concerned_worker(None, [{"worker_id": "w"}, {"worker_id": "w"}]) == "w"  # a batch about one worker
    assert concerned_worker(None, [{"worker_id": "w"}, {"worker_id": "v"}]) is None  # about several
    assert concerned_worker(None, [{"worker_id": "w"}, {"month": "2026-01"}]) is None
    assert concerned_worker(None, {"month": "2026-01"}, None) is None
    assert concerned_worker(None, [], {}) is None
