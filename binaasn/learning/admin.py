from django.contrib import admin

from . import models


@admin.register(models.Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "path_code", "starts_on", "status"]
    list_filter = ["status", "path_code"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return self.model.objects.with_scopes_disabled().select_related("agency")


@admin.register(models.Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "agency",
        "recipient_name",
        "programme_title",
        "issued_at",
        "revoked_at",
    ]
    search_fields = ["number", "recipient_name"]
    readonly_fields = ["code"]

    def get_queryset(self, request):
        return self.model.objects.with_scopes_disabled().select_related("agency")
