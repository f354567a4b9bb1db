from datetime import date

import pytest

from registry.workers import national_id


def test_known_number_check_character():
    # Worked example of GB 11643 (ISO 7064 MOD 11-2): 11010519491231002 → X.
    assert national_id.check_character("11010519491231002") == "X"
    parsed = national_id.parse("11010519491231002x")
    assert parsed.number == "11010519491231002X"
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex == "F"  # 17th digit 2 is even


def test_sex_from_17th_digit_and_birth_date():
    male = national_id.parse(national_id.make("640104", date(1988, 2, 29), 131))
    assert male.sex == "M" and male.birth_date == date(1988, 2, 29)


@pytest.mark.parametrize("raw,code", [
    ("11010519491231002Y", "national_id_format"),
    ("1101051949123100", "national_id_format"),
    ("110105194912310021", "national_id_check_digit"),
    (national_id.make("640104", date(1990, 1, 1), 5)[:-1] + "0" if national_id.make("640104", date(1990, 1, 1), 5)[-1] != "0" else "640104199001010051", "national_id_check_digit"),
])
def test_bad_numbers_refused(raw, code):
    with pytest.raises(national_id.InvalidNationalId) as info:
        national_id.parse(raw)
    assert info.value.code == code


@pytest.mark.parametrize("raw", ["11010519491231002Y", "640104199501011231", "640104199002301239",
                                 "640104209901011231"])
def test_every_refusal_splits_into_its_chinese_and_its_english(raw):
    """The ValueError text is split at the first " / " into message_zh and message_en (cwm_kit.problems)."""
    with pytest.raises(national_id.InvalidNationalId) as info:
        national_id.parse(raw)
    zh, separator, en = str(info.value).partition(" / ")
    assert separator and (zh, en) == (info.value.message_zh, info.value.message_en)
    assert " / " not in zh and " / " not in en


def test_impossible_birth_date_refused_even_with_valid_check_character():
    first17 = "64010419900230123"  # 30 February
    with pytest.raises(national_id.InvalidNationalId) as info:
        national_id.parse(first17 + national_id.check_character(first17))
    assert info.value.code == "national_id_birth_date"


def test_masks():
    assert national_id.mask_national_id("640104199005171234") == "6401**********1234"
    assert national_id.mask_phone("13812345678") == "138****5678"
