"""The registry's tables that `/v1/me`'s stored answer (ADR 0011) is not computed from, with the reason. Every
other table carries the migration's triggers (tests/test_ready_answers.py checks that each table is one or the
other: a new table needs a decision)."""

NOT_INPUTS = {
    "account": "sign-in data; /v1/me shows the worker's record, not the account",
    "audit_log": "the record of writes, not shown by /v1/me",
    "login_failure": "sign-in throttling",
    "refresh_token": "sign-in sessions",
    "revoked_session": "sign-in sessions",
    "stats_snapshot": "dashboard figures",
    "worker_import": "a spreadsheet import's own record (its writes to workers are tracked on the worker tables)",
    "worker_import_row": "a spreadsheet import's own record",
    "recruitment_applicant": "recruitment, before anyone is a worker",
    "recruitment_campaign": "recruitment, before anyone is a worker",
    "recruitment_campaign_step": "recruitment, before anyone is a worker",
    "quota_exception": "a community's quota, not shown by /v1/me",
}
