"""Who is calling the API: a bearer token (scripts, other systems) or the browser's session.

Every router except /health uses `api_auth`; routers of other apps pass it too:
`Router(auth=api_auth)`.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from danchu.accounts.models import ApiToken

UNAUTHENTICATED = (
    "Chưa xác thực: gửi tiêu đề 'Authorization: Bearer <mã truy cập>' "
    "(tạo bằng `danchu create_token`) hoặc đăng nhập trên trang web."
)
CSRF_FAILED = "Yêu cầu ghi từ trình duyệt thiếu mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken."
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer dc_…`: only the token's hash is stored, so look it up by hash."""

    def authenticate(self, request: HttpRequest, token: str):
        token = token.strip()
        if not token:
            return None
        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser; writes need Django's CSRF token like any form post."""

    param_name = "sessionid"

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, CSRF_FAILED)
        return user


api_auth = [TokenAuth(), SessionAuth()]
