"""Seed the national competency dictionary of PermenPANRB 38/2017: eight managerial
competencies and one socio-cultural competency, with a short description of each level.

The level descriptions are our own concise wording of what each level means in practice; the
regulation's full indicator text stays the reference.
"""

from django.db import migrations

MANAGERIAL = [
    (
        "M1",
        "Integritas",
        "Konsisten berperilaku selaras dengan nilai, norma dan etika organisasi, jujur dalam hubungan dengan atasan, rekan, bawahan dan pemangku kepentingan.",
        [
            "Bertindak jujur dan taat aturan dalam tugasnya sendiri; mengakui dan memperbaiki kesalahannya.",
            "Konsisten menjalankan kode etik dan mengingatkan rekan kerja yang menyimpang dari aturan.",
            "Menjadi teladan integritas di unitnya; memastikan prosedur kerja bebas dari konflik kepentingan.",
            "Membangun sistem dan budaya kerja yang menjaga integritas organisasi; berani bersikap atas pelanggaran.",
            "Menjadi rujukan integritas di tingkat instansi; merumuskan kebijakan yang menutup peluang penyimpangan.",
        ],
    ),
    (
        "M2",
        "Kerjasama",
        "Kemampuan menjalin, membina dan mempertahankan hubungan kerja yang efektif serta memiliki komitmen saling membantu dalam penyelesaian tugas.",
        [
            "Berpartisipasi aktif dalam kelompok kerja dan berbagi informasi yang dibutuhkan rekan.",
            "Menghargai pendapat anggota tim dan membantu rekan menyelesaikan pekerjaan bersama.",
            "Membangun semangat tim dan menyelesaikan perbedaan pendapat di dalam unit kerja.",
            "Membangun jejaring kerja sama lintas unit dan lintas instansi untuk tujuan bersama.",
            "Menciptakan kemitraan strategis dengan pemangku kepentingan di dalam dan di luar pemerintahan.",
        ],
    ),
    (
        "M3",
        "Komunikasi",
        "Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis dan meyakinkan, baik lisan maupun tertulis.",
        [
            "Menyampaikan informasi dengan jelas dan mendengarkan lawan bicara secara aktif.",
            "Menyesuaikan cara berkomunikasi dengan pendengarnya dan menyusun naskah dinas yang runtut.",
            "Meyakinkan orang lain dengan argumen dan data serta memfasilitasi diskusi kelompok.",
            "Mengomunikasikan kebijakan yang kompleks atau sensitif kepada beragam pemangku kepentingan.",
            "Menjadi juru bicara instansi dan membangun komunikasi strategis yang menjaga kepercayaan publik.",
        ],
    ),
    (
        "M4",
        "Orientasi pada Hasil",
        "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat diandalkan, bertanggung jawab dan terus meningkatkan kinerja.",
        [
            "Menyelesaikan tugas tepat waktu sesuai standar kerja yang ditetapkan.",
            "Menetapkan target kerjanya sendiri dan mencari cara kerja yang lebih baik.",
            "Menetapkan target unit yang menantang dan memantau pencapaiannya secara teratur.",
            "Mengelola sumber daya organisasi untuk mencapai sasaran kinerja yang lebih tinggi.",
            "Menetapkan arah dan ukuran keberhasilan instansi serta mendorong perbaikan berkelanjutan.",
        ],
    ),
    (
        "M5",
        "Pelayanan Publik",
        "Kemampuan melaksanakan tugas pemerintahan, pembangunan dan pelayanan publik secara profesional, transparan dan mengikuti standar pelayanan yang objektif.",
        [
            "Melayani masyarakat dengan sopan, ramah dan sesuai prosedur yang berlaku.",
            "Memahami kebutuhan pengguna layanan dan menindaklanjuti keluhan dengan cepat.",
            "Memperbaiki proses layanan di unitnya berdasarkan umpan balik masyarakat.",
            "Merancang standar dan inovasi layanan lintas unit serta memantau kepuasan masyarakat.",
            "Merumuskan kebijakan pelayanan publik instansi yang berpihak pada kepentingan masyarakat.",
        ],
    ),
    (
        "M6",
        "Pengembangan Diri dan Orang Lain",
        "Kemampuan meningkatkan pengetahuan dan menyempurnakan keterampilan diri, serta menginspirasi orang lain untuk mengembangkan dirinya.",
        [
            "Mengenali kekuatan dan kelemahan dirinya serta mengikuti kesempatan belajar yang tersedia.",
            "Merencanakan pengembangan dirinya sendiri dan berbagi pengetahuan dengan rekan kerja.",
            "Membimbing dan memberi umpan balik yang membangun kepada bawahan atau rekan kerja.",
            "Menyusun program pengembangan bagi pegawai di unitnya dan memantau hasilnya.",
            "Membangun budaya belajar di instansi dan sistem pengembangan talenta yang berkelanjutan.",
        ],
    ),
    (
        "M7",
        "Mengelola Perubahan",
        "Kemampuan menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung secara berlebihan pada metode dan proses lama.",
        [
            "Menerima perubahan dan menyesuaikan cara kerjanya.",
            "Mendukung perubahan secara aktif dan membantu rekan kerja beradaptasi.",
            "Menggerakkan perubahan di unitnya dan menangani penolakan terhadap perubahan.",
            "Merencanakan dan mengelola perubahan lintas unit dengan memperhitungkan risikonya.",
            "Memimpin transformasi organisasi dan menjaga keberlanjutan hasilnya.",
        ],
    ),
    (
        "M8",
        "Pengambilan Keputusan",
        "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah mempertimbangkan prinsip kehati-hatian.",
        [
            "Mengambil keputusan rutin sesuai prosedur dan informasi yang tersedia.",
            "Menganalisis masalah dan memilih alternatif solusi yang tepat dalam lingkup tugasnya.",
            "Memutuskan masalah yang tidak rutin dengan menimbang dampaknya bagi unit kerja.",
            "Mengambil keputusan strategis berdampak luas meskipun datanya terbatas.",
            "Mengambil keputusan kebijakan berisiko tinggi bagi instansi dan mempertanggungjawabkannya.",
        ],
    ),
]

SOCIO_CULTURAL = [
    (
        "SK1",
        "Perekat Bangsa",
        "Kemampuan mempromosikan sikap toleransi, keterbukaan dan peka terhadap perbedaan individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan masyarakat.",
        [
            "Menghargai perbedaan suku, agama, budaya dan pandangan dalam bekerja.",
            "Bersikap adil dan tidak diskriminatif kepada rekan dan pengguna layanan dari latar belakang apa pun.",
            "Membangun suasana kerja yang rukun dan inklusif di unitnya.",
            "Menjembatani kepentingan kelompok yang beragam dan mencegah konflik sosial dalam kebijakan.",
            "Menjadi perekat persatuan di tingkat daerah dan nasional serta mendorong kebijakan yang memperkuat keutuhan bangsa.",
        ],
    ),
]


def seed(apps, schema_editor):
    Competency = apps.get_model("competencies", "Competency")
    order = 0
    for kind, entries in (("managerial", MANAGERIAL), ("socio_cultural", SOCIO_CULTURAL)):
        for code, name, description, levels in entries:
            order += 1
            Competency.objects.update_or_create(
                agency=None,
                name=name,
                defaults={
                    "kind": kind,
                    "code": code,
                    "description": description,
                    "sort_order": order,
                    **{f"level_{n}": text for n, text in enumerate(levels, start=1)},
                },
            )


def unseed(apps, schema_editor):
    Competency = apps.get_model("competencies", "Competency")
    names = [name for _code, name, _d, _l in MANAGERIAL + SOCIO_CULTURAL]
    Competency.objects.filter(agency=None, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_dictionary_standards_assessments")]

    operations = [migrations.RunPython(seed, unseed)]
