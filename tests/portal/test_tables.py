"""Tables become stacked cards on a phone (static/css/site.css): each row is a card headed by its
row heading (a `th scope="row"`), and each other cell shows its column's name from `data-label`.
Cells of buttons (`row-actions`) and whole-row messages (`colspan`) need no name.
The back office's tables are Django's own and are left out, and so are the mails' layout tables
(templates/email/: `role="presentation"`, the one layout every mail client draws)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [
    path
    for path in ROOT.glob("**/templates/**/*.html")
    # Not the installed packages (var/ holds the bench's production environment).
    if not {".venv", "node_modules", "var"} & set(path.parts)
    and "admin" not in path.parts
    and "email" not in path.parts
]
TABLE_CELL = re.compile(r"<td(\s[^>]*)?>")


def test_the_templates_are_found():
    assert len(TEMPLATES) > 50


def test_every_table_cell_names_its_column_on_a_phone():
    unnamed = [
        f"{path.relative_to(ROOT)}: {cell.group(0)}"
        for path in TEMPLATES
        for cell in TABLE_CELL.finditer(path.read_text())
        if not re.search(r"data-label=|colspan=|row-actions", cell.group(0))
    ]
    assert unnamed == []


def test_every_table_row_has_a_heading_to_head_its_card():
    headless = [
        str(path.relative_to(ROOT))
        for path in TEMPLATES
        if "<tbody" in (text := path.read_text()) and 'scope="row"' not in text
    ]
    assert headless == []
