"""Make the demo library's missing files: every demo material that mentions cards, sheets or
slides gets a real file in the format a teacher would share it in.

    .venv/bin/python demo/content/make_files.py          # make what is missing
    .venv/bin/python demo/content/make_files.py --force  # make every generated file again

- cards → a PDF to print and cut (WeasyPrint, already Kyozai's PDF renderer);
- a worksheet, survey or interview sheet → a Word file (python-docx), editable as ALTs
  like them;
- slides → a PowerPoint file (python-pptx).

Each file is written from the entry itself (its titles, its steps, the phrases quoted in
it), into `files/` beside demo_library.jsonl, and listed in the entry's "files", so
`load_demo` imports it like any other file and the previews worker draws its pages. The
output is committed: `make run` needs none of these libraries. A file that exists is left
alone (zip dates would make every run a change); --force makes them again.
"""

from __future__ import annotations

import argparse
import datetime
import html
import io
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
JSONL = HERE / "demo_library.jsonl"
FILES = HERE / "files"
FIXED_DATE = datetime.datetime(2026, 4, 1, 9, 0)

MENTIONS = {
    "slides": re.compile(r"\bslides?\b", re.IGNORECASE),
    "sheet": re.compile(r"\b(?:\w+[- ])?(?:work)?sheets?\b|\bhandouts?\b", re.IGNORECASE),
    "cards": re.compile(r"\b(?:flash)?cards?\b", re.IGNORECASE),
}
# Names of files an entry already has that cover a kind (a PNG of flashcards, a PDF bingo sheet).
COVERED_BY_NAME = {
    "cards": ("card", "flashcard"),
    "sheet": ("sheet", "worksheet", "bingo", "log", "map"),
    "slides": ("slide",),
}
EXTENSIONS = {"cards": "pdf", "sheet": "docx", "slides": "pptx"}
TITLES = {"cards": "cards to print", "sheet": "worksheet", "slides": "slides"}
TABLE_WORDS = re.compile(r"interview|survey|find someone|ask \w+ friends", re.IGNORECASE)


def section(body: str, heading: str) -> list[str]:
    """The list items under `## heading` (numbered or bulleted)."""
    match = re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", body, re.MULTILINE | re.DOTALL)
    if not match:
        return []
    items = re.findall(r"^(?:\d+\.|-)\s+(.+)$", match.group(1), re.MULTILINE)
    return [re.sub(r"[*_`]", "", item).strip() for item in items]


def phrases(entry: dict, limit: int = 8) -> list[str]:
    """What the class says: the phrases quoted in the entry, in order, once each."""
    found = []
    for phrase in re.findall(r"\"([^\"\n]{2,48})\"", entry.get("body", "")):
        phrase = phrase.strip()
        if phrase and phrase not in found:
            found.append(phrase)
    return found[:limit]


def kinds_wanted(entry: dict) -> list[str]:
    text = " ".join(entry.get(key, "") for key in ("title", "summary", "body"))
    existing = " ".join(
        (item if isinstance(item, str) else item.get("path", "")).lower()
        for item in entry.get("files") or []
    )
    return [
        kind
        for kind, pattern in MENTIONS.items()
        if pattern.search(text) and not any(word in existing for word in COVERED_BY_NAME[kind])
    ]


# --- cards: a PDF ------------------------------------------------------------------------


def listed_words(entry: dict) -> list[str]:
    """Words the materials list spells out: "Picture cards (bat, van, lion…)"."""
    words = []
    for item in section(entry["body"], "Materials"):
        for inside in re.findall(r"\(([^)]*,[^)]*)\)", item):
            words += [w.strip(" .…") for w in inside.split(",") if 0 < len(w.strip(" .…")) < 30]
    return words


def card_words(entry: dict) -> list[str]:
    words: list[str] = []
    for source in (listed_words(entry), phrases(entry), entry.get("tags") or []):
        words += [word for word in source if word not in words and len(word) <= 40]
    return (words or [entry["title"]])[:8]


def cards_pdf(entry: dict) -> bytes:
    from weasyprint import HTML

    cards = "".join(
        f'<div class="card"><p>{html.escape(word)}</p>'
        f"<small>{html.escape(entry['title'])}</small></div>"
        for word in card_words(entry)
    )
    page = f"""<html lang="en"><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 12mm; }}
      body {{ font-family: "IPAexGothic", sans-serif; margin: 0; }}
      h1 {{ font-size: 14pt; margin: 0 0 2mm; }}
      h2 {{ font-size: 10pt; margin: 0 0 4mm; color: #555; }}
      .cards {{ display: flex; flex-wrap: wrap; gap: 4mm; }}
      .card {{ box-sizing: border-box; width: 88mm; height: 58mm; border: 1.5pt dashed #1f5f8b;
               border-radius: 4mm; padding: 5mm; display: flex; flex-direction: column;
               justify-content: center; text-align: center; background: #f3f8fc; }}
      .card p {{ font-size: 20pt; font-weight: bold; margin: 0 0 3mm; color: #12324a; }}
      .card small {{ font-size: 7pt; color: #777; }}
    </style></head><body>
      <h1>{html.escape(entry["title"])}: cards</h1>
      <h2 lang="ja">{html.escape(entry.get("title_ja", ""))} — 切って使うカード</h2>
      <div class="cards">{cards}</div>
    </body></html>"""
    return HTML(string=page).write_pdf()


# --- a worksheet: a Word file ------------------------------------------------------------


def worksheet_docx(entry: dict) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = FIXED_DATE
    document.core_properties.author = "Kyozai demo"
    document.add_heading(entry["title"], 0)
    if entry.get("title_ja"):
        document.add_paragraph(entry["title_ja"])
    document.add_paragraph("Name / 名前: ____________________    Class / 組: ______")
    steps = section(entry["body"], "How to run it")
    if steps:
        document.add_heading("What to do / やること", level=1)
        for step in steps[:5]:
            document.add_paragraph(step, style="List Number")
    said = phrases(entry, 4)
    if said:
        document.add_heading("Key phrases / キーフレーズ", level=1)
        for phrase in said:
            document.add_paragraph(phrase, style="List Bullet")
    text = " ".join(entry.get(key, "") for key in ("title", "summary", "body"))
    if TABLE_WORDS.search(text):
        table = document.add_table(rows=7, cols=3)
        table.style = "Table Grid"
        for cell, heading in zip(
            table.rows[0].cells, ("Friend / 友だち", "Question", "Answer / 答え"), strict=True
        ):
            cell.text = heading
    else:
        document.add_heading("My answers / 答え", level=1)
        for _ in range(5):
            document.add_paragraph("_" * 60)
    document.add_heading("Self-check / ふりかえり", level=1)
    for can_do in ("I listened to my partner.", "I spoke clearly.", "I tried new words."):
        document.add_paragraph(f"{can_do}   ☆ ☆ ☆", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- slides: a PowerPoint file -----------------------------------------------------------


def slides_pptx(entry: dict) -> bytes:
    import pptx
    from pptx.util import Pt

    presentation = pptx.Presentation()
    presentation.core_properties.created = presentation.core_properties.modified = FIXED_DATE
    presentation.core_properties.author = "Kyozai demo"
    cover = presentation.slides.add_slide(presentation.slide_layouts[0])
    cover.shapes.title.text = entry["title"]
    cover.placeholders[1].text = entry.get("title_ja", "") or entry.get("summary", "")
    for number, step in enumerate(section(entry["body"], "How to run it")[:4], start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = f"Step {number}"
        slide.placeholders[1].text = step
    said = phrases(entry, 6)
    if said:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = "Let's say it! / 言ってみよう"
        body = slide.placeholders[1].text_frame
        body.text = said[0]
        for phrase in said[1:]:
            body.add_paragraph().text = phrase
        for paragraph in body.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(28)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


MAKERS = {"cards": cards_pdf, "sheet": worksheet_docx, "slides": slides_pptx}


def make_files(force: bool = False) -> tuple[int, int]:
    """Write the missing files and list them in the JSONL; (files written, entries changed)."""
    entries = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines() if line]
    written = changed = 0
    for entry in entries:
        listed = entry.get("files") or []
        paths = {item if isinstance(item, str) else item["path"] for item in listed}
        generated = [k for k in MENTIONS if f"files/{entry['slug']}-{k}.{EXTENSIONS[k]}" in paths]
        for kind in sorted(set(kinds_wanted(entry)) | set(generated)):
            path = f"files/{entry['slug']}-{kind}.{EXTENSIONS[kind]}"
            target = HERE / path
            if force or not target.exists():
                target.write_bytes(MAKERS[kind](entry))
                written += 1
            if path not in paths:
                listed.append({"path": path, "title": f"{entry['title']} ({TITLES[kind]})"})
                entry["files"] = listed
                changed += 1
    lines = [json.dumps(entry, ensure_ascii=False) for entry in entries]
    JSONL.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written, changed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="make every generated file again")
    written, changed = make_files(force=parser.parse_args().force)
    print(f"{written} files written, {changed} files newly listed in {JSONL.name}")
