"""Every operation of payroll's OpenAPI document, fuzzed (schemathesis) as a township, county and
provincial officer inside the test's rolled-back session: no input may answer 5xx."""

import os
from collections import Counter

from cwm_kit import fuzzing
from payroll.policy.seed import seed_pay_schemes, seed_reference_figures

EXAMPLES = int(os.environ.get("CWM_FUZZ_EXAMPLES", "4"))


class _Queue:
    async def enqueue(self, run_id) -> None:
        pass


async def test_no_generated_request_answers_5xx(app, client, session, tokens):
    await seed_pay_schemes(session)
    await seed_reference_figures(session)
    app.state.run_queue = _Queue()
    app.state.grade_registry_client = fuzzing.empty_upstream()
    app.state.grade_assessment_client = fuzzing.empty_upstream()
    callers = [{**tokens.headers(role, jurisdiction), "X-Caller": role}
               for role, jurisdiction in (("township_officer", "640104001"), ("county_officer", "640104"),
                                          ("provincial_admin", "64"))]
    requests = fuzzing.generated_requests(app, EXAMPLES)
    statuses: Counter = Counter()
    failures = await fuzzing.server_errors(client, requests, callers, statuses)
    print(f"{len(requests)} generated requests x {len(callers)} callers: {dict(sorted(statuses.items()))}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)
