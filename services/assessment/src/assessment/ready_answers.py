"""Assessment's tables that `/me/assessments`' stored answer (ADR 0011) is not computed from, with the reason.
Every other table carries the migration's triggers (tests/test_ready_answers.py checks that each table is one or
the other: a new table needs a decision)."""

NOT_INPUTS = {
    "audit_log": "the record of writes, not shown to the worker",
    "assessment_event": "an assessment's history for officers, not shown by /me/assessments",
    "daily_record": "daily-management scores, shown to officers; the worker sees the decided score on the assessment",
    "deciding_unit": "a township's decision bookkeeping",
    "historical_import": "an import's own record (its writes to assessments are tracked on `assessment`)",
    "satisfaction_survey": "a community's survey figures, not shown by /me/assessments",
}
