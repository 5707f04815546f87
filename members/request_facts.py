"""Facts about the request every app may need (the client's address), read one way."""


def client_ip(request):
    """The client address as the web server saw it; X-Forwarded-For is not trusted here."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""
