class PageSlugConverter:
    """A page's slug in a URL: three characters or more (see pages.models.RESERVED_SLUGS)."""

    regex = "[-a-zA-Z0-9_]{3,}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
