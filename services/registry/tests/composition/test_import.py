"""The import template's 两委 columns (head_role, committee_member) and the composition facts (other_status and its
date, party_affairs, lives_locally): dropdowns of the accepted words, read into the record, and the Songshan rules
applied row by row (upload) and to the batch (confirm)."""

from sqlalchemy import select

from registry.workers.models import Worker

from ..imports.test_router import _fill, _template, _upload
from ..workers.helpers import nid, regions

SS = "150404001001"
SS_TOWN = ("township_officer", "150404001")
NX_TOWN = ("township_officer", "640104001")
BASE = {"community_code": SS, "post": "ss_staff", "hired_on": "2026-03-01"}


async def test_template_offers_the_new_columns_as_dropdowns(client, session, tokens):
    workbook = await _template(client, tokens)
    sheet = workbook["workers"]
    columns = {str(c.value).rsplit("(", 1)[1].rstrip(")"): c.column_letter for c in sheet[1]}
    lists = {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists[columns["head_role"]] == '"书记,主任,一肩挑"'
    assert lists[columns["committee_member"]] == lists[columns["party_affairs"]] == '"是,否"'
    assert lists[columns["lives_locally"]] == '"是,否"'
    assert "退休人员" in lists[columns["other_status"]] and "原收费站撤站分流人员" in lists[columns["other_status"]]
    assert "other_status_since" in columns


async def test_an_import_fills_the_new_fields_and_applies_songshan_rules(client, session, tokens):
    await regions(session)
    rows = [
        {**BASE, "name": "书记甲", "national_id": nid(sequence=801, region="150404"), "post": "ss_head",
         "head_role": "书记", "lives_locally": "是"},                                            # row 2
        {**BASE, "name": "委员乙", "national_id": nid(sequence=802, region="150404"), "committee_member": "是",
         "party_affairs": "是", "other_status": "企业在职人员"},                                    # row 3: excluded
        {**BASE, "name": "党务丙", "national_id": nid(sequence=803, region="150404"), "party_affairs": "是",
         "other_status": "企业在职人员", "other_status_since": "2021-05-01"},                      # row 4
        {**BASE, "name": "退休丁", "national_id": nid(sequence=804, region="150404"),
         "other_status": "退休人员"},                                                              # row 5: excluded
        {**BASE, "name": "错分工", "national_id": nid(sequence=805, region="150404"), "head_role": "书记"},  # row 6
        {**BASE, "name": "错是否", "national_id": nid(sequence=806, region="150404"), "lives_locally": "也许"},  # row 7
    ]
    report = (await _upload(client, tokens, _fill(await _template(client, tokens), rows), who=SS_TOWN)).json()
    errors = {r["row_number"]: {(e["field"], e["code"]) for e in r["errors"]} for r in report["rows"]}
    assert errors == {2: set(), 3: {("other_status", "excluded_person")}, 4: set(),
                      5: {("other_status", "excluded_person")}, 6: {("head_role", "head_role_needs_head_post")},
                      7: {("lives_locally", "yes_no")}}
    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*SS_TOWN))
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["counts"]["created"] == 2
    workers = {w.name: w for w in (await session.scalars(select(Worker).where(Worker.community_code == SS))).all()}
    head, party = workers["书记甲"], workers["党务丙"]
    assert (head.head_role, head.lives_locally, head.committee_member, head.party_affairs) == (
        "secretary", True, True, False)
    assert (party.party_affairs, party.other_status, str(party.other_status_since)) == (
        True, "enterprise", "2021-05-01")
    composition = (await client.get(f"/v1/communities/{SS}/composition", headers=tokens.headers(*SS_TOWN))).json()
    assert composition["warnings"] == []

    # A Ningxia row with the same status is valid: Songshan's exclusion does not reach it.
    nx = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2026-03-01", "contract_term_years": 3,
          "name": "宁夏退休", "national_id": nid(sequence=807), "other_status": "退休人员"}
    nx_report = (await _upload(client, tokens, _fill(await _template(client, tokens), [nx]), who=NX_TOWN)).json()
    assert nx_report["rows"][0]["errors"] == [] and nx_report["rows"][0]["outcome"] == "create"


async def test_an_import_cannot_bring_a_fourth_leadership_post(client, session, tokens):
    await regions(session)
    rows = [{**BASE, "name": f"副职{n}", "national_id": nid(sequence=820 + n, region="150404"), "post": "ss_deputy"}
            for n in range(4)]
    report = (await _upload(client, tokens, _fill(await _template(client, tokens), rows), who=SS_TOWN)).json()
    # Taken in the file's order as registrations one after another: the 4th is refused at upload, naming the rule.
    assert report["valid_count"] == 3
    [fourth] = [r for r in report["rows"] if r["errors"]]
    assert fourth["row_number"] == 5 and fourth["outcome"] == "invalid"
    assert [(e["field"], e["code"]) for e in fourth["errors"]] == [("post", "leadership_posts_full")]
    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*SS_TOWN))
    assert confirmed.status_code == 200 and confirmed.json()["counts"] == {"created": 3, "invalid": 1}
    workers = (await session.scalars(select(Worker).where(Worker.community_code == SS))).all()
    assert sorted(w.name for w in workers) == ["副职0", "副职1", "副职2"]
