"""Payslips as PDF (one month, or a year's statement) with every line, its clause and its working, in Chinese.

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

FONT_FILES = [os.environ.get("CWM_PDF_FONT", ""), "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"]
RUN_KIND_ZH = {"monthly": "月度", "year_end": "年终", "retiree": "离退休荣誉补贴", "one-off": "一次性项目"}
KIND_ZH = {"earning": "应发", "deduction": "扣除", "employer": "单位缴纳", "info": "说明"}
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


def _working(inputs: dict[str, Any] | None) -> str:
    """The line's figures: its formula first, then the other inputs, flattened."""
    if not inputs:
        return ""
    parts = []
    for key in ("formula", "cumulative_taxable", "proration", "basis"):
        if inputs.get(key):
            parts.append(str(inputs[key]))
    for key, value in inputs.items():
        if key in ("formula", "cumulative_taxable", "proration", "basis", "item_id", "taxable", "entered_by") or \
                value in (None, "", {}, []):
            continue
        if isinstance(value, dict):
            value = "，".join(f"{k} {v}" for k, v in value.items())
        parts.append(f"{key}: {value}")
    return "；".join(parts)


def _payslip_story(slip: PayslipDetail, styles: dict[str, ParagraphStyle]) -> list[Any]:
    kind = RUN_KIND_ZH.get(slip.kind, "月度")
    story: list[Any] = [
        Paragraph(escape(f"工资条 {slip.month}（{kind}）"), styles["title"]),
        Paragraph(escape(f"{slip.worker_name}　工号 {slip.worker_id}　社区 {slip.community_code}"
                         f"　岗位 {slip.post or ''}　批次状态 {slip.run_state}"), styles["body"]),
        Spacer(1, 3 * mm),
    ]
    rows: list[list[Any]] = [[Paragraph(h, styles["body"]) for h in ("项目", "类别", "金额（元）", "依据与计算")]]
    for line in slip.lines:
        detail = escape(line.clause or "")
        working = _working(line.inputs)
        if working:
            detail += "<br/>" + escape(working)
        rows.append([Paragraph(escape(line.label_zh), styles["body"]), Paragraph(KIND_ZH.get(line.kind, line.kind),
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


def month_pdf(slips: Iterable[PayslipDetail]) -> bytes:
    styles = _styles()
    story: list[Any] = []
    for index, slip in enumerate(slips):
        if index:
            story.append(PageBreak())
        story.extend(_payslip_story(slip, styles))
    return _document(story, "工资条")


def year_pdf(year: int, slips: list[PayslipDetail]) -> bytes:
    """A year's statement: a summary table month by month, then every payslip with its lines."""
    styles = _styles()
    first = slips[0]
    story: list[Any] = [Paragraph(escape(f"{year} 年度工资明细 — {first.worker_name}（工号 {first.worker_id}）"),
                                  styles["title"])]
    rows = [["月份", "类别", "应发", "社保", "公积金", "个税", "实发"]]
    totals = [Decimal(0)] * 5
    for slip in slips:
        values = [slip.gross, slip.social_insurance, slip.housing_fund, slip.tax, slip.net]
        totals = [money(a + b) for a, b in zip(totals, values)]
        rows.append([slip.month, RUN_KIND_ZH.get(slip.kind, "月度"), *[f"{money(v)}" for v in values]])
    rows.append(["合计", "", *[f"{t}" for t in totals]])
    table = Table(rows, colWidths=[22 * mm, 16 * mm] + [26 * mm] * 5, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font()), ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    story.append(table)
    for slip in slips:
        story.append(PageBreak())
        story.extend(_payslip_story(slip, styles))
    return _document(story, f"{year} 年度工资明细")
