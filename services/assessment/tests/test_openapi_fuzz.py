"""Every operation of assessment's OpenAPI document, fuzzed (schemathesis) as a township, county and
provincial officer inside the test's rolled-back session: no input may answer 5xx."""

from cwm_kit import fuzzing


async def test_no_generated_request_answers_5xx(app, client, tokens):
    # The registry stand-in (conftest) answers the facts feed with no workers.
    await fuzzing.assert_no_server_errors(app, client, tokens)
