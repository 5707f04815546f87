"""Sessions as Django's cached_db keeps them (in the cache, and in the database), read with
the signed-in user in one round trip to the cache (issue 19).

A signed-in request reads its session, then the user the session names, kept with the content
generation (auth_backends.py): two round trips to Redis, a fifth of what a member's page
costs once the page itself is kept. Each process remembers which user a session it read
belongs to (a session's user never changes: signing in starts a new session key), so the next
request of that session reads the session, the content generation and that user together;
the authentication reads the user from there. The remembered user is only which key to read
along: who is signed in is still what the session says.
"""

import threading
from collections import OrderedDict

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db

from .auth_backends import signed_in_user_key
from .content_cache import read_along

# Sessions whose user this process remembers, the most recent ones; their keys are secrets
# only to others than this process, which holds them anyway while it serves their requests.
REMEMBERED_SESSIONS = 4096
_user_of_session = OrderedDict()
_lock = threading.Lock()


def _remember_user(session_key, user_id):
    with _lock:
        _user_of_session[session_key] = user_id
        _user_of_session.move_to_end(session_key)
        while len(_user_of_session) > REMEMBERED_SESSIONS:
            _user_of_session.popitem(last=False)


class SessionStore(cached_db.SessionStore):
    def load(self):
        user_id = _user_of_session.get(self.session_key)
        data = None
        if user_id is not None:
            data = read_along(self.cache_key, signed_in_user_key(user_id))
        if data is None:
            data = super().load()  # not in the cache: from the database, as cached_db does
        if SESSION_KEY in data:
            _remember_user(self.session_key, data[SESSION_KEY])
        return data
