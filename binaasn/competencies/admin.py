from django.contrib import admin

from .models import Competency


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "agency", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
