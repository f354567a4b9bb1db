"""A worker's status in words, as the SPA names them (frontend/src/lib/codes.ts STATUSES): for messages, which
name a status in Chinese and English, never by its code."""

STATUS_TEXT = {"probation": ("试用期", "on probation"), "active": ("在岗", "active"), "seconded": ("借调", "seconded"),
               "resigned": ("辞职", "resigned"), "dismissed": ("解聘", "dismissed"), "retired": ("退休", "retired"),
               "deceased": ("去世", "deceased")}


def status_text(status: str) -> tuple[str, str]:
    return STATUS_TEXT.get(status, (status, status))
