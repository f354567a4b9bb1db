"""`/me/assessments` is a stored answer (ADR 0011): every table is either an input the migration's triggers track
or named in `assessment.ready_answers.NOT_INPUTS`. (A worker seeing their objection, a decision and a correction
on the next read: tests/assessments.)"""

from cwm_kit.testing import assert_every_table_decided

import assessment.all_models  # noqa: F401  (every table in the metadata)
from assessment.models import Base
from assessment.ready_answers import NOT_INPUTS


async def test_every_table_is_tracked_or_named_as_not_an_input(session):
    await assert_every_table_decided(session, Base.metadata, NOT_INPUTS, {"assessment", "objection", "cycle"})
