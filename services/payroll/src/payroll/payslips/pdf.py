"""Payslips as PDF (one month, or a year's statement) with every line, its clause and its working, in Chinese:
words, not codes (`payroll.payslips.words`), the community by the name the registry gives it.

ReportLab embeds a subset of a TrueType Chinese font (WenQuanYi Micro Hei, Debian's fonts-wqy-microhei, which
`make` installs for the browser tests too) so the file reads the same on any device. Where that font is
missing the Adobe CID font STSong-Light is used: the text is still Chinese, but the viewer supplies the glyphs.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from cwm_kit.types import money

from payroll.payslips.schemas import PayslipDetail
from payroll.payslips.words import LINE_KINDS, RUN_KINDS, RUN_STATES, pick_chinese, words, working

FONT_FILES = [os.environ.get("CWM_PDF_FONT", ""), "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"]
_font: str | None = None


def font() -> str:
    """The registered font's name (embedded TrueType when available)."""
    global _font
    if _font is None:
        path = next((p for p in FONT_FILES if p and os.path.exists(p)), None)
        if path:
            pdfmetrics.registerFont(TTFont("CwmChinese", path, subfontIndex=0))
            _font = "CwmChinese"
        else:
            pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
            _font = "STSong-Light"
    return _font


def _styles() -> dict[str, ParagraphStyle]:
    name = font()
    return {"title": ParagraphStyle("title", fontName=name, fontSize=15, leading=20, spaceAfter=4),
            "body": ParagraphStyle("body", fontName=name, fontSize=9, leading=12),
            "small": ParagraphStyle("small", fontName=name, fontSize=7, leading=9, textColor=colors.HexColor("#555555"))}


def _header(slip: PayslipDetail, names: dict[str, str]) -> str:
    """Who and where: the community by name (its code where the registry could not name it), the post by its
    label, the level, the run's state in words."""
    post = slip.post_label or (words(slip.post) if slip.post else "")
    level = f"　{slip.grade_level}级" if slip.grade_level else ""
    return (f"{slip.worker_name}　工号 {slip.worker_id}　社区 {names.get(slip.community_code, slip.community_code)}"
            f"　岗位 {post}{level}　批次状态 {RUN_STATES.get(slip.run_state, slip.run_state)}")


def _payslip_story(slip: PayslipDetail, styles: dict[str, ParagraphStyle], names: dict[str, str]) -> list[Any]:
    kind = RUN_KINDS.get(slip.kind, "月度")
    story: list[Any] = [
        Paragraph(escape(f"工资条 {slip.month}（{kind}）"), styles["title"]),
        Paragraph(escape(_header(slip, names)), styles["body"]),
        Spacer(1, 3 * mm),
    ]
    rows: list[list[Any]] = [[Paragraph(h, styles["body"]) for h in ("项目", "类别", "金额（元）", "依据与计算")]]
    for line in slip.lines:
        detail = "<br/>".join(escape(text) for text in [pick_chinese(line.clause or ""), *working(line.inputs)]
                              if text)
        rows.append([Paragraph(escape(line.label_zh), styles["body"]), Paragraph(LINE_KINDS.get(line.kind, line.kind),
                                                                                 styles["body"]),
                     Paragraph(f"{money(line.amount)}", styles["body"]), Paragraph(detail, styles["small"])])
    for label, value in (("应发合计", slip.gross), ("个人社会保险", slip.social_insurance),
                         ("个人住房公积金", slip.housing_fund), ("个人所得税", slip.tax), ("实发", slip.net)):
        rows.append([Paragraph(label, styles["body"]), "", Paragraph(f"{money(value)}", styles["body"]), ""])
    table = Table(rows, colWidths=[34 * mm, 14 * mm, 24 * mm, 108 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    story.append(table)
    return story


def _document(story: list[Any], title: str) -> bytes:
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                                 bottomMargin=14 * mm, title=title, author="社区工作者管理系统")
    document.build(story)
    return out.getvalue()


def month_pdf(slips: Iterable[PayslipDetail], names: dict[str, str] | None = None) -> bytes:
    """A month's payslips; `names`: community names by code."""
    styles = _styles()
    story: list[Any] = []
    for index, slip in enumerate(slips):
        if index:
            story.append(PageBreak())
        story.extend(_payslip_story(slip, styles, names or {}))
    return _document(story, "工资条")


def year_pdf(year: int, slips: list[PayslipDetail], names: dict[str, str] | None = None) -> bytes:
    """A year's statement: a summary table month by month, then every payslip with its lines; `names`: community
    names by code."""
    styles = _styles()
    first = slips[0]
    story: list[Any] = [Paragraph(escape(f"{year} 年度工资明细 — {first.worker_name}（工号 {first.worker_id}）"),
                                  styles["title"])]
    rows = [["月份", "类别", "应发", "社保", "公积金", "个税", "实发"]]
    totals = [Decimal(0)] * 5
    for slip in slips:
        values = [slip.gross, slip.social_insurance, slip.housing_fund, slip.tax, slip.net]
        totals = [money(a + b) for a, b in zip(totals, values)]
        rows.append([slip.month, RUN_KINDS.get(slip.kind, "月度"), *[f"{money(v)}" for v in values]])
    rows.append(["合计", "", *[f"{t}" for t in totals]])
    table = Table(rows, colWidths=[22 * mm, 16 * mm] + [26 * mm] * 5, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font()), ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    story.append(table)
    for slip in slips:
        story.append(PageBreak())
        story.extend(_payslip_story(slip, styles, names or {}))
    return _document(story, f"{year} 年度工资明细")
