"""The parsed-scheme cache never hands out another database's document that happens to share the id."""

from payroll.policy.presets import load
from payroll.policy.service import _parsed


def test_the_same_version_id_with_another_document_is_parsed_anew():
    ningxia, songshan = load("nx-2025.json"), load("ss-2022.json")
    first = _parsed(1, ningxia)
    assert _parsed(1, ningxia) is first  # the same published version: parsed once
    other = _parsed(1, songshan)  # id 1 in another database (tests, a restore): its own document
    assert other.name == songshan["name"] != first.name
    assert set(other.posts) == set(songshan["posts"])
