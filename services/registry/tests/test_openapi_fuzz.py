"""Every operation of the registry's OpenAPI document, fuzzed (schemathesis) as a township, county and
provincial officer inside the test's rolled-back session: no input may answer 5xx."""

from cwm_kit import fuzzing
from registry.seed import seed_regions


async def test_no_generated_request_answers_5xx(app, client, session, tokens):
    await seed_regions(session)
    app.state.assessment_client = fuzzing.empty_upstream()
    await fuzzing.assert_no_server_errors(app, client, tokens)
