"""Every operation of payroll's OpenAPI document, fuzzed (schemathesis) as a township, county and
provincial officer inside the test's rolled-back session: no input may answer 5xx."""

from cwm_kit import fuzzing
from payroll.policy.seed import seed_pay_schemes, seed_reference_figures


class _Queue:
    async def enqueue(self, run_id) -> None:
        pass


async def test_no_generated_request_answers_5xx(app, client, session, tokens):
    await seed_pay_schemes(session)
    await seed_reference_figures(session)
    app.state.run_queue = _Queue()
    app.state.grade_registry_client = fuzzing.empty_upstream()
    app.state.grade_assessment_client = fuzzing.empty_upstream()
    await fuzzing.assert_no_server_errors(app, client, tokens)


async def test_no_wrong_typed_body_value_is_accepted(app, client, tokens):
    """A yes/no sent as "yes" or 1, a whole number as "12": a 422 naming the field, never stored as given."""
    await fuzzing.assert_wrong_types_refused(app, client, tokens)


async def test_every_region_read_is_404_outside_and_names_a_narrowed_scope(app, client, tokens):
    """Issue 9: a region outside the jurisdiction is a 404 for every report and role; a wider one is narrowed to
    the jurisdiction, which a report names in `region` (cwm_kit.fuzzing.assert_regions_scoped)."""
    probed = await fuzzing.assert_regions_scoped(app, client, tokens)
    assert set(probed) >= {"GET /v1/reports/budget", "GET /v1/reports/pay-level",
                            "GET /v1/reports/withholding.xlsx", "GET /v1/runs/{run_id}/reports/payroll.xlsx"}
