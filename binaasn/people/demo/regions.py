"""Where the demo people come from: names, birth places, schools and streets of each region.

Gorontalo names carry a family name (fam) after one or two given names; Javanese names in
Semarang are one to three given names without a family name; Aceh Tenggara mixes Alas and Gayo
(Muslim, with a marga), Acehnese (no family name, sometimes Teuku/Cut) and Batak (Karo, Toba,
Pakpak; Christian, with a marga, women "br." for boru/beru).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    """How one community names its children."""

    male: tuple
    female: tuple
    surnames: tuple = ()  # empty: no family name
    seconds_male: tuple = ()  # second given names when there is no family name
    seconds_female: tuple = ()
    female_boru: bool = False  # Batak: "Maria br. Ginting"
    noble: tuple = ()  # Acehnese: ("Teuku", "Cut")
    weight: int = 1


@dataclass(frozen=True)
class Region:
    key: str
    pools: tuple
    birth_places: tuple
    schools: tuple  # senior high schools (SLTA)
    universities: tuple  # for S-1/S-2
    academies: tuple  # for D-III/D-IV (health and others)
    streets: tuple
    nik_prefixes: tuple  # province+regency+district, six digits
    muslim_share: float = 0.95  # who may carry the haji title H./Hj.


def s(text):
    """A tuple from a comma-separated list, to keep the lists below readable."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


GORONTALO = Region(
    key="gorontalo",
    pools=(
        NamePool(
            male=s(
                "Abdul Haris, Ahmad, Arifin, Adnan, Arfan, Darwin, Fadli, Fahri, Fikri, Hamdan, "
                "Hasanuddin, Ikhsan, Irwan, Iskandar, Ismail, Iwan, Jamaludin, Karim, Lukman, "
                "Moh. Rifai, Moh. Rizal, Muhammad, Nurdin, Rahmat, Ramli, Risno, Rivai, Roni, "
                "Rusli, Safrudin, Salahudin, Sofyan, Syamsul, Taufik, Wahyudin, Yamin, Yusran, "
                "Zulkifli, Ikbal, Rahmat Hidayat, Andi, Rusdin, Sukri, Yunus, Anton"
            ),
            female=s(
                "Aisyah, Fatmawati, Fitriani, Hasna, Herlina, Indah, Intan, Juliani, Kartini, "
                "Lisnawati, Maryam, Nurain, Nurhayati, Nurlela, Nurmala, Rahmawati, Rosnawati, "
                "Salma, Siti, Sitti Rahma, Sri Wahyuni, Suryani, Wahyuni, Yuliana, Zulfa, Ramla, "
                "Yusna, Hadijah, Sumarni, Ratna, Sartin, Nurhaini, Fadila, Sri Devi, Wirna"
            ),
            surnames=s(
                "Abdullah, Ali, Akuba, Baderan, Biya, Botutihe, Bumulo, Daud, Dai, Datau, Djafar, "
                "Dunggio, Gobel, Hasan, Hippy, Hulopi, Hulukati, Hunowu, Ibrahim, Igirisa, Ismail, "
                "Jusuf, Kadir, Kaluku, Katili, Lahay, Lakoro, Lamatenggo, Lasena, Lihawa, Liputo, "
                "Mahmud, Mamu, Modjo, Mohamad, Monoarfa, Mooduto, Mopangga, Nani, Naki, Nusi, "
                "Olii, Pakaya, Paneo, Panigoro, Pateda, Podungge, Polapa, Pomalingo, Puluhulawa, "
                "Rahim, Saleh, Talib, Tangahu, Thaib, Tuli, Usman, Wartabone, Yasin, Yunus, Yusuf"
            ),
        ),
    ),
    birth_places=s(
        "Limboto, Limboto, Gorontalo, Gorontalo, Telaga, Tibawa, Batudaa, Tilamuta, Kwandang, "
        "Marisa, Suwawa, Isimu, Manado, Makassar, Palu"
    ),
    schools=s(
        "SMA Negeri 1 Limboto, SMA Negeri 1 Gorontalo, SMA Negeri 3 Gorontalo, SMA Negeri 1 "
        "Telaga, SMK Negeri 1 Limboto, MAN 1 Kabupaten Gorontalo"
    ),
    universities=s(
        "Universitas Negeri Gorontalo, Universitas Negeri Gorontalo, Universitas Gorontalo, "
        "Universitas Muhammadiyah Gorontalo, Universitas Sam Ratulangi, Universitas Hasanuddin, "
        "Universitas Negeri Manado, IAIN Sultan Amai Gorontalo"
    ),
    academies=s(
        "Poltekkes Kemenkes Gorontalo, Universitas Negeri Gorontalo, Poltekkes Kemenkes Manado, "
        "Politeknik Gorontalo"
    ),
    streets=s(
        "Jl. Jenderal Sudirman, Jl. Ahmad A. Wahab, Jl. Nani Wartabone, Jl. Raja Eyato, "
        "Jl. Sultan Botutihe, Jl. Prof. Dr. H. Mansoer Pateda, Jl. Taman Pendidikan, "
        "Jl. Kusno Danupoyo, Jl. Rusli Datau, Jl. Ki Hajar Dewantoro"
    ),
    nik_prefixes=("750101", "750102", "750103", "750104", "750105", "750110", "750111"),
)

SEMARANG = Region(
    key="semarang",
    pools=(
        NamePool(
            male=s(
                "Agus, Ahmad, Arif, Aris, Bambang, Bayu, Budi, Darmanto, Dimas, Dwi, Eko, Fajar, "
                "Galih, Gunawan, Hadi, Hari, Hendro, Heru, Imam, Joko, Kukuh, Mulyono, Nur, "
                "Prasetyo, Rudi, Sapto, Sigit, Slamet, Sugeng, Suharto, Sukardi, Sulistyo, "
                "Supriyadi, Teguh, Tri, Wahyu, Widodo, Yulianto, Yuwono, Adi, Anang, Bagus"
            ),
            female=s(
                "Sri, Endang, Dwi, Tri, Rini, Retno, Siti, Sulastri, Suparmi, Sukarni, Wulan, "
                "Dewi, Ayu, Indah, Puji, Yuni, Anik, Ning, Kartika, Dian, Fitri, Novi, Rina, "
                "Ratna, Eka, Diah, Woro, Ambar, Galuh, Tutik, Yuli, Septi"
            ),
            seconds_male=s(
                "Santoso, Hartono, Raharjo, Utomo, Wibowo, Setiawan, Nugroho, Prasetyo, Purnomo, "
                "Saputro, Wicaksono, Susanto, Kurniawan, Hidayat, Pamungkas, Sutrisno, Riyadi, "
                "Purwanto, Susilo, Handoko, Widiyanto, Haryanto, Suryono, Nugraha, Firmansyah"
            ),
            seconds_female=s(
                "Lestari, Wahyuni, Rahayu, Astuti, Handayani, Suryani, Kusumawati, Purwaningsih, "
                "Setyowati, Mulyani, Widyastuti, Susanti, Hastuti, Utami, Pratiwi, Anggraini, "
                "Kurniasih, Rahmawati, Sari, Wulandari, Safitri, Ningsih, Maharani, Puspitasari"
            ),
        ),
    ),
    birth_places=s(
        "Semarang, Semarang, Semarang, Semarang, Kendal, Demak, Ungaran, Salatiga, Kudus, "
        "Surakarta, Pati, Grobogan, Purwodadi, Magelang, Jepara, Pekalongan, Boyolali"
    ),
    schools=s(
        "SMA Negeri 1 Semarang, SMA Negeri 3 Semarang, SMA Negeri 5 Semarang, SMA Negeri 11 "
        "Semarang, SMK Negeri 1 Semarang, SMA Negeri 1 Kendal, MAN 1 Semarang"
    ),
    universities=s(
        "Universitas Diponegoro, Universitas Diponegoro, Universitas Negeri Semarang, "
        "Universitas Negeri Semarang, Universitas Islam Sultan Agung, Universitas Dian "
        "Nuswantoro, UIN Walisongo, Universitas PGRI Semarang, Universitas Muhammadiyah "
        "Semarang, Universitas 17 Agustus 1945 Semarang, Universitas Sebelas Maret"
    ),
    academies=s(
        "Poltekkes Kemenkes Semarang, Politeknik Negeri Semarang, Universitas Muhammadiyah "
        "Semarang, Akademi Kebidanan Abdi Husada Semarang"
    ),
    streets=s(
        "Jl. Sultan Agung, Jl. Dr. Wahidin, Jl. Kesatrian, Jl. Teuku Umar, Jl. Kyai Saleh, "
        "Jl. Jatingaleh, Jl. Tegalsari Raya, Jl. Kaliwiru, Jl. Kagok, Jl. Candi Permata, "
        "Jl. Jomblang Perbalan, Jl. Wonodri Baru, Jl. Dr. Sutomo, Jl. Karanganyar Gunung"
    ),
    nik_prefixes=("337406", "337406", "337406", "337401", "337403", "337405", "337407", "337409"),
    muslim_share=0.8,
)

ACEH_TENGGARA = Region(
    key="aceh_tenggara",
    pools=(
        # Alas: the majority of the Alas valley, with a marga after the given name.
        NamePool(
            male=s(
                "Abdul Rahman, Ali Imran, Amiruddin, Arifin, Azhar, Bakhtiar, Darwis, Erwin, "
                "Hasanuddin, Iskandar, Jamaluddin, Khairul, Mahmuddin, Nasruddin, Rahmad, "
                "Ramadhan, Safaruddin, Salihin, Syahbudin, Syahrial, Usman, Zulkarnain, "
                "Sabaruddin, Bahrum, Mhd. Ridwan, Asrul, Hasbi"
            ),
            female=s(
                "Aminah, Asmah, Darmawati, Fatimah, Hasanah, Jamilah, Khadijah, Mariani, "
                "Nurhasanah, Nurlaila, Rahmah, Rosmiati, Salmah, Sarinah, Siti Aisyah, Suryati, "
                "Yusnidar, Zubaidah, Ernawati, Rosdiana, Nurmala, Halimah, Asniati"
            ),
            surnames=s(
                "Selian, Desky, Sekedang, Pinem, Keruas, Beruh, Pagan, Bangko, Menalu, Sugihen, "
                "Cibro, Kepale Dese, Pase, Acih, Kekaro, Mahe, Deski"
            ),
            weight=5,
        ),
        # Gayo, from the highlands upstream.
        NamePool(
            male=s(
                "Salman, Ibnu Hajar, Mahyudin, Aman Syarif, Win Ruhdi, Zulfan, Ikhsan, Sabri, "
                "Arwin, Jauhari, Ramli, Syukur"
            ),
            female=s("Ine Maryam, Rahmi, Sri Wahyuni, Nurul Aini, Salamah, Hartini, Murni"),
            surnames=s("Linge, Kemili, Cebero, Bukit, Melala, Tebe, Meluem, Gayo"),
            weight=1,
        ),
        # Acehnese: no family name; a few descendants of the nobility carry Teuku or Cut.
        NamePool(
            male=s(
                "Muhammad, Mukhlis, Munawar, Fauzi, Zulfikar, Safrizal, Husaini, Yusri, Rizal, "
                "Syukri, Nasrullah, Marzuki, Ridwan, Zainal, Hasballah, Anwar, Khairul"
            ),
            female=s(
                "Nurul, Rahmi, Zahara, Nurhayati, Syarifah, Yusniar, Fitria, Mutia, Nurjannah, "
                "Maisarah, Ainal, Hayatun, Ulfa, Safrina, Husna"
            ),
            seconds_male=s(
                "Ridwan, Fahmi, Abidin, Hasan, Saputra, Ramadhan, Akbar, Amin, Rahman, Ilyas"
            ),
            seconds_female=s(
                "Husna, Fajri, Mardhiah, Nufus, Fitri, Rahmah, Zahra, Safitri, Maulida, Hayati"
            ),
            noble=("Teuku", "Cut"),
            weight=2,
        ),
        # Batak (Karo, Toba, Pakpak) settled in the valley; mostly Christian.
        NamePool(
            male=s(
                "Johannes, Roni, Hotman, Darwin, Samuel, Imanuel, Benny, Robert, Sahat, "
                "Parlindungan, Herman, Martin, Daniel, Ferdinan, Lamhot, Mangatas, Tumpal, "
                "Hendra, Jefri, Marulam"
            ),
            female=s(
                "Maria, Rosmawati, Lasma, Juliana, Elisabet, Marlina, Ruth, Tiurma, Debora, "
                "Yohana, Rosdiana, Serepina, Nurmaida, Friska, Rotua, Lisbet, Mery, Santi"
            ),
            surnames=s(
                "Ginting, Sembiring, Tarigan, Sitepu, Sinulingga, Barus, Bangun, Purba, "
                "Simanjuntak, Sitorus, Hutapea, Nainggolan, Siregar, Pasaribu, Tambunan, "
                "Situmorang, Sihombing, Manurung, Berutu, Solin, Angkat, Bancin, Capah, Tumangger"
            ),
            female_boru=True,
            weight=2,
        ),
    ),
    birth_places=s(
        "Kutacane, Kutacane, Kutacane, Lawe Sigala-gala, Lawe Alas, Bambel, Badar, Babussalam, "
        "Blangkejeren, Takengon, Medan, Kabanjahe, Sidikalang, Banda Aceh, Lhokseumawe"
    ),
    schools=s(
        "SMA Negeri 1 Kutacane, SMA Negeri 2 Kutacane, SMA Negeri 1 Lawe Sigala-gala, "
        "SMK Negeri 1 Kutacane, MAN 1 Aceh Tenggara, SMA Negeri 1 Badar"
    ),
    universities=s(
        "Universitas Gunung Leuser, Universitas Gunung Leuser, Universitas Syiah Kuala, "
        "Universitas Syiah Kuala, Universitas Sumatera Utara, UIN Ar-Raniry, Universitas "
        "Negeri Medan, Universitas Malikussaleh, Universitas Muhammadiyah Sumatera Utara"
    ),
    academies=s(
        "Poltekkes Kemenkes Aceh, Poltekkes Kemenkes Medan, Akademi Keperawatan Kutacane, "
        "Akademi Kebidanan Kutacane"
    ),
    streets=s(
        "Jl. Ahmad Yani, Jl. Cut Nyak Dhien, Jl. Iskandar Muda, Jl. Besar Kutacane–Medan, "
        "Jl. Bhayangkara, Jl. Teuku Umar, Jl. Kutacane–Blangkejeren, Jl. Pahlawan, "
        "Jl. Lawe Bulan, Jl. Syekh Hasan"
    ),
    nik_prefixes=("110201", "110202", "110203", "110204", "110205", "110206", "110208"),
    muslim_share=0.85,
)

# Used by the benchmarks' synthetic agency: a province-sized mix of the three.
MIXED = Region(
    key="campuran",
    pools=GORONTALO.pools + SEMARANG.pools + ACEH_TENGGARA.pools,
    birth_places=GORONTALO.birth_places + SEMARANG.birth_places + ACEH_TENGGARA.birth_places,
    schools=GORONTALO.schools + SEMARANG.schools + ACEH_TENGGARA.schools,
    universities=GORONTALO.universities + SEMARANG.universities + ACEH_TENGGARA.universities,
    academies=GORONTALO.academies + SEMARANG.academies + ACEH_TENGGARA.academies,
    streets=GORONTALO.streets + SEMARANG.streets + ACEH_TENGGARA.streets,
    nik_prefixes=GORONTALO.nik_prefixes + SEMARANG.nik_prefixes + ACEH_TENGGARA.nik_prefixes,
    muslim_share=0.85,
)

REGIONS = {r.key: r for r in (GORONTALO, SEMARANG, ACEH_TENGGARA, MIXED)}
