"""Module bodies carry section anchors, and are read back into sections. No database."""

from app.assistant.sections import split_sections
from app.content.markdown import render

BODY = """บทนำสั้น ๆ

## งานนี้คืออะไร

ย่อหน้าแรก

- ข้อหนึ่ง
- ข้อสอง

```
## ไม่ใช่หัวข้อ
```

> ## อยู่ในคำพูด

## ขั้นตอน

1. เปิดระบบ

### รายละเอียด

ข้อความ <section id="s-9">ดิบ</section>
"""


def test_every_level_two_heading_opens_a_numbered_section():
    html = render(BODY)
    assert html.count("<section") == 2
    assert '<section id="s-1">\n<h2>งานนี้คืออะไร</h2>' in html
    assert '<section id="s-2">\n<h2>ขั้นตอน</h2>' in html
    assert "<h2>" in html  # headings themselves stay bare


def test_raw_html_in_content_cannot_forge_a_section():
    html = render(BODY)
    assert '<section id="s-9">' not in html
    assert "&lt;section" in html


def test_sections_come_back_as_plain_text_in_order():
    sections = split_sections(render(BODY))
    assert [(s.number, s.heading) for s in sections] == [
        (None, ""), (1, "งานนี้คืออะไร"), (2, "ขั้นตอน")]
    assert sections[0].paragraphs == ["บทนำสั้น ๆ"]
    assert "ข้อหนึ่ง" in sections[1].paragraphs
    assert "## ไม่ใช่หัวข้อ" in sections[1].text
    assert "อยู่ในคำพูด" in sections[1].paragraphs
    assert sections[2].paragraphs[-1] == 'ข้อความ <section id="s-9">ดิบ</section>'


def test_a_body_without_headings_is_one_untitled_section():
    assert [(s.number, s.text) for s in split_sections(render("แค่ข้อความ"))] == [
        (None, "แค่ข้อความ")]
