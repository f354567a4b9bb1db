from cwm_kit.types import ResponseModel


class PostOut(ResponseModel):
    code: str
    jurisdiction_prefix: str
    label_zh: str
    label_en: str
    committee: bool
    head: bool
    contract_term_years: int | None
