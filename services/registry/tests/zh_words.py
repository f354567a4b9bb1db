"""What a Chinese message may not show: a policy text by its Latin short name (SS, NX, IM, CENTRAL — the message
names it 松山区《社区工作者职业体系建设实施方案》), a rule kind or parameter by its internal key (contract.term,
staff_years — the message names it 「合同期限」), or a place by its code where its name is meant."""

import re

LATIN_SOURCE = re.compile(r"(?<![A-Za-z])(?:SS|NX|IM|CENTRAL)(?![A-Za-z])")
INTERNAL_KEY = re.compile(r"[a-z]+[._][a-z_]+")
SS_SCHEME = "松山区《社区工作者职业体系建设实施方案》"


def assert_in_words(message_zh: str, *codes: str) -> None:
    """`message_zh` names texts, rules and places in words: no Latin source, no internal key, none of `codes`."""
    assert LATIN_SOURCE.search(message_zh) is None, message_zh
    assert INTERNAL_KEY.search(message_zh) is None, message_zh
    for code in codes:
        assert code not in message_zh, message_zh
