"""A published version's document is read and parsed once per process; the cache never hands out another
database's document that happens to share the id."""

from __future__ import annotations

from datetime import date

from cwm_kit import testing
from sqlalchemy import text

from payroll.policy.seed import seed_pay_schemes
from payroll.policy.service import resolve_scheme

COMMUNITY, ON = "640104001001", date(2025, 6, 30)


async def test_a_version_resolved_again_reads_no_document_and_reuses_its_parse(session):
    await seed_pay_schemes(session)
    first = await resolve_scheme(session, COMMUNITY, ON)
    with testing.statements(session) as sent:
        again = await resolve_scheme(session, COMMUNITY, ON)
    assert again.scheme is first.scheme
    assert len(sent) == 1  # the version in force with its digest; reading the document would be a second


async def test_the_same_version_id_with_another_document_is_parsed_anew(session):
    await seed_pay_schemes(session)
    first = await resolve_scheme(session, COMMUNITY, ON)
    # Another database where this id names another document (tests, a restore): made here by changing the
    # published document itself, with its guard lifted inside this test's rolled-back transaction.
    await session.execute(text("ALTER TABLE pay_scheme_version DISABLE TRIGGER pay_scheme_version_published_immutable"))
    await session.execute(text("UPDATE pay_scheme_version SET document = jsonb_set(document, '{name}', '\"另一方案\"') "
                               "WHERE id = :id"), {"id": first.version_id})
    other = await resolve_scheme(session, COMMUNITY, ON)
    assert other.version_id == first.version_id
    assert other.scheme.name == "另一方案" != first.scheme.name
