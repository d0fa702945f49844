"""Write docs/permissions.md from the permission rows the tests run.

    .venv/bin/python scripts/permission_table.py > docs/permissions.md

The rows live in binaasn/<app>/tests/permission_rows.py (format: binaasn/core/tests/matrix.py);
binaasn/core/tests/test_permissions.py runs every one of them for each role, anonymous visitors
and another agency's admin. Run this script after adding or changing rows.
"""

import importlib
import inspect
import os
import pkgutil
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binaasn.settings")
os.environ.setdefault("BINAASN_TESTING", "1")  # the rows import test factories

import django  # noqa: E402

django.setup()

from django.urls import URLPattern, URLResolver, get_resolver  # noqa: E402

import binaasn  # noqa: E402
from binaasn.core.tests.matrix import ROLES  # noqa: E402

ROLE_HEADINGS = [
    "admin",
    "operator",
    "pimpinan (leader)",
    "pelatih (trainer)",
    "pegawai (employee)",
]
CELL = {200: "✓", 302: "✓ →", 403: "✗", 404: "404", 405: "405"}

INTRO = """\
# Hak akses: peran × tindakan

Tabel ini dibuat dari baris-baris uji izin (`binaasn/<app>/tests/permission_rows.py`) dengan
`.venv/bin/python scripts/permission_table.py > docs/permissions.md`; uji
`binaasn/core/tests/test_permissions.py` menjalankan setiap baris, jadi tabel ini sama dengan
perilaku aplikasi. *(This table is generated from the permission rows the test suite runs.)*

## Aturannya

1. **Peran ditetapkan per instansi** (`Membership`): `admin` (BKPSDM/pengelola kepegawaian),
   `operator` (satu unit kerja beserta unit di bawahnya), `leader`/pimpinan (baca saja, dasbor),
   `trainer`/pelatih, `employee`/pegawai (ASN: data dan pembelajarannya sendiri). Hak atasan
   langsung berasal dari bagan organisasi (atasan pegawai), bukan dari peran.
2. **Setiap halaman staf menyatakan perannya** (`@role_required(...)`). Peran yang tidak tercantum
   mendapat **403** (✗).
3. **Data instansi lain tidak ada bagi Anda**: admin instansi B yang membuka halaman instansi A,
   atau siapa pun yang memakai id objek instansi B di alamat instansi A, mendapat **404**.
4. **Operator dibatasi pada subpohon unitnya**: objek di unit lain adalah **404**, bukan 403.
   Pegawai hanya melihat miliknya sendiri (objek milik orang lain: 404).
5. **Tamu (belum masuk)** dialihkan ke halaman masuk untuk setiap halaman staf. Halaman publik
   (`/publik/<instansi>/...`) tidak memerlukan login dan tidak memuat data pribadi.
6. Setiap nama URL instansi wajib punya baris; uji gagal bila ada yang terlewat.

Tanda: ✓ boleh (200) · ✓ → boleh, lalu dialihkan (302, mis. setelah menyimpan) · ✗ ditolak (403)
· 404 tidak ditemukan untuk peran itu (di luar unit/bukan miliknya) · 405 metode tidak diizinkan.
Kolom **kasus** menyebut parameter kueri atau objek uji yang dipakai baris itu. Dalam uji, operator
bekerja di Dinas Kesehatan dan pegawai di Puskesmas di bawahnya; objek bernama *outsider*,
*dukcapil* atau *other unit* berada di Disdukcapil, di luar unit operator.
"""


def collect_rows():
    rows = {}
    for module in pkgutil.iter_modules(binaasn.__path__):
        try:
            found = importlib.import_module(f"binaasn.{module.name}.tests.permission_rows")
        except ModuleNotFoundError:
            continue
        rows[module.name] = found.ROWS
    return rows


def routes():
    """URL name → route with its placeholders, e.g. ``<agency>/pegawai/<int:pk>/``."""
    found = {}

    def walk(patterns, namespace, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, ns, route)
            elif isinstance(entry, URLPattern) and entry.name:
                found.setdefault(f"{namespace}{entry.name}", "/" + route_text(route))

    walk(get_resolver().url_patterns, "", "")
    return found


def object_named(func):
    """Which object of the test cast a row's kwargs point at: ``employee``, ``outsider``..."""
    name = getattr(func, "__name__", "<lambda>")
    if name != "<lambda>":
        return name
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return ""
    found = re.search(r"lambda (\w+):[^\n]*?\b\1\.(\w+)", source)
    return found.group(2) if found else ""


def case(row):
    parts = []
    if row.query:
        parts.append(f"`?{row.query}`")
    target = object_named(row.kwargs)
    if target:
        parts.append(target.replace("_", " "))
    return ", ".join(parts)


def route_text(route):
    return re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", route)


def cell(status):
    return CELL.get(status, str(status))


def main():
    paths = routes()
    out = [INTRO]
    for app, rows in sorted(collect_rows().items()):
        staff = [r for r in rows if not r.public]
        public = [r for r in rows if r.public]
        out.append(f"\n## {app}\n")
        if staff:
            out.append("| halaman (nama URL) | metode | alamat | kasus | "
                       + " | ".join(ROLE_HEADINGS) + " |")  # fmt: skip
            out.append("|---|---|---|---|" + "---|" * len(ROLES))
            for row in staff:
                cells = " | ".join(cell(row.status_for(role)) for role in ROLES)
                out.append(
                    f"| `{row.url_name}` | {row.method.upper()} | `{paths.get(row.url_name, '')}` "
                    f"| {case(row)} | {cells} |"
                )
        if public:
            out.append("\nHalaman publik, tanpa login:\n")
            out.append("| halaman (nama URL) | metode | alamat | kasus | tamu |")
            out.append("|---|---|---|---|---|")
            for row in public:
                out.append(
                    f"| `{row.url_name}` | {row.method.upper()} | `{paths.get(row.url_name, '')}` "
                    f"| {case(row)} | {cell(row.expect.get('anonymous', 200))} |"
                )
    print("\n".join(out))


if __name__ == "__main__":
    main()
