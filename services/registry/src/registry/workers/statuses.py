"""A worker's status in words, as the SPA names them (frontend/src/lib/codes.ts STATUSES): for messages, which
name a status in Chinese and English, never by its code."""

STATUS_TEXT = {"probation": ("试用期", "on probation"), "active": ("在岗", "active"), "seconded": ("借调", "seconded"),
               "resigned": ("辞职", "resigned"), "dismissed": ("解聘", "dismissed"), "retired": ("退休", "retired"),
               "deceased": ("去世", "deceased")}


def status_text(status: str) -> tuple[str, str]:
    return STATUS_TEXT.get(status, (status, status))


CERTIFICATE_TEXT = {"assistant_social_worker": ("助理社会工作师", "assistant social worker"),
                    "social_worker": ("社会工作师", "social worker"),
                    "senior_social_worker": ("高级社会工作师", "senior social worker")}


def certificate_text(level: str) -> tuple[str, str]:
    return CERTIFICATE_TEXT.get(level, (level, level))


def statuses_text(statuses) -> tuple[str, str]:
    """Several statuses in words, in the given order: ("辞职、解聘", "resigned, dismissed")."""
    words = [status_text(s) for s in statuses]
    return "、".join(w[0] for w in words) or "-", ", ".join(w[1] for w in words) or "-"
