"""Rule sources in words: pure text functions (no database, no web framework), so pure modules such as the
recruitment eligibility rules can name a policy text in a Chinese message."""

from __future__ import annotations

import re

# The policy texts' short names (POLICY.md) and the other sources rule documents cite, as a Chinese message names
# them (the SPA's lib/rule-words.ts sourceText does the same for what it shows of the rules).
_DOCUMENTS_ZH = ((re.compile(r"\bCENTRAL\b"), "中央《关于加强社区工作者队伍建设的意见》"),
                 (re.compile(r"\bNX\b"), "宁夏《实施意见》"),
                 (re.compile(r"\bIM\b"), "内蒙古《社区工作者管理办法（试行）》"),
                 (re.compile(r"\bSS\b"), "松山区《社区工作者职业体系建设实施方案》"),
                 (re.compile(r"Labour Contract Law"), "《劳动合同法》"),
                 (re.compile(r"State Council gradual retirement-age reform (\d{4})"),
                  r"国务院渐进式延迟法定退休年龄改革（\1年）"),
                 (re.compile(r"(?<!《)职工带薪年休假条例(?!》)"), "《职工带薪年休假条例》"))
# Article numbers as Chinese texts write them: art.9–11 → 第9–11条, art.37(五) → 第37条（五）.
_ARTICLE = re.compile(r"\bart\.(\d+)(?:[–-](\d+))?(?:\(([^)]+)\))?")


# The central opinion's numbered items, which the rule documents write §13, as Chinese readers cite them: 第13条.
_SECTION = re.compile(r"§\s*(\d+)(?:[–-](\d+))?")


def _articles(text: str) -> str:
    text = _ARTICLE.sub(lambda m: f"第{m[1]}{'–' + m[2] if m[2] else ''}条{'（' + m[3] + '）' if m[3] else ''}", text)
    return _SECTION.sub(lambda m: f"第{m[1]}{'–' + m[2] if m[2] else ''}条", text)


def _one_source_zh(source: str) -> str:
    if re.match(r"operational\b", source):
        return "工作安排（政策文件未作规定）"
    if re.match(r"issue \d+", source):
        return "内部控制要求（政策文件未作规定）"
    text = re.sub(r"\(over ([^)]+)\)", r"（优先于 \1）", source)
    text = re.sub(r":\s.*$", "", text, flags=re.DOTALL)  # "CENTRAL §10: political quality, …": the note after it
    for pattern, name in _DOCUMENTS_ZH:
        text = pattern.sub(name, text)
    text = re.sub(r"\s*\([^)]*[A-Za-z][^)]*\)", "", _articles(text))  # any English note left in brackets
    text = re.sub(r",\s*", "、", text)  # "CENTRAL §9, NX": a list of references, as Chinese lists them
    return re.sub(r"\s+（", "（", re.sub(r"》\s+", "》", text)).strip()


def source_zh(source: str) -> str:
    """A rule's source for a Chinese message: "SS 二(三)1" → "松山区《社区工作者职业体系建设实施方案》二(三)1",
    "IM art.9–11" → "内蒙古《社区工作者管理办法（试行）》第9–11条"; the English notes some sources carry stay in the
    English message. A source listing several documents ("SS; NX") names each."""
    return "；".join(_one_source_zh(part) for part in re.split(r";\s+(?![^(]*\))", source))
