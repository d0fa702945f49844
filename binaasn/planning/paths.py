"""Development forms and path codes (jalur) of DOMAIN.md, "Competency development and JP".

Each programme stores its form and the canonical path code (KL01–KL12 classical, NKL01–NKL13
non-classical). A form suggests its usual code; project-based learning may be recorded as NKL11
or NKL13 (the agency's choice), community activities such as bakti sosial or penyuluhan go to
NKL13 unless the agency picks another code. Formal education (a degree) has no path code.
"""

from django.utils.translation import gettext_lazy as _

CLASSICAL = "classical"
NON_CLASSICAL = "non_classical"
EDUCATION = "education"

TRACK_CHOICES = [
    (CLASSICAL, _("Classical")),
    (NON_CLASSICAL, _("Non-classical")),
    (EDUCATION, _("Formal education")),
]

# The regulation's names, kept in Indonesian.
PATHS = [
    ("KL01", "Pelatihan struktural kepemimpinan"),
    ("KL02", "Pelatihan manajerial"),
    ("KL03", "Pelatihan teknis"),
    ("KL04", "Pelatihan fungsional"),
    ("KL05", "Pelatihan sosial kultural"),
    ("KL06", "Seminar/konferensi/sarasehan"),
    ("KL07", "Workshop/lokakarya"),
    ("KL08", "Kursus"),
    ("KL09", "Penataran"),
    ("KL10", "Bimbingan teknis"),
    ("KL11", "Sosialisasi"),
    ("KL12", "Klasikal lainnya"),
    ("NKL01", "Coaching"),
    ("NKL02", "Mentoring"),
    ("NKL03", "E-learning"),
    ("NKL04", "Pelatihan jarak jauh"),
    ("NKL05", "Detasering"),
    ("NKL06", "Pembelajaran alam terbuka (outbound)"),
    ("NKL07", "Patok banding (benchmarking)"),
    ("NKL08", "Pertukaran PNS dengan pegawai swasta/BUMN/BUMD"),
    ("NKL09", "Belajar mandiri"),
    ("NKL10", "Komunitas belajar"),
    ("NKL11", "Bimbingan di tempat kerja"),
    ("NKL12", "Magang/praktik kerja"),
    ("NKL13", "Nonklasikal lainnya"),
]
PATH_NAMES = dict(PATHS)
PATH_CHOICES = [(code, f"{code} · {name}") for code, name in PATHS]

# form key, label, usual path code
FORMS = [
    ("leadership_training", _("Leadership training (pelatihan struktural kepemimpinan)"), "KL01"),
    ("managerial_training", _("Managerial training"), "KL02"),
    ("technical_training", _("Technical training"), "KL03"),
    ("functional_training", _("Functional training"), "KL04"),
    ("socio_cultural_training", _("Socio-cultural training"), "KL05"),
    ("seminar", _("Seminar, conference or sarasehan"), "KL06"),
    ("workshop", _("Workshop (lokakarya)"), "KL07"),
    ("course", _("Course (kursus)"), "KL08"),
    ("penataran", _("Penataran"), "KL09"),
    ("bimtek", _("Technical guidance (bimtek)"), "KL10"),
    ("sosialisasi", _("Sosialisasi"), "KL11"),
    ("other_classical", _("Other classical learning"), "KL12"),
    ("coaching", _("Coaching"), "NKL01"),
    ("mentoring", _("Mentoring"), "NKL02"),
    ("e_learning", _("E-learning"), "NKL03"),
    ("distance_training", _("Distance training"), "NKL04"),
    ("detasering", _("Secondment (detasering)"), "NKL05"),
    ("outbound", _("Outdoor learning (outbound)"), "NKL06"),
    ("benchmarking", _("Benchmarking (patok banding)"), "NKL07"),
    ("exchange", _("Exchange with the private sector, BUMN or BUMD"), "NKL08"),
    ("self_study", _("Self-study (belajar mandiri)"), "NKL09"),
    ("learning_community", _("Learning community"), "NKL10"),
    ("on_the_job", _("On-the-job guidance"), "NKL11"),
    ("project_based", _("Project-based learning"), "NKL11"),
    ("internship", _("Internship (magang)"), "NKL12"),
    ("community_activity", _("Community activity (bakti sosial, penyuluhan)"), "NKL13"),
    ("other_non_classical", _("Other non-classical learning"), "NKL13"),
    ("formal_education", _("Formal education (degree)"), ""),
]
FORM_CHOICES = [(key, label) for key, label, _code in FORMS]
FORM_PATH = {key: code for key, _label, code in FORMS}
# Forms whose path code the agency may choose among more than one.
ALLOWED_PATHS = {"project_based": ("NKL11", "NKL13"), "community_activity": ("NKL10", "NKL13")}

# The usual form for a competency kind when a need becomes a programme.
FORM_FOR_COMPETENCY_KIND = {
    "managerial": "managerial_training",
    "socio_cultural": "socio_cultural_training",
    "technical": "technical_training",
}


def track_of(path_code):
    """Classical (KLxx), non-classical (NKLxx), or formal education (no code)."""
    if not path_code:
        return EDUCATION
    return NON_CLASSICAL if path_code.upper().startswith("NKL") else CLASSICAL


def allowed_paths(form):
    """The path codes a programme of ``form`` may carry."""
    if form == "formal_education":
        return ("",)
    if form == "other_classical":
        return tuple(code for code, _name in PATHS if track_of(code) == CLASSICAL)
    if form == "other_non_classical":
        return tuple(code for code, _name in PATHS if track_of(code) == NON_CLASSICAL)
    return ALLOWED_PATHS.get(form, (FORM_PATH[form],))


def check_form_and_path(form, path_code):
    """An error message when the path code does not fit the form, else None."""
    if form not in FORM_PATH:
        return _("Unknown development form.")
    allowed = allowed_paths(form)
    if path_code in allowed:
        return None
    if allowed == ("",):
        return _("Formal education has no path code; leave it empty.")
    return _("The path code of %(form)s must be %(allowed)s.") % {
        "form": dict(FORM_CHOICES)[form],
        "allowed": " / ".join(allowed) if len(allowed) <= 3 else f"{allowed[0]}–{allowed[-1]}",
    }
