# 6 ديسمبر 2026، 17:37: Arabic month names (Django's catalogue), the Arabic comma, a 24-hour
# clock; Django's own Arabic formats put a comma before the year and use a 12-hour clock.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
