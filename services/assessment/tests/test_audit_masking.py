"""The audit view masks personal numbers for a role exactly as the registry's record view does
(cwm_kit.privacy), redacts secrets, and names the actor."""

import pytest

from cwm_kit.testing import AUDIT_MASKING_VIEWERS, assert_audit_masked_like_records

from assessment.models import audit_log


@pytest.mark.parametrize(("role", "jurisdiction"), AUDIT_MASKING_VIEWERS)
async def test_audit_view_masks_like_the_record_view(client, session, tokens, role, jurisdiction):
    await assert_audit_masked_like_records(client, session, tokens, audit_log, role, jurisdiction)


async def test_audit_entry_names_its_region_through_the_registry(app, client, session, tokens):
    """Assessment knows region codes only: the audit view names them through the registry's regions API."""
    import httpx

    from cwm_kit import audit
    from cwm_kit.security import Principal, Role

    def registry(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"code": request.url.path.rsplit("/", 1)[-1], "name": "兴庆区测试社区"})

    app.state.region_names = audit.RegistryRegionNames("http://registry", transport=httpx.MockTransport(registry))
    writer = Principal(subject="acc-1", role=Role.TOWNSHIP_OFFICER, jurisdiction="640104001")
    await audit.record(session, audit_log, writer, action="test.write", entity="test", entity_id="t2",
                       region_code="640104001001", after={})
    page = (await client.get("/v1/audit?entity=test", headers=tokens.headers("township_officer", "640104001"))).json()
    assert page["items"][0]["region_name"] == "兴庆区测试社区"
