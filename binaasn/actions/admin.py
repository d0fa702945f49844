from django.contrib import admin

from .models import FollowUpAction


@admin.register(FollowUpAction)
class FollowUpActionAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "kind", "status", "due_on")
    list_filter = ("status", "kind", "agency")
    search_fields = ("title",)
    raw_id_fields = ("unit", "owner_employee", "owner_user", "created_by")

    def get_queryset(self, request):
        return FollowUpAction.objects.with_scopes_disabled().all()
