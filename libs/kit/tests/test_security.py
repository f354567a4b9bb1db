import pytest

from cwm_kit.problems import Problem
from cwm_kit.security import ROLE_TEXT, Principal, Role, principal_from_claims


def officer(jurisdiction: str, role: Role = Role.TOWNSHIP_OFFICER) -> Principal:
    return Principal(subject="s", role=role, jurisdiction=jurisdiction)


def test_prefix_rule():
    township = officer("640104001")
    assert township.covers("640104001002")
    assert not township.covers("640104002001")
    assert not township.covers("6401")  # an ancestor is outside
    assert not township.covers(None)


def test_the_rule_as_sql_text_for_hand_written_queries():
    # region_filter / record_filter rendered, not re-implemented: the prefix (LIKE wildcards and quotes
    # escaped), nothing for a worker by region, the worker's own rows by record, all only for "" (services).
    assert officer("640104001").region_filter_sql("p.community_code") == (
        "p.community_code LIKE '640104001' || '%' ESCAPE '/'")
    assert officer("64_1%'").region_filter_sql("c") == "c LIKE '64/_1/%''' || '%' ESCAPE '/'"
    worker = Principal(subject="w", role=Role.WORKER, jurisdiction="640104001001", worker_id="w1")
    assert worker.region_filter_sql("c") == "false"
    assert worker.record_filter_sql("c", "p.worker_id") == "p.worker_id = 'w1'"
    assert officer("6401").record_filter_sql("c", "p.worker_id") == "c LIKE '6401' || '%' ESCAPE '/'"
    assert Principal(subject="s", role=Role.SERVICE, jurisdiction="").region_filter_sql("c") == "true"


def test_outside_is_404_and_auditor_is_read_only():
    with pytest.raises(Problem) as outside:
        officer("640104001").ensure_visible("640104002001")
    assert outside.value.status == 404
    with pytest.raises(Problem) as read_only:
        officer("6401", Role.AUDITOR).ensure_can_write("640104001001")
    assert read_only.value.status == 403


def test_workers_see_only_their_own_records():
    worker = Principal(subject="s", role=Role.WORKER, jurisdiction="640104001001", worker_id="w1")
    assert worker.can_see_record("640104001001", "w1")
    assert not worker.can_see_record("640104001001", "w2")
    assert not worker.can_write


def test_scope_prefix_narrows_or_refuses():
    county = officer("640104", Role.COUNTY_OFFICER)
    assert county.scope_prefix(None) == "640104"
    assert county.scope_prefix("64") == "640104"
    assert county.scope_prefix("640104001") == "640104001"
    with pytest.raises(Problem):
        county.scope_prefix("640105")


@pytest.mark.parametrize("claims", [
    {"sub": "s", "role": "emperor", "jurisdiction": "64"},
    {"sub": "s", "role": "township_officer", "jurisdiction": ""},
    {"sub": "s", "role": "township_officer"},
    {"sub": "s", "role": "worker", "jurisdiction": "640104001001"},
])
def test_claims_without_a_usable_scope_are_refused(claims):
    with pytest.raises(Problem) as refused:
        principal_from_claims(claims)
    assert refused.value.status == 401


def test_a_missing_role_is_named_in_words():
    """The refusal names the roles a person can hold by their Chinese names, never the codes."""
    assert set(ROLE_TEXT) == set(Role)  # every role has its words
    principal = Principal(subject="w", role=Role.WORKER, jurisdiction="640104001001")
    try:
        principal.ensure_role([Role.TOWNSHIP_OFFICER, Role.COUNTY_OFFICER])
    except Problem as problem:
        body = problem.body()
    else:
        raise AssertionError("a worker passed a role check for officers")
    assert body["status"] == 403
    assert body["message_zh"] == "需要以下角色之一：县区管理员、街道人事专员"
    assert "county_officer" not in body["message_zh"] and "township_officer" in body["message_en"]
