"""URL converters that match only what a view can serve, so odd input is a 404 from the URL
layer and never reaches a query (issue 14): registered in MembersConfig.ready() for every app's
urls.py. oec_portal.malformed_input refuses control characters on every URL besides."""


class YearConverter:
    """A calendar year, 1 to 9999: what `datetime.date` holds (year 0 or 10000 would be a 500)."""

    regex = "[0-9]{1,4}"

    def to_python(self, value):
        year = int(value)
        if not 1 <= year <= 9999:
            raise ValueError("year out of range")  # the resolver tries the next pattern
        return year

    def to_url(self, value):
        return str(int(value))


class SymbolConverter:
    """A document or decision symbol written for URLs, its "/" as "-" (OEC-GA-1-5-Rev.1): the
    characters of governance.models.SYMBOL_PATTERN, no longer than the symbol field."""

    regex = "[-A-Za-z0-9.]{1,40}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


CONVERTERS = {"year": YearConverter, "symbol": SymbolConverter}
