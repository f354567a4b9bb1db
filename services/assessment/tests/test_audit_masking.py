"""The audit view masks personal numbers for a role exactly as the registry's record view does
(cwm_kit.privacy), redacts secrets, and names the actor."""

import pytest

from cwm_kit.testing import AUDIT_MASKING_VIEWERS, assert_audit_masked_like_records

from assessment.models import audit_log


@pytest.mark.parametrize(("role", "jurisdiction"), AUDIT_MASKING_VIEWERS)
async def test_audit_view_masks_like_the_record_view(client, session, tokens, role, jurisdiction):
    await assert_audit_masked_like_records(client, session, tokens, audit_log, role, jurisdiction)
