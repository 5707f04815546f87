"""The portal's date formats per language (settings.FORMAT_MODULE_PATH).

One long date style and one date-time style in each language, the way a reader there writes
them (24-hour clock, day before month), instead of Django's American English defaults
("Dec. 6, 2026, 5:37 p.m."). Anything not set here comes from Django's own locale formats.
"""
