from django.utils.cache import add_never_cache_headers


class NoStoreForAuthenticatedMiddleware:
    """Pages seen by a logged-in user are never kept by browsers or shared caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
