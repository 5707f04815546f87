"""Sending through a mail provider's API (django-anymail, OEC_MAIL_PROVIDER): what it answers.

sending.py sends every message through Django's mail backend; when that is one of anymail's,
these read what the provider answered: the id it gave the message (its bounce and complaint
reports name it: mail_events.py), and whether a refusal is worth a retry.
"""


def provider_message_id(message):
    """The id the provider gave the message it took (its reports name it); "" over SMTP."""
    message_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
    # One recipient per message: one id (a set would mean several recipients).
    return "" if message_id is None or isinstance(message_id, set) else str(message_id)


def is_transient_provider_error(exc):
    """A provider's API that could not be reached, was busy (429) or failed (5xx): worth a
    retry. Its other refusals (a rejected address, a bad request) are final."""
    # Imported here: anymail.exceptions imports requests, which a web worker, where this
    # module is loaded with the bulletin's tasks, would otherwise keep (~6 MB; tests/perf).
    from anymail.exceptions import AnymailAPIError

    if not isinstance(exc, AnymailAPIError):
        return False
    return exc.status_code is None or exc.status_code == 429 or exc.status_code >= 500
