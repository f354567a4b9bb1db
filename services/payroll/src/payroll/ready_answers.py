"""Payroll's tables that the stored self-service answers (ADR 0011: `/me/payslips`, `/me/payslips/{month}`,
`/me/grade`) are not computed from, or reach only through a tracked table, with the reason. Every other table
carries the migration's triggers (tests/test_ready_answers.py checks that each table is one or the other: a new
table needs a decision)."""

NOT_INPUTS = {
    "audit_log": "the record of writes, not shown to the worker",
    "grade_feed_cursor": "where the projection's feed reading stands",
    "payroll_run_part": "a run's per-county jobs",
    "payslip_compact": "written while its run is a draft; the worker sees it when the run's state changes "
                       "(payroll_run is tracked on its state)",
    "payslip_input_part": "shared parts of payslips' inputs, written with the payslips of a draft run",
    "payslip_line_set": "shared line sets, written with the payslips of a draft run and never changed",
    "payslip_line_text": "shared line texts, written with the payslips of a draft run and never changed",
    "one_off_item_payment": "which run pays a one-off item, written with the run's payslips",
}
