"""One change log for every model that matters (NetBox's ObjectChange idea)."""

from django.conf import settings
from django.db import models


class ObjectChange(models.Model):
    ACTIONS = [("create", "tạo"), ("update", "sửa"), ("delete", "xóa"), ("read", "xem")]

    time = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # Kept when the user is deleted, so the log still says who.
    user_name = models.CharField(max_length=150, blank=True)
    request_id = models.CharField(max_length=36, blank=True, db_index=True)
    source = models.CharField(max_length=200, blank=True, help_text="web, api, cli, import:<file>")
    action = models.CharField(max_length=10, choices=ACTIONS)
    object_type = models.CharField(max_length=60, db_index=True)
    # long enough for a value key with an explicit range period ("DON_TIEPNHAN|03386|2025-06-15/2025-06-30|…")
    object_id = models.CharField(max_length=200, db_index=True)
    object_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.time:%d/%m/%Y %H:%M} {self.get_action_display()} {self.object_repr}"
