"""An organisation's emblem: its logo, or a designed cover made from its name and the palette.

The cover shows the organisation's acronym ("(OCCE)" at the end of its name), or the initials of
the significant words of its name in the visitor's language, Arabic included, on one of the
palette's tones. The tone is picked from the slug, so an organisation keeps its colour in every
language. The template tag is members/templatetags/emblems.py.
"""

import re
import unicodedata
import zlib

# Palette tokens dark enough for white initials (at least 5.3:1; static/css/site.css, "Emblems").
TONES = 6

ACRONYM_AT_THE_END = re.compile(r"\(\s*([^\W\d_]{2,6})\s*\)\s*$")
WORD_SEPARATORS = re.compile(r"[\s\-‐–—/&,.:;()'’]+")
# Arabic letters standing alone are wide: two fill a cover.
MAX_INITIALS = {"latin": 4, "arabic": 2}

# Words an acronym leaves out, in the portal's languages. Arabic prepositions are separate words
# ("في", "من"); the article and the prefixed "li-" are stripped from the word itself below.
MINOR_WORDS = frozenset(
    """
    a an and at for in of on the to
    au aux d de des du en et l la le les pour
    del el las los para por y
    في من على عن إلى و
    """.split()
)
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
# Between Arabic initials: each letter stands alone instead of joining the next into a word
# (a zero-width non-joiner is not honoured by every renderer of SVG text).
ARABIC_INITIALS_SEPARATOR = "\u2009"  # thin space


def _is_arabic(letter):
    return "ARABIC" in unicodedata.name(letter, "")


def _initial(word):
    """The word's first letter ("" for a minor word), the Arabic article and prefixes removed."""
    if word.lower() in MINOR_WORDS:
        return ""
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            word = word[len(prefix) :]
            break
    letter = word[0]
    if not letter.isalpha():
        return ""
    return letter if _is_arabic(letter) else letter.upper()


def emblem_initials(name):
    """What a cover shows for `name`: its acronym in parentheses, or its initials.

    "Central Office for Cooperation at School (OCCE)" gives "OCCE", "Global Literacy Trust"
    "GLT", "Sri Lanka" "SL", "المكتب المركزي للتعاون" "م م" (letters kept apart).
    """
    name = (name or "").strip()
    acronym = ACRONYM_AT_THE_END.search(name)
    if acronym:
        return acronym.group(1).upper()
    initials = [_initial(word) for word in WORD_SEPARATORS.split(name) if word]
    initials = [letter for letter in initials if letter]
    if not initials:
        return ""
    arabic = _is_arabic(initials[0])
    initials = initials[: MAX_INITIALS["arabic" if arabic else "latin"]]
    return (ARABIC_INITIALS_SEPARATOR if arabic else "").join(initials)


def emblem_tone(key):
    """The palette tone (0 to TONES - 1) of a cover: the same for the same key, everywhere."""
    return zlib.crc32((key or "").encode()) % TONES
