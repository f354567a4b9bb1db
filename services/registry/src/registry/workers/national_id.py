"""Resident identity numbers (GB 11643-1999): 18 characters, check character by ISO 7064 MOD 11-2.

Birth date and sex are read from the number, never typed: digits 7–14 are YYYYMMDD, digit 17 is odd
for men and even for women.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cwm_kit import privacy
from cwm_kit.dates import today_in_china

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"


class InvalidNationalId(ValueError):
    """Raised as the "中文 / English" ValueError the kit's validation problem splits at the first " / "
    (cwm_kit.problems.validation_problem): neither message may contain that separator itself."""

    def __init__(self, code: str, message_zh: str, message_en: str):
        super().__init__(f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class NationalId:
    number: str
    birth_date: date
    sex: str  # "M" | "F"


def check_character(first17: str) -> str:
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def parse(raw: str, *, today: date | None = None) -> NationalId:
    number = raw.strip().upper()
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidNationalId("national_id_format", "身份证号应为18位（前17位数字，末位数字或X）",
                                "national ID must be 18 characters: 17 digits then a digit or X")
    if check_character(number[:17]) != number[17]:
        raise InvalidNationalId("national_id_check_digit", "身份证号校验码错误（GB 11643，ISO 7064 MOD 11-2）",
                                "national ID check character is wrong (GB 11643, ISO 7064 MOD 11-2)")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidNationalId("national_id_birth_date", "身份证号中的出生日期无效",
                                "national ID carries an impossible birth date") from exc
    if birth.year < 1900 or birth > (today or today_in_china()):
        raise InvalidNationalId("national_id_birth_date", "身份证号中的出生日期无效",
                                "national ID carries an impossible birth date")
    return NationalId(number=number, birth_date=birth, sex="M" if int(number[16]) % 2 else "F")


def make(region6: str, birth: date, sequence: int) -> str:
    """A valid number for demo data and tests (sequence 0–999; odd = male)."""
    first17 = f"{region6}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


# The masks are the kit's (one rule for record views and audit views): cwm_kit.privacy.
mask_national_id = privacy.mask_national_id
mask_phone = privacy.mask_phone
