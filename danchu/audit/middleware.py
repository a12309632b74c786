import uuid

from .context import acting


class RequestIdMiddleware:
    """Tags every change made while serving a request with the user and a request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request.headers.get("X-Request-Id") or str(uuid.uuid4())
        source = "api" if request.path.startswith("/api/") else "web"
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with acting(user=user, source=source, request_id=request.id):
            response = self.get_response(request)
        response["X-Request-Id"] = request.id
        return response
