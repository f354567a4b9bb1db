"""A sheet's cells are text, like a query string: a whole number typed in a text cell ("3") is still read,
while the same value in a JSON body is refused (StrictModel)."""

from tests.workers.helpers import nid, regions

from .test_router import _fill, _template, _upload


async def test_a_term_in_a_text_cell_is_read_as_a_number(client, session, tokens):
    await regions(session)
    row = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2023-04-01", "contract_term_years": "3",
           "name": "文本期限", "national_id": nid(sequence=431), "lives_locally": "是"}
    uploaded = await _upload(client, tokens, _fill(await _template(client, tokens), [row]))
    assert uploaded.status_code == 201, uploaded.text
    [line] = uploaded.json()["rows"]
    assert (line["outcome"], line["errors"]) == ("create", [])
