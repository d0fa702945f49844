from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel
from binaasn.planning.models import BudgetLine

# The plan's budget categories, so planned and realized costs line up.
CostCategory = BudgetLine.Category


class CostRealization(TenantModel):
    """An actual cost of an offering, by budget category."""

    Category = CostCategory

    offering = models.ForeignKey(
        "learning.Offering", on_delete=models.CASCADE, related_name="costs"
    )
    category = models.CharField(_("category"), max_length=15, choices=CostCategory.choices)
    amount = models.DecimalField(
        _("amount (Rp)"), max_digits=14, decimal_places=0, validators=[MinValueValidator(0)]
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    spent_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("realized cost")
        verbose_name_plural = _("realized costs")
        ordering = ["spent_on", "pk"]
        indexes = [models.Index(fields=["offering", "category"], name="cost_offering_category")]

    def __str__(self):
        return f"{self.get_category_display()}: {self.amount}"
