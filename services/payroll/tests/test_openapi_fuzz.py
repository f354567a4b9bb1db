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
