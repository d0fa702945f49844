"""Generate a synthetic agency of N employees, reproducibly, in the benchmark database.

    python bench/generate.py --employees 100000 [--seed 1] [--agency bench] [--csv out.csv]

The people come from the same planner as the demo data (binaasn/people/demo): valid NIPs,
ranks by education and service, supervisors by org chart. The unit tree grows with N the way a
large Pemda's does: more puskesmas, schools and kecamatan. ``--csv`` also writes the same people
as a SIASN "data ASN" download (the headers of /work/shared/data/employees-sample.csv), the file
the import benchmark feeds to the importer. Prints JSON.
"""

import argparse
import csv
import datetime
import hashlib
import time

from benchlib import add_database_arguments, emit, environment, setup_django, timed

SIASN_COLUMNS = [
    "PNS ID", "NIP BARU", "NIP LAMA", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "TEMPAT LAHIR ID",
    "TEMPAT LAHIR NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "AGAMA ID", "AGAMA NAMA",
    "JENIS KAWIN ID", "JENIS KAWIN NAMA", "NIK", "NOMOR HP", "EMAIL", "EMAIL GOV", "ALAMAT",
    "NPWP NOMOR", "BPJS", "JENIS PEGAWAI ID", "JENIS PEGAWAI NAMA", "KEDUDUKAN HUKUM ID",
    "KEDUDUKAN HUKUM NAMA", "STATUS CPNS PNS", "KARTU ASN VIRTUAL", "NOMOR SK CPNS",
    "TANGGAL SK CPNS", "TMT CPNS", "NOMOR SK PNS", "TANGGAL SK PNS", "TMT PNS", "GOL AWAL ID",
    "GOL AWAL NAMA", "GOL AKHIR ID", "GOL AKHIR NAMA", "TMT GOLONGAN", "MK TAHUN", "MK BULAN",
    "JENIS JABATAN ID", "JENIS JABATAN NAMA", "JABATAN ID", "JABATAN NAMA", "TMT JABATAN",
    "TINGKAT PENDIDIKAN ID", "TINGKAT PENDIDIKAN NAMA", "PENDIDIKAN ID", "PENDIDIKAN NAMA",
    "TAHUN LULUS", "KPKN ID", "KPKN NAMA", "LOKASI KERJA ID", "LOKASI KERJA NAMA", "UNOR ID",
    "UNOR NAMA", "INSTANSI INDUK ID", "INSTANSI INDUK NAMA", "INSTANSI KERJA ID",
    "INSTANSI KERJA NAMA", "SATUAN KERJA INDUK ID", "SATUAN KERJA INDUK NAMA",
    "SATUAN KERJA KERJA ID", "SATUAN KERJA KERJA NAMA", "IS VALID NIK", "NAMA SEKOLAH",
    "FLAG IKD", "ESELON ID", "ESELON NAMA",
]  # fmt: skip
EDUCATION_IDS = {"SD": "05", "SLTP": "10", "SLTA": "15", "D-I": "20", "D-II": "25",
                 "D-III": "30", "D-IV": "35", "S-1": "40", "S-2": "45", "S-3": "50"}  # fmt: skip
ESELON = {"jpt_pratama": ("22", "II.b"), "administrator": ("31", "III.a"),
          "pengawas": ("41", "IV.a")}  # fmt: skip
PLACES = (
    "Limboto", "Telaga", "Tibawa", "Batudaa", "Tilango", "Bongomeme", "Pulubala", "Boliyohuto",
    "Candisari", "Gajahmungkur", "Tembalang", "Banyumanik", "Pedurungan", "Genuk", "Ngaliyan",
    "Babussalam", "Badar", "Bambel", "Lawe Alas", "Lawe Bulan", "Lawe Sigala-gala", "Semadam",
)  # fmt: skip


def place(i):
    """A unit's place name; numbered once the list runs out (``Telaga 3``)."""
    base = PLACES[i % len(PLACES)]
    round_ = i // len(PLACES)
    return f"{base} {round_ + 1}" if round_ else base


def bench_tree(employees, name):
    """A Pemda whose tree grows with its staff in the proportions of a kabupaten: per 1,000
    ASN about 31 state primary schools (SD), 8 junior high schools (SMP), 3 puskesmas and
    2 kecamatan (each with two seksi), around fixed OPD. 100,000 ASN make about 5,000 units."""
    from binaasn.people.demo import catalogue as c

    n_puskesmas = max(2, round(employees / 380))
    n_sd = max(2, round(employees / 32))
    n_smp = max(1, round(employees / 130))
    n_kecamatan = max(1, round(employees / 420))
    schools = [c.school(f"SD Negeri {i % 9 + 1} {place(i // 9)}", 11) for i in range(n_sd)]
    schools += [c.school(f"SMP Negeri {i % 4 + 1} {place(i // 4)}", 20) for i in range(n_smp)]
    return c.UnitSpec(name, c.KIND.PEMDA, children=[
        c.setda(c.STANDARD_BAGIAN),
        c.bkpsdm(),
        c.dinkes([c.puskesmas(place(i), 27) for i in range(n_puskesmas)]),
        c.dikbud("Dinas Pendidikan dan Kebudayaan", schools),
        c.dukcapil(),
        *[c.kecamatan(place(i), 4, [c.seksi("Seksi Pemerintahan", 3),
                                    c.seksi("Seksi Pelayanan Umum", 3)])
          for i in range(n_kecamatan)],
    ])  # fmt: skip


def plan_bench_people(agency, employees, seed, *, career=False):
    from binaasn.people.demo import PeoplePlanner, regions

    planner = PeoplePlanner(agency, regions.MIXED, seed=f"bench:{seed}", career=career)
    return planner.build(bench_tree(employees, agency.name), total=employees, every_type=True)


def create_bench_agency(slug, employees):
    from binaasn.core.models import Agency

    kind = Agency.Kind.PROVINSI if employees >= 20_000 else Agency.Kind.KABUPATEN
    return Agency.objects.create(
        slug=slug, name=f"Pemerintah Uji Beban {slug.title()}", short_name=f"Uji {slug}",
        kind=kind, region_code="99", mfa_required_roles="",
    )  # fmt: skip


def generate(employees, *, seed=1, slug="bench", csv_path=None, career=False):
    """Create the agency and its people; returns (agency, plan, timings)."""
    from auditlog.context import disable_auditlog
    from django_scopes import scopes_disabled

    from binaasn.people.demo import write_plan

    timings = {}
    with scopes_disabled(), disable_auditlog():
        agency = create_bench_agency(slug, employees)
        with timed(timings, "plan_seconds"):
            plan = plan_bench_people(agency, employees, seed, career=career)
        with timed(timings, "write_seconds"):
            write_plan(plan, batch_size=5000)
        with timed(timings, "analyze_seconds"):
            analyze()
        if csv_path:
            with timed(timings, "csv_seconds"):
                write_siasn_csv(plan, csv_path)
    return agency, plan, timings


def analyze():
    """Refresh the planner's statistics, as autovacuum does on a live PostgreSQL after a load;
    without them PostgreSQL plans the first queries of a fresh 100,000-row table badly."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _hex(text, length=32):
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()[:length].upper()


def _date(day):
    return day.strftime("%d-%m-%Y") if day else ""


def _opd_names(plan):
    """Each unit's OPD: its ancestor just below the Pemda root (the root itself for its own)."""
    opd = {}
    for planned in plan.units:
        top = planned
        while top.parent is not None and top.parent.parent is not None:
            top = top.parent
        opd[id(planned.obj)] = top.obj.name
    return opd


def siasn_rows(plan, today=None):
    """The plan's employees as rows of a SIASN "data ASN" download."""
    from binaasn.people import ranks
    from binaasn.people.demo import DEMO_TODAY
    from binaasn.people.demo.planner import RANK_CODES, START_RANK

    today = today or DEMO_TODAY
    agency = plan.agency
    opd = _opd_names(plan)
    agency_id = _hex(agency.slug, 8)
    rank_ids = {code: key for key, code in ranks.SIASN_GOLONGAN_ID.items()}
    for e in plan.employees:
        position = e.position
        pppk = e.status == "PPPK"
        months = (today.year - e.tmt_cpns.year) * 12 + today.month - e.tmt_cpns.month
        if position.position_type in ESELON:
            jenis = ("1", "Struktural")
        elif position.position_type == "pelaksana":
            jenis = ("4", "Pelaksana")
        else:
            jenis = ("2", "Fungsional")
        tmt_pns = (
            None if pppk or e.status == "CPNS" else e.tmt_cpns.replace(year=e.tmt_cpns.year + 1)
        )
        start_rank = "" if pppk else RANK_CODES[START_RANK[e.education_level]]
        values = {
            "PNS ID": e.siasn_id, "NIP BARU": e.nip, "NAMA": e.name, "GELAR DEPAN": e.front_title,
            "GELAR BELAKANG": e.back_title, "TEMPAT LAHIR ID": _hex(e.birth_place),
            "TEMPAT LAHIR NAMA": e.birth_place.upper(), "TANGGAL LAHIR": _date(e.birth_date),
            "JENIS KELAMIN": "M" if e.gender == "L" else "F", "AGAMA ID": "1",
            "AGAMA NAMA": "Islam", "JENIS KAWIN ID": "2", "JENIS KAWIN NAMA": "Menikah",
            "NIK": e.nik, "NOMOR HP": e.phone, "EMAIL": e.email, "ALAMAT": e.address,
            "JENIS PEGAWAI ID": "" if pppk else "4",
            "JENIS PEGAWAI NAMA": "PPPK" if pppk else "PNS Daerah Kabupaten/Kota",
            "KEDUDUKAN HUKUM ID": "71" if pppk else "01",
            "KEDUDUKAN HUKUM NAMA": "PPPK Aktif" if pppk else "Aktif",
            "STATUS CPNS PNS": "" if pppk else ("C" if e.status == "CPNS" else "P"),
            "NOMOR SK CPNS": f"813.3/{int(e.nip[-3:])}/BKD/{e.tmt_cpns.year}",
            "TANGGAL SK CPNS": _date(e.tmt_cpns - datetime.timedelta(days=30)),
            "TMT CPNS": _date(e.tmt_cpns), "TMT PNS": _date(tmt_pns),
            "GOL AWAL ID": rank_ids.get(start_rank, ""), "GOL AWAL NAMA": start_rank,
            "GOL AKHIR ID": rank_ids.get(e.golongan, ""), "GOL AKHIR NAMA": e.golongan,
            "TMT GOLONGAN": _date(e.tmt_golongan), "MK TAHUN": str(months // 12),
            "MK BULAN": str(months % 12), "JENIS JABATAN ID": jenis[0],
            "JENIS JABATAN NAMA": jenis[1], "JABATAN ID": _hex(position.name),
            "JABATAN NAMA": position.name, "TMT JABATAN": _date(e.tmt_jabatan),
            "TINGKAT PENDIDIKAN ID": EDUCATION_IDS[e.education_level],
            "TINGKAT PENDIDIKAN NAMA": e.education_level,
            "PENDIDIKAN ID": _hex(e.education_major),
            "PENDIDIKAN NAMA": f"{e.education_level} {e.education_major}",
            "TAHUN LULUS": str(e.graduation_year), "KPKN NAMA": "KPPN Sintetis",
            "LOKASI KERJA NAMA": agency.name.upper(), "UNOR NAMA": e.unit.name,
            "INSTANSI INDUK ID": agency_id, "INSTANSI INDUK NAMA": agency.name,
            "INSTANSI KERJA ID": agency_id, "INSTANSI KERJA NAMA": agency.name,
            "SATUAN KERJA INDUK NAMA": opd[id(e.unit)],
            "SATUAN KERJA KERJA NAMA": opd[id(e.unit)], "IS VALID NIK": "1",
            "NAMA SEKOLAH": e.education_institution, "FLAG IKD": "0",
            "ESELON ID": ESELON.get(position.position_type, ("", ""))[0],
            "ESELON NAMA": ESELON.get(position.position_type, ("", ""))[1],
        }  # fmt: skip
        yield [values.get(column, "") for column in SIASN_COLUMNS]


def write_siasn_csv(plan, path):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SIASN_COLUMNS)
        writer.writerows(siasn_rows(plan))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, required=True)
    parser.add_argument("--seed", default="1", help="Same seed, same people (default 1).")
    parser.add_argument("--agency", default="bench", help="Slug of the new agency.")
    parser.add_argument("--csv", help="Also write the people as a SIASN-style CSV here.")
    parser.add_argument("--career", action="store_true", help="Also write career history.")
    add_database_arguments(parser)
    args = parser.parse_args(argv)

    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        started = time.perf_counter()
        agency, plan, timings = generate(
            args.employees, seed=args.seed, slug=args.agency, csv_path=args.csv,
            career=args.career,
        )  # fmt: skip
        total = time.perf_counter() - started
        emit({
            "benchmark": "generate",
            "agency": agency.slug,
            "employees": len(plan.employees),
            "units": len(plan.units),
            "positions": len(plan.positions),
            "career_entries": len(plan.career),
            "seed": args.seed,
            "csv": args.csv,
            **timings,
            "total_seconds": round(total, 3),
            "employees_per_second": round(len(plan.employees) / total),
            "environment": environment(db),
        })  # fmt: skip
    finally:
        db.drop()


if __name__ == "__main__":
    main()
