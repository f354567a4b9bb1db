import pytest

from cwm_kit.etags import none_match, opaque


@pytest.mark.parametrize(("tag", "value"), [
    ('"7"', "7"), ('W/"7"', "7"), ('"7-zstd"', "7"), ('"7-gzip"', "7"), ('"abc-br"', "abc"),
    ('"a-b-c"', "a-b-c"),
])
def test_opaque_strips_weakness_quotes_and_the_gateways_coding_mark(tag, value):
    assert opaque(tag) == value


def test_none_match_finds_the_tag_in_any_form_the_client_sends_back():
    assert none_match('"x1-gzip"', '"x1"')
    assert none_match('"other", W/"x1-zstd"', '"x1"')
    assert none_match("*", '"x1"')
    assert not none_match('"x2-gzip"', '"x1"')
    assert not none_match(None, '"x1"')
    assert not none_match("", '"x1"')
