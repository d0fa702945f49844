from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager

from . import ranks


class OrgUnitQuerySet(TenantQuerySet):
    def subtree(self, unit):
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)


class OrgUnit(TenantModel):
    """A node of the agency's organisation tree: Pemda → OPD → bidang/bagian → seksi, or UPT."""

    class Kind(models.TextChoices):
        PEMDA = "pemda", _("Regional government")
        OPD = "opd", _("OPD (dinas/badan)")
        SECRETARIAT = "sekretariat", _("Secretariat")
        BIDANG = "bidang", _("Division (bidang/bagian)")
        SEKSI = "seksi", _("Section (seksi/subbagian)")
        UPT = "upt", _("Service unit (UPT/UPTD)")
        PUSKESMAS = "puskesmas", _("Community health centre (puskesmas)")
        SEKOLAH = "sekolah", _("School")
        KECAMATAN = "kecamatan", _("Sub-district office (kecamatan)")
        KELURAHAN = "kelurahan", _("Urban village (kelurahan/desa)")

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=50, blank=True)
    siasn_id = models.CharField(_("SIASN id"), max_length=64, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OPD)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    objects = tenant_manager(OrgUnitQuerySet)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        indexes = [models.Index(fields=["agency", "path"], name="orgunit_agency_path")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        parent_path = self.parent.path if self.parent_id else "/"
        path = f"{parent_path}{self.pk}/"
        if path != self.path:
            self.path = path
            self.depth = path.count("/") - 2
            type(self).objects.with_scopes_disabled().filter(pk=self.pk).update(
                path=path, depth=self.depth
            )

    def is_within(self, unit):
        return self.path.startswith(unit.path)

    @property
    def indented_name(self):
        return "— " * self.depth + self.name


class Position(TenantModel):
    """A position (jabatan) with its type per DOMAIN.md "Position types"."""

    class Type(models.TextChoices):
        JPT_UTAMA = "jpt_utama", _("JPT Utama")
        JPT_MADYA = "jpt_madya", _("JPT Madya")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        PELAKSANA = "pelaksana", _("Pelaksana")
        FUNGSIONAL_KEAHLIAN = "fungsional_keahlian", _("Functional – expertise (keahlian)")
        FUNGSIONAL_KETERAMPILAN = "fungsional_keterampilan", _("Functional – skill (keterampilan)")

    class Level(models.TextChoices):
        AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
        AHLI_MUDA = "ahli_muda", _("Ahli Muda")
        AHLI_MADYA = "ahli_madya", _("Ahli Madya")
        AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
        PEMULA = "pemula", _("Pemula")
        TERAMPIL = "terampil", _("Terampil")
        MAHIR = "mahir", _("Mahir")
        PENYELIA = "penyelia", _("Penyelia")

    KEAHLIAN_LEVELS = {"ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"}
    KETERAMPILAN_LEVELS = {"pemula", "terampil", "mahir", "penyelia"}

    name = models.CharField(_("name"), max_length=200)
    position_type = models.CharField(_("position type"), max_length=30, choices=Type.choices)
    level = models.CharField(
        _("functional level"), max_length=20, choices=Level.choices, blank=True
    )
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("unit"),
    )
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    siasn_id = models.CharField(_("SIASN id"), max_length=64, blank=True, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_functional(self):
        return self.position_type.startswith("fungsional")


class EmployeeQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_subtree(self, unit):
        return self.filter(unit__path__startswith=unit.path)

    def visible_to(self, membership):
        """What a member may see: operators their unit subtree, employees themselves."""
        if membership is None:
            return self.none()
        if membership.role == "operator":
            if membership.unit_id is None:
                return self.none()
            return self.in_subtree(membership.unit)
        if membership.role in ("admin", "leader"):
            return self
        return self.filter(user_id=membership.user_id)


class Employee(TenantModel):
    """An ASN of the agency (PNS, CPNS or PPPK). Never hard-deleted: deactivated with a reason."""

    class Gender(models.TextChoices):
        MALE = "L", _("Male")
        FEMALE = "P", _("Female")

    class Status(models.TextChoices):
        CPNS = "CPNS", _("CPNS")
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    class Education(models.TextChoices):
        SD = "SD", "SD"
        SLTP = "SLTP", "SLTP"
        SLTA = "SLTA", "SLTA"
        D1 = "D-I", "D-I"
        D2 = "D-II", "D-II"
        D3 = "D-III", "D-III"
        D4 = "D-IV", "D-IV"
        S1 = "S-1", "S-1"
        S2 = "S-2", "S-2"
        S3 = "S-3", "S-3"

    class InactiveReason(models.TextChoices):
        PENSIUN = "pensiun", _("Retired (pensiun)")
        MUTASI = "mutasi_keluar", _("Transferred out (mutasi keluar)")
        MENINGGAL = "meninggal", _("Deceased (meninggal)")
        BERHENTI = "berhenti", _("Resigned or dismissed (berhenti)")

    # The indexes below that start with the agency serve its lookups: a single-column index
    # of its own would only cost every insert (a tenth of an import's database time).
    agency = models.ForeignKey(
        "core.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency"),
        db_index=False,
    )
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("name"), max_length=200)
    front_title = models.CharField(_("front title"), max_length=50, blank=True)
    back_title = models.CharField(_("back title"), max_length=80, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_place = models.CharField(_("birth place"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"))
    status = models.CharField(_("status"), max_length=4, choices=Status.choices)
    golongan = models.CharField(
        _("golongan/ruang"), max_length=6, choices=ranks.ALL_CHOICES, blank=True
    )
    tmt_golongan = models.DateField(_("TMT golongan"), null=True, blank=True)
    tmt_cpns = models.DateField(_("TMT CPNS/PPPK"), null=True, blank=True)
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("position"),
    )
    tmt_jabatan = models.DateField(_("TMT position"), null=True, blank=True)
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("unit"),
    )
    supervisor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinates",
        verbose_name=_("supervisor"),
        db_index=False,  # indexed below where set: most rows (all of an import's) have none
    )
    education_level = models.CharField(
        _("education level"), max_length=6, choices=Education.choices, blank=True
    )
    education_major = models.CharField(_("major"), max_length=200, blank=True)
    education_institution = models.CharField(_("institution"), max_length=200, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    siasn_id = models.CharField(_("SIASN PNS id"), max_length=64, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    inactive_reason = models.CharField(
        _("reason inactive"), max_length=20, choices=InactiveReason.choices, blank=True
    )
    inactive_on = models.DateField(_("inactive since"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager(EmployeeQuerySet)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "nip"], name="employee_unique_nip")
        ]
        indexes = [
            models.Index(fields=["agency", "name"], name="employee_agency_name"),
            models.Index(fields=["agency", "is_active", "unit"], name="employee_agency_unit"),
            models.Index(
                fields=["supervisor"],
                name="employee_supervisor",
                condition=models.Q(supervisor__isnull=False),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        name = self.name
        if self.front_title:
            name = f"{self.front_title} {name}"
        if self.back_title:
            name = f"{name}, {self.back_title}"
        return name

    @property
    def pangkat(self):
        return ranks.pangkat_for(self.golongan)

    @property
    def rank_display(self):
        if not self.golongan:
            return ""
        pangkat = self.pangkat
        return f"{pangkat} ({self.golongan})" if pangkat else self.golongan


class CareerEntry(TenantModel):
    """A change of position or rank, with its decree (SK)."""

    class Kind(models.TextChoices):
        POSITION = "position", _("Position")
        RANK = "rank", _("Rank")
        UNIT = "unit", _("Unit")

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="career", verbose_name=_("employee")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    effective_on = models.DateField(_("effective date (TMT)"), null=True, blank=True)
    decree_number = models.CharField(_("decree (SK) number"), max_length=100, blank=True)
    decree_on = models.DateField(_("decree date"), null=True, blank=True)
    old_value = models.CharField(_("previous"), max_length=255, blank=True)
    new_value = models.CharField(_("new"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("career history entry")
        verbose_name_plural = _("career history")
        ordering = ["-effective_on", "-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.new_value}"


def evidence_path(instance, filename):
    return f"evidence/{instance.agency_id}/{instance.employee_id}/{filename}"


class CorrectionRequest(TenantModel):
    """An ASN asks for a correction of their own record; the agency admin decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("employee")
    )
    field = models.CharField(_("field"), max_length=50)
    old_value = models.CharField(_("current value"), max_length=255, blank=True)
    new_value = models.CharField(_("new value"), max_length=255)
    reason = models.TextField(_("explanation"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True, max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.employee} · {self.field}"


class ImportRun(TenantModel):
    """One employee import (dry run or commit): the batch that the audit trail records."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        REJECTED = "rejected", _("Rejected (nothing written)")
        COMMITTED = "committed", _("Committed")
        FAILED = "failed", _("Failed")

    job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    create_units = models.BooleanField(_("create missing units and positions"), default=False)
    is_dry_run = models.BooleanField(_("dry run"), default=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("employee import")
        verbose_name_plural = _("employee imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name
