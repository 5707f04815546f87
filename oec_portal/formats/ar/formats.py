# 6 ديسمبر 2026، 17:37: Arabic month names (Django's catalogue), the Arabic comma, a 24-hour
# clock; Django's own Arabic formats put a comma before the year and use a 12-hour clock.
#
# Digits: Western Arabic (0-9) everywhere, in dates, counts, pagination and figures alike, never
# the Eastern forms (٠-٩). The United Nations' Arabic site and documents and the Maghreb's
# portals write 0-9; Egypt's and several Gulf portals write ٠-٩. The portal follows the UN,
# the nearest model for an intergovernmental body, and for a reason of its own: its document
# symbols (OEC/GA/2/1), addresses and e-mails are Latin and keep 0-9, so Eastern digits in the
# prose around them would put two digit systems on one line. Django never converts digits and
# the Arabic catalogue holds none; tests/portal/test_arabic.py checks the pages. Decimals keep
# Django's Arabic comma (2,5), as UN Arabic texts write them; groups of thousands a narrow space.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
