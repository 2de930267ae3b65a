#!/usr/bin/env python3
"""Writes part n of the labelled dev set (tests/eval/n.events.ndjson, n.labels.ndjson).

Part n covers negated and reported acts and the ways people game them (issue 13, gaps 7 and 8;
docs/decisions/0016-negation-scope.md): denials and hearsay in Indonesian slang and the regional
languages, warnings that quote the rules, election work, and posts that put a negation or a
neutral word next to a real campaign call, which must still fire. Texts, labels, groups and notes
are hand-written below (phrasing modelled on ../shared/data/pilpres2024-tweets and the
ibrohim-hs slang dictionary, paraphrased); this script only adds the envelope: ids n-0001...,
a fixed time of day, an 18-digit NIP, name, handle and agency. Deterministic: rerun, commit both.

    python3 tests/eval/tools/gen_n.py
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

# region_code -> agency
AGENCY = {
    "3273": "Dinas Pendidikan Kota Bandung",
    "3374": "Dinas Kesehatan Kota Semarang",
    "3310": "Dinas Pekerjaan Umum Kabupaten Klaten",
    "3578": "Dinas Sosial Kota Surabaya",
    "3171": "Suku Dinas Pendidikan Jakarta Pusat",
    "1275": "Dinas Perhubungan Kota Medan",
    "1371": "Dinas Pendidikan Kota Padang",
    "6371": "Dinas Kesehatan Kota Banjarmasin",
    "5171": "Dinas Pariwisata Kota Denpasar",
    "7371": "Dinas Kependudukan Kota Makassar",
    "1212": "Dinas Pertanian Kabupaten Toba",
    "3201": "Kecamatan Cibinong Kabupaten Bogor",
}
NAMES = ["Dedi Supriadi", "Sri Wahyuni", "Agus Santoso", "Rina Marlina", "Bambang Setiawan",
         "Nur Aisyah", "Made Suarsana", "Andi Rahman", "Hotma Simanjuntak", "Yusuf Effendi",
         "Siti Rohmah", "Ujang Kurnia", "Putu Ayu Lestari", "Fitri Handayani", "Rudi Hartono"]

# (expect, also_ok, groups, platform, action, date, region, text, note)
# Dates: pilpres campaign Jan 2024, voting day 14 Feb 2024; Pilkada campaign Oct-Nov 2024.
# A Pilkada ballot number is always written by an ASN whose region is in that race.
E = [
    # --- Denials of one's own act (Indonesian, slang): silent
    ([], [], "pilpres negated_reported slang", "facebook comment", "2024-01-20", "3273",
     "Saya gak ikut kampanye Prabowo-Gibran kemarin, wkt itu lg dinas luar kota", "denial"),
    ([], [], "pilpres negated_reported", "facebook post", "2024-01-22", "3374",
     "Alhamdulillah saya tidak pernah ikut deklarasi relawan Ganjar-Mahfud, foto yg beredar itu editan orang",
     "denial"),
    ([], [], "pilpres negated_reported slang", "whatsapp post", "2024-01-25", "3578",
     "sy blm pernah pasang stiker Anies di grup kantor, yg ngirim itu akun palsu pake foto sy",
     "denial"),
    ([], [], "pileg negated_reported roles", "facebook comment", "2024-01-10", "3273",
     "Saya bukan kader Gerindra, cuma pernah foto di acara 17an kampung", "denial of membership"),
    ([], [], "pileg negated_reported roles slang", "x reply", "2024-01-11", "3201",
     "sy ga pernah jadi pengurus DPC PKB, itu nama orang lain yg kebetulan sama", "denial"),
    ([], [], "pileg negated_reported roles", "facebook post", "2023-09-14", "3374",
     "Saya belum pernah daftar bacaleg dan gak akan nyaleg lewat Golkar, fokus ngajar", "denial of candidacy"),
    ([], [], "pilkada negated_reported roles", "facebook comment", "2024-09-20", "3171",
     "Saya tidak mengumpulkan KTP untuk calon independen Pilgub Jakarta, tolong jangan catut nama saya",
     "denial"),
    ([], [], "pilkada negated_reported", "instagram story", "2024-10-30", "3171",
     "Saya ASN, tidak akan ikut kampanye Pilkada Jakarta, siapa pun paslonnya", "statement"),
    ([], [], "pilpres negated_reported slang", "x post", "2024-01-28", "3273",
     "gak pernah sekalipun aku pasang foto paslon 01 di status, cek aja sendiri", "denial"),
    ([], [], "pilkada negated_reported", "facebook comment", "2024-11-02", "3374",
     "Kalau ditanya dukung Luthfi-Yasin atau Andika-Hendi, saya tidak memilih di depan umum, rahasia",
     "refuses to say"),
    # --- Denials in the regional languages: silent
    ([], [], "pilpres negated_reported regional_language", "facebook comment", "2024-01-24", "3310",
     "Aku ora melu kampanye Ganjar-Mahfud, wektu kuwi aku piket neng puskesmas", "Javanese denial"),
    ([], [], "pilpres negated_reported regional_language", "facebook comment", "2024-01-26", "3374",
     "Kulo mboten nderek kampanye Pak Prabowo, niku foto lami pas acara dinas", "Javanese krama denial"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-11-05", "3273",
     "Abdi henteu ngiring deklarasi Kang Dedi Mulyadi, eta mah poto taun kamari", "Sundanese denial"),
    ([], [], "pilkada negated_reported regional_language", "whatsapp post", "2024-11-08", "3273",
     "Urang mah teu milu kampanye KDM, ulah nyebarkeun gosip nya", "Sundanese denial"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-11-04", "3171",
     "Aye kagak ikut kampanye Pramono-Rano, jangan asal tuduh dong bang", "Betawi denial"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-10-28", "1371",
     "Ambo indak ikuik kampanye Mahyeldi, itu foto acara dinas pendidikan", "Minang denial"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-11-01", "6371",
     "Ulun kada umpat kampanye Muhidin-Hasnur, itu foto acara pemko", "Banjar denial"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-11-06", "5171",
     "Tiang tusing milu kampanye Koster-Giri, nika foto upacara di pura", "Balinese denial"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-11-07", "1212",
     "Ahu ndang dohot kampanye Bobby-Surya, foto i sian acara kantor", "Batak Toba denial"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-11-09", "7371",
     "Inakke tena naung kampanye Danny-Azhar, poto lama itu dari acara pemkot", "Makassar denial"),
    ([], [], "pilkada negated_reported regional_language", "whatsapp post", "2024-09-25", "3310",
     "Aku ora tau dadi timses Andika-Hendi, ojo nyebar fitnah ngono", "Javanese denial of a role"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-09-12", "3310",
     "Aku ora arep nyalon bupati Klaten lewat PDIP, fokus ngajar wae", "Javanese denial of candidacy"),
    ([], [], "pilkada negated_reported slang", "facebook post", "2024-09-18", "3171",
     "Kagak ada yg ngumpulin KTP buat calon perseorangan di kantor kite, hoaks itu", "Betawi denial"),
    # --- Reports and hearsay about someone else: silent
    ([], [], "pilkada negated_reported", "facebook post", "2024-11-03", "3578",
     "Katanya kepala sekolah sebelah ikut kampanye Khofifah-Emil kemarin, benar gak sih?", "hearsay"),
    ([], [], "pilkada negated_reported", "facebook post", "2024-10-21", "3374",
     "Kabarnya pak camat ikut deklarasi relawan Andika-Hendi, sudah ada yang lapor?", "hearsay"),
    ([], [], "pilkada negated_reported roles", "x post", "2024-10-24", "3374",
     "Pak Lurah diduga jadi timses Luthfi-Yasin, warga sudah kumpulkan bukti", "report"),
    ([], [], "pilpres negated_reported regional_language", "facebook comment", "2024-01-29", "3310",
     "Jare pak kades melu kampanye Prabowo-Gibran wingi, tenan ora?", "Javanese hearsay"),
    ([], [], "pilkada negated_reported regional_language", "facebook comment", "2024-11-10", "3273",
     "Cenah pa camat milu kampanye KDM di alun-alun, leres teu?", "Sundanese hearsay"),
    ([], [], "pilkada negated_reported", "facebook post", "2024-11-11", "1275",
     "Ada yang lihat pak camat ikut konvoi kampanye Bobby-Surya? rame di grup", "report"),
    ([], [], "pilkada negated_reported", "x post", "2024-11-12", "3578",
     "Pak Sekcam kedapatan hadir di deklarasi relawan Khofifah, Bawaslu Jatim sedang memeriksa",
     "report"),
    ([], [], "pilkada negated_reported", "facebook post", "2024-11-13", "3374",
     "Tampak Kadis PU ikut kampanye akbar Luthfi-Yasin di Simpang Lima, warga merekam", "report"),
    ([], [], "pilpres negated_reported hate_hoax", "facebook post", "2024-01-30", "3578",
     "Ada pegawai ngatain cebong di grup dinas, screenshot sudah saya kirim ke Bawaslu Surabaya",
     "report of a slur"),
    # --- Warnings that quote the rules, election work: silent
    ([], [], "pilpres hard_negative", "whatsapp post", "2024-01-08", "3273",
     "Ingat rekan2: dilarang ikut kampanye, dilarang foto bareng Prabowo, Anies atau Ganjar pakai pose jari",
     "warning quoting the rules"),
    ([], [], "pilkada hard_negative", "facebook post", "2024-10-15", "3578",
     "Bagi ASN yang terbukti hadir di kampanye paslon Pilgub Jatim akan dikenai sanksi disiplin sesuai PP 94/2021",
     "warning"),
    ([], [], "pilkada hard_negative", "whatsapp post", "2024-10-16", "1275",
     "Dilarang keras bagi pegawai Dishub memakai atribut paslon Bobby-Surya di kantor", "warning"),
    ([], [], "pilkada hard_negative", "whatsapp post", "2024-09-30", "3171",
     "Jangan mau disuruh ngumpulin KTP buat calon independen ya bapak ibu, itu bukan tugas ASN",
     "warning"),
    ([], [], "pilkada hard_negative coded_reference", "facebook post", "2024-11-27", "3374",
     "Rekap C1 TPS 05 Kel. Tembalang: Andika-Hendi 143, Luthfi-Yasin 201. Terima kasih KPPS semua",
     "a KPPS member posting the count"),
    ([], [], "pilkada hard_negative coded_reference", "facebook post", "2024-11-20", "5171",
     "Simulasi pencoblosan Pilgub Bali di kantor desa: coblos sekali pada foto paslon nomor 1 atau nomor 2",
     "voter education"),
    ([], [], "pilpres hard_negative", "instagram post", "2024-02-10", "3273",
     "Tata cara mencoblos yang benar: coblos satu kali di gambar paslon, jangan di luar kotak",
     "voter education"),
    ([], [], "pilpres hard_negative", "facebook post", "2024-01-19", "3201",
     "Saya tidak dukung siapa-siapa di depan umum, mau Anies, Prabowo atau Ganjar sama saja, yg penting damai",
     "neutral"),
    ([], [], "pilkada hard_negative roles", "facebook post", "2024-08-29", "3374",
     "Berita: Pak Bupati mau nyalon gubernur Jateng lewat PDIP. Saya sih netral aja", "someone else's candidacy"),
    ([], [], "pilkada hard_negative roles", "x post", "2024-08-28", "3273",
     "Dedi Mulyadi resmi mendaftar sebagai calon gubernur Jabar ke KPU hari ini", "news"),
    # --- Gamed: a negation or neutral word elsewhere, litotes, fixed calls: must fire
    (["online_campaign_post"], [], "pilpres exception_gaming", "x post", "2024-01-21", "3273",
     "Saya tidak ragu, coblos 02 Prabowo-Gibran! 🇮🇩", "litotes, then a call"),
    (["online_campaign_post"], [], "pilpres exception_gaming slang", "x post", "2024-01-23", "3578",
     "gak salah pilih, dukung Anies-Muhaimin nomor 1 sampai menang!", "litotes"),
    (["mobilize_colleagues"], ["online_campaign_post"], "pilpres exception_gaming", "whatsapp post",
     "2024-02-08", "3273", "Jangan lupa tgl 14 coblos Ganjar-Mahfud nomor 3 ya bapak ibu guru",
     "'jangan lupa' is a call"),
    (["online_campaign_post"], [], "pilkada exception_gaming", "facebook post", "2024-11-18", "3578",
     "Bukan kampanye ya, cuma ngingetin: 27 November coblos Khofifah-Emil nomor 2!", "gamed disclaimer"),
    (["online_campaign_post"], [], "pilpres exception_gaming", "facebook post", "2024-01-27", "3374",
     "Saya tidak ikut kampanye, tapi hati saya tetap untuk Prabowo-Gibran, coblos 02!", "denial, then support"),
    (["online_campaign_post"], [], "pilpres exception_gaming regional_language", "facebook post",
     "2024-01-31", "3310", "Ora usah ragu, coblos Ganjar-Mahfud nomor telu!", "Javanese litotes"),
    (["online_campaign_post"], [], "pilkada exception_gaming regional_language coded_reference",
     "whatsapp post", "2024-11-22", "3273", "Ulah hilap, coblos KDM nomer opat!", "Sundanese 'don't forget'"),
    (["online_campaign_post"], [], "pilkada exception_gaming regional_language coded_reference",
     "facebook post", "2024-11-21", "3374", "Ojo lali nyoblos Andika-Hendi nomer siji, Jateng tambah maju!",
     "Javanese 'don't forget'"),
    (["online_campaign_post"], [], "pilkada exception_gaming", "instagram post", "2024-11-19", "3374",
     "Jangan golput! Pilih Luthfi-Yasin nomor 2 untuk Jateng", "'jangan golput' then a call"),
    (["online_campaign_post"], [], "pilpres exception_gaming", "x post", "2024-01-30", "3201",
     "Tidak ada yang lebih pantas dari Prabowo, pilih 02 satu putaran!", "negated comparison"),
    (["online_campaign_post"], [], "pilpres exception_gaming slang", "x post", "2024-01-29", "3578",
     "Katanya ASN harus netral, tapi saya tetap dukung Anies, AMIN menang!", "neutral words, then support"),
    (["photo_with_candidate"], [], "pilpres exception_gaming slang", "instagram photo_upload", "2024-01-26",
     "3374", "Saya gak ikut kampanye kok, cuma foto bareng Pak Ganjar di posko relawan 🤟",
     "denial of one act, another act after 'cuma'"),
    (["online_campaign_post"], [], "pilkada exception_gaming regional_language", "facebook comment",
     "2024-11-14", "3171", "Kagak usah ribet, pilihan aye Pramono-Rano nomor 3!", "Betawi"),
    (["online_campaign_post"], [], "pilkada exception_gaming", "x post", "2024-11-15", "3578",
     "Tak perlu ragu, mari menangkan Khofifah-Emil!", "'tak perlu ragu'"),
    (["online_campaign_post"], [], "pilpres exception_gaming regional_language coded_reference",
     "whatsapp post", "2024-02-14", "3310", "Wis tak coblos Prabowo-Gibran nomer loro, kowe kapan?",
     "Javanese 'tak' = I"),
    (["online_campaign_post"], [], "pilkada exception_gaming regional_language", "facebook post",
     "2024-11-16", "1371", "Indak ado nan labiah pantas dari Mahyeldi-Vasko, pilih nomor 1!", "Minang"),
    (["online_campaign_post"], [], "pilkada exception_gaming regional_language coded_reference",
     "facebook post", "2024-11-17", "3273", "Teu kedah bingung, coblos KDM nomer opat!", "Sundanese"),
    (["mobilize_colleagues"], ["online_campaign_post"], "pilkada exception_gaming", "whatsapp post",
     "2024-11-20", "7371", "Saya bukan timses, tapi ayo rekan2 guru kita coblos Andi Sudirman-Fatmawati nomor 2",
     "denial of a role, then a call"),
    (["self_candidacy_promo"], [], "pileg roles", "facebook post", "2023-10-02", "3273",
     "Alhamdulillah saya sudah mendaftar sebagai bacaleg DPRD Kota Bandung dari PKB, mohon doa restu",
     "own candidacy"),
    (["self_candidacy_promo"], [], "pileg roles exception_gaming", "facebook post", "2023-10-05", "3273",
     "Gak mau basa-basi: mohon doa restu, saya maju caleg DPRD Kota Bandung dari Gerindra",
     "a negation before, not over, the candidacy"),
    (["online_campaign_post"], [], "pilpres exception_gaming", "facebook post", "2024-01-18", "3578",
     "Katanya netral itu penting. Tapi buat saya Anies-Muhaimin nomor 1, AMIN menang!",
     "hearsay in another sentence"),
    (["online_campaign_post"], [], "pilpres exception_gaming slang", "x post", "2024-01-17", "3273",
     "ga ada obat, dukung Prabowo-Gibran satu putaran! #netralitas", "hashtag and a slang negation"),
    # --- Non-ASN: silent whatever they write
    ([], [], "pilpres non_asn exception_gaming", "x post", "2024-01-21", "",
     "Saya tidak ragu, coblos 02 Prabowo-Gibran!", "not a civil servant"),
    ([], [], "pilkada non_asn regional_language", "facebook post", "2024-11-21", "",
     "Ojo lali nyoblos Andika-Hendi nomer siji!", "not a civil servant"),
]


def main():
    events, labels = [], []
    for i, (expect, also, groups, pa, date, region, text, note) in enumerate(E, 1):
        eid = "n-%04d" % i
        rnd = random.Random(eid)
        platform, action = pa.split()
        hh, mm, ss = rnd.randrange(6, 22), rnd.randrange(60), rnd.randrange(60)
        name = NAMES[rnd.randrange(len(NAMES))]
        handle = "@" + name.lower().replace(" ", "") + str(rnd.randrange(10, 99))
        prefix = {"x": "x", "facebook": "fb", "instagram": "ig", "whatsapp": "wa",
                  "tiktok": "tt"}[platform]
        ev = {"event_id": eid, "platform": platform, "action": action,
              "ts": "%sT%02d:%02d:%02d+07:00" % (date, hh, mm, ss)}
        if region:
            year = rnd.randrange(1970, 1998)
            nip = "%d%02d%02d%d%02d%d%03d" % (year, rnd.randrange(1, 13), rnd.randrange(1, 29),
                                             year + rnd.randrange(22, 28), rnd.randrange(1, 13),
                                             rnd.randrange(1, 3), rnd.randrange(1, 999))
            ev["actor"] = {"account_id": "%s:n%09d" % (prefix, rnd.randrange(10 ** 9)),
                           "handle": handle, "display_name": name, "nip": nip,
                           "agency": AGENCY[region], "region_code": region}
        else:
            ev["actor"] = {"account_id": "%s:n%09d" % (prefix, rnd.randrange(10 ** 9)),
                           "handle": handle, "display_name": name}
        ev["text"] = text
        if action == "photo_upload":
            ev["media"] = [{"type": "image", "sha256": "%064x" % rnd.getrandbits(256)}]
        ev["url"] = "https://example.invalid/%s/%s" % (platform, eid)
        events.append(ev)
        labels.append({"event_id": eid, "expect": expect, "also_ok": also,
                       "groups": groups.split(), "note": note})
    with open(os.path.join(OUT, "n.events.ndjson"), "w") as f:
        for ev in events:
            f.write(json.dumps(ev, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "n.labels.ndjson"), "w") as f:
        for lb in labels:
            f.write(json.dumps(lb, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
