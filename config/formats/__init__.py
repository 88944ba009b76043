"""Date and number formats per language (FORMAT_MODULE_PATH), issue 13 item 9.

Kazakh and Russian show and accept dates as dd.mm.yyyy. Numbers read the same in every language:
a decimal point (4.87), as the score fields, the API, the exports and the methodology engine
write them; Django's Russian default (a decimal comma) made the same score read "4.87" in a Kazakh
page and "4,87" in a Russian one.

DATE_INPUT_FORMATS start with ISO 8601: a `<input type="date">` sends and expects yyyy-mm-dd
(the browser shows it in the reader's dd.mm.yyyy), and a widget without an explicit format
writes its value in the first input format.
"""
