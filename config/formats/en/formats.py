"""How the site writes dates and times in English: one 24-hour clock everywhere (issue 17).

Templates name these formats (`|date:"SHORT_DATETIME_FORMAT"`, `|time`) instead of spelling
out a pattern, so a page never shows "1:28 PM" beside "14:58"; a locale added to LANGUAGES later
brings its own module beside this one (FORMAT_MODULE_PATH)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
