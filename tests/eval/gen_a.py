#!/usr/bin/env python3
"""Writes tests/eval/a.events.ndjson and tests/eval/a.labels.ndjson.

Only the envelope is generated here (event ids, timestamps within each race's
phases, actors with NIP, agency and region). Every text, target, group, media
item and label below is written by hand. Deterministic: run it again after
editing an entry and commit both files. Labels follow the law (SKB 2/2022,
neutrality-rules.md section 2), not what Netra detects today.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(13)

# Phase windows (WIB days, inclusive) per race: calendar/2024.yaml.
WINDOWS = {
    ("pilpres", "pre"): ("2023-10-20", "2023-11-12"),
    ("pilpres", "post"): ("2023-11-14", "2023-11-27"),
    ("pilpres", "campaign"): ("2023-11-28", "2024-02-10"),
    ("pilpres", "quiet"): ("2024-02-11", "2024-02-13"),
    ("pilpres", "voting"): ("2024-02-14", "2024-02-14"),
    ("pilkada", "pre"): ("2024-06-01", "2024-09-21"),
    ("pilkada", "post"): ("2024-09-22", "2024-09-24"),
    ("pilkada", "campaign"): ("2024-09-25", "2024-11-23"),
    ("pilkada", "quiet"): ("2024-11-24", "2024-11-26"),
    ("pilkada", "voting"): ("2024-11-27", "2024-11-27"),
}
WINDOWS.update({("pileg", p): w for (r, p), w in WINDOWS.items() if r == "pilpres"})

# Region code -> agencies/positions of made-up civil servants there.
REGIONS = {
    "3273": ("Dinas Pendidikan Kota Bandung", ["Guru", "Staf Tata Usaha", "Pengawas Sekolah"]),
    "3578": ("Pemerintah Kota Surabaya", ["Staf Kelurahan", "Analis Kebijakan", "Lurah"]),
    "7371": ("Pemerintah Kota Makassar", ["Perawat", "Staf Kecamatan", "Bidan"]),
    "3374": ("Pemerintah Kota Semarang", ["Guru", "Pranata Komputer", "Sekretaris Lurah"]),
    "1271": ("Pemerintah Kota Medan", ["Guru", "Penyuluh", "Staf Dinas Perhubungan"]),
    "3201": ("Pemerintah Kabupaten Bogor", ["Kepala Seksi", "Guru", "Penyuluh Pertanian"]),
    "3471": ("Pemerintah Kota Yogyakarta", ["Guru", "Arsiparis", "Staf Dinas Kebudayaan"]),
    "5171": ("Pemerintah Kota Denpasar", ["Guru", "Staf Dinas Pariwisata", "Perawat"]),
    "3372": ("Pemerintah Kota Surakarta", ["Guru", "Staf Kecamatan", "Pustakawan"]),
    "5371": ("Pemerintah Kota Kupang", ["Guru", "Staf BPKAD", "Penyuluh KB"]),
    "3171": ("Pemerintah Provinsi DKI Jakarta", ["Staf Kelurahan", "Guru", "Petugas Damkar"]),
    "3302": ("Pemerintah Kabupaten Banyumas", ["Guru SD", "Bidan Desa", "Staf Kecamatan"]),
    "3509": ("Pemerintah Kabupaten Jember", ["Sekretaris Desa", "Guru", "Penyuluh Agama"]),
    "1109": ("Pemerintah Kabupaten Simeulue", ["Guru", "Staf Bappeda", "Perawat"]),
    "3175": ("Pemerintah Provinsi DKI Jakarta", ["Guru", "Staf Suku Dinas", "Lurah"]),
    "3301": ("Pemerintah Kabupaten Cilacap", ["Guru", "Penyuluh Perikanan", "Staf Dinas Sosial"]),
}
FIRST = ["Agus", "Sri", "Budi", "Dewi", "Rahmat", "Nur", "Eko", "Siti", "Andi", "Wayan", "Yohanes",
         "Fitri", "Asep", "Ujang", "Neng", "Dian", "Teguh", "Rina", "Made", "Lukas", "Irfan",
         "Ratna", "Hendra", "Tuti", "Bambang", "Yuli", "Ketut", "Maria", "Dedi", "Wahyu"]
LAST = ["Santoso", "Lestari", "Saputra", "Hidayat", "Siregar", "Nasution", "Wulandari", "Rahman",
        "Permana", "Sinaga", "Pratama", "Kusuma", "Lubis", "Daeng", "Manafe", "Suryadi", "Gunawan",
        "Harahap", "Purnomo", "Setiawan"]
# Civil servants in config/registries/asn_accounts.csv (no NIP on the event: the registry says ASN).
REGISTRY_ASN = {
    "x": "x:1500001", "facebook": "fb:100090000000001", "instagram": "ig:4100000001",
    "whatsapp": "wa:6281200000101",
}
PLATFORM_PREFIX = {"x": "x", "facebook": "fb", "instagram": "ig", "tiktok": "tt",
                   "whatsapp": "wa", "youtube": "yt", "threads": "th", "other": "ot"}


def nip():
    y, m, d = rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28)
    ay = max(y + 22, 1993) + rng.randint(0, 6)
    return f"{y}{m:02d}{d:02d}{min(ay, 2023)}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 30):03d}"


def timestamp(race, phase):
    lo, hi = WINDOWS[(race, phase)]
    import datetime as dt
    a, b = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
    day = a + dt.timedelta(days=rng.randint(0, (b - a).days))
    return f"{day}T{rng.randint(5, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}+07:00"


def actor(platform, kind, region):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    handle = name.lower().replace(" ", rng.choice(["_", ".", ""])) + str(rng.randint(1, 99))
    acc = f"{PLATFORM_PREFIX[platform]}:{rng.randint(10**8, 10**9 - 1)}"
    a = {"account_id": acc, "handle": "@" + handle, "display_name": name}
    if kind == "asn":
        agency, positions = REGIONS[region]
        a.update(nip=nip(), agency=agency, region_code=region)
        if rng.random() < 0.3:
            a["display_name"] = f"{name} ({rng.choice(positions)})"
    elif kind == "registry":
        a = {"account_id": REGISTRY_ASN[platform]}
    return a


ENTRIES = []


def E(expect, text=None, p="facebook", a="post", race="pilpres", ph="campaign", g=(), ok=(),
      who="asn", reg=None, target=None, group=None, media=None, tags=None, note=""):
    """One hand-written event. expect: rule ids (str or list); target: (account_id, handle,
    display_name); group: (id, name); media: list of dicts; who: asn | nonasn | registry."""
    ENTRIES.append(dict(expect=[expect] if isinstance(expect, str) else list(expect), text=text,
                        p=p, a=a, race=race, ph=ph, g=list(g), ok=list(ok), who=who, reg=reg,
                        target=target, group=group, media=media, tags=tags, note=note))


def img(caption=None, ocr=None, sha=None, kind="image"):
    m = {"type": kind}
    if caption:
        m["caption"] = caption
    if ocr:
        m["ocr_text"] = ocr
    if sha:
        m["sha256"] = sha
    return m


# Shorthands for rule ids.
ENG, JOIN, POST, SHARE, PHOTO, EVENT = ("engage_political_account", "join_campaign_group",
                                        "online_campaign_post", "share_campaign_material",
                                        "photo_with_candidate", "campaign_event_presence")
NONE = []

# ---------------------------------------------------------------- engagement
# Registered accounts (config/registries/political_accounts.csv).
ANIES_X = ("x:900000101", "@aniesbaswedan", "Anies Rasyid Baswedan")
ANIES_IG = ("ig:9000000101", "@aniesbaswedan", "Anies Baswedan")
IMIN_X = ("x:900000102", "@cakimiNOW", "A Muhaimin Iskandar")
PRABOWO_X = ("x:900000201", "@prabowo", "Prabowo Subianto")
PRABOWO_IG = ("ig:9000000201", "@prabowo", "Prabowo Subianto")
PG_TT = ("tt:9000000000000000201", "@prabowo.gibran2", "Prabowo Gibran 2024")
GIBRAN_X = ("x:900000202", "@gibran_tweet", "Gibran Rakabuming")
GANJAR_X = ("x:900000301", "@ganjarpranowo", "Ganjar Pranowo")
GANJAR_IG = ("ig:9000000301", "@ganjar_pranowo", "Ganjar Pranowo")
MAHFUD_X = ("x:900000302", "@mohmahfudmd", "Mahfud MD")
TIMNAS = ("x:900000401", "@timnasamin", "Timnas AMIN")
TKN = ("ig:9000000402", "@tkn_prabowogibran", "TKN Prabowo Gibran")
TPN = ("x:900000403", "@tpnganjarmahfud", "TPN Ganjar Mahfud")
GERINDRA = ("x:900000501", "@Gerindra", "Partai Gerindra")
PDIP = ("x:900000502", "@PDI_Perjuangan", "PDI Perjuangan")
PKB = ("ig:9000000503", "@pkb_id", "PKB")
PKS = ("fb:900000504", None, "Partai Keadilan Sejahtera")
GOLKAR = ("x:900000505", "@golkar_id", "Partai Golkar")
SULBAR01 = ("ig:9000000701", "@contoh.cagub.sulbar01", "Paslon 01 Pilgub Sulbar")
# Real candidates' public accounts that are NOT in the shipped registry (invented ids).
DEDI_IG = ("ig:8100000001", "@dedimulyadi71", "Dedi Mulyadi")
RK_IG = ("ig:8100000002", "@ridwankamil", "Ridwan Kamil")
KHOF_IG = ("ig:8100000003", "@khofifah.ip", "Khofifah Indar Parawansa")
PRAM_X = ("x:8100000004", "@pramonoanung", "Pramono Anung")
BOBBY_IG = ("ig:8100000005", "@bobbynasution_", "Bobby Nasution")
LUTHFI_IG = ("ig:8100000006", "@ahmadluthfi_official", "Ahmad Luthfi")
ANDIKA_IG = ("ig:8100000007", "@andikaperkasa", "Andika Perkasa")
ERI_IG = ("ig:8100000008", "@ericahyadi_", "Eri Cahyadi")
MELKI_FB = ("fb:8100000009", None, "Melki Laka Lena")
KOSTER_FB = ("fb:8100000010", None, "Wayan Koster")
RISMA_IG = ("ig:8100000011", "@trirismaharini", "Tri Rismaharini")
FARHAN_IG = ("ig:8100000012", "@mfarhan_bdg", "M. Farhan")
PSI_X = ("x:8100000013", "@psi_id", "Partai Solidaritas Indonesia")
NASDEM_IG = ("ig:8100000014", "@nasdem", "Partai NasDem")
DEMOKRAT_X = ("x:8100000015", "@PDemokrat", "Partai Demokrat")
PAN_TT = ("tt:8100000016", "@amanatnasional", "Partai Amanat Nasional")
TKD_JATENG = ("ig:8100000017", "@tkd.jateng.pg", "TKD Prabowo Gibran Jawa Tengah")
RELAWAN_ANIES = ("tt:8100000018", "@relawan.anies.official", "Relawan Anies Muhaimin")
GIBRAN_TT = ("tt:8100000019", "@gibranrakabuming", "Gibran Rakabuming Raka")
ANIES_TT = ("tt:8100000020", "@aniesbaswedan", "Anies Baswedan")
# Ordinary accounts (news, government, entertainment, KPU/Bawaslu).
KOMPAS = ("x:7000000001", "@kompascom", "Kompas.com")
BAWASLU = ("x:7000000002", "@bawaslu_ri", "Bawaslu RI")
KPU = ("ig:7000000003", "@kpu_ri", "KPU RI")
KEMENPAN = ("ig:7000000004", "@kemenpanrb", "Kementerian PANRB")
PERSIB = ("x:7000000005", "@persib", "PERSIB")

for p, act, tgt, ph in [
        ("x", "like", ANIES_X, "campaign"), ("instagram", "like", PRABOWO_IG, "campaign"),
        ("x", "follow", GANJAR_X, "post"), ("x", "repost", PRABOWO_X, "campaign"),
        ("instagram", "follow", ANIES_IG, "pre"), ("x", "like", IMIN_X, "campaign"),
        ("tiktok", "like", PG_TT, "campaign"), ("x", "like", GIBRAN_X, "quiet"),
        ("instagram", "like", GANJAR_IG, "campaign"), ("x", "repost", MAHFUD_X, "campaign"),
        ("x", "follow", TIMNAS, "campaign"), ("instagram", "follow", TKN, "post"),
        ("x", "like", TPN, "campaign"), ("tiktok", "follow", PG_TT, "campaign"),
        ("x", "share", GANJAR_X, "quiet"), ("instagram", "like", ANIES_IG, "voting")]:
    who = "registry" if p in REGISTRY_ASN and rng.random() < 0.3 else "asn"
    E(ENG, p=p, a=act, target=tgt, ph=ph, who=who, g=["pilpres"],
      note="text-less engagement with a registered candidate/team account")
for p, act, tgt in [("x", "like", GERINDRA), ("x", "follow", PDIP), ("instagram", "follow", PKB),
                    ("facebook", "like", PKS), ("x", "repost", GOLKAR), ("x", "like", PDIP)]:
    E(ENG, p=p, a=act, target=tgt, race="pileg", g=["pileg"],
      note="engagement with a registered party account during the pileg campaign")
E(ENG, p="instagram", a="like", target=SULBAR01, race="pilkada", g=["pilkada"],
  note="like on a registered regional candidate")
# Candidates not in the shipped registry: the law applies all the same.
for p, act, tgt, race, grp in [
        ("instagram", "like", DEDI_IG, "pilkada", []), ("instagram", "follow", RK_IG, "pilkada", []),
        ("instagram", "like", KHOF_IG, "pilkada", []), ("x", "follow", PRAM_X, "pilkada", []),
        ("instagram", "like", BOBBY_IG, "pilkada", []), ("instagram", "follow", LUTHFI_IG, "pilkada", []),
        ("instagram", "like", ANDIKA_IG, "pilkada", []), ("instagram", "like", ERI_IG, "pilkada", []),
        ("facebook", "like", MELKI_FB, "pilkada", []), ("facebook", "follow", KOSTER_FB, "pilkada", []),
        ("instagram", "follow", RISMA_IG, "pilkada", []), ("instagram", "like", FARHAN_IG, "pilkada", []),
        ("x", "follow", PSI_X, "pileg", []), ("instagram", "like", NASDEM_IG, "pileg", []),
        ("x", "repost", DEMOKRAT_X, "pileg", []), ("tiktok", "follow", PAN_TT, "pileg", []),
        ("instagram", "follow", TKD_JATENG, "pilpres", ["roles"]),
        ("tiktok", "like", RELAWAN_ANIES, "pilpres", []), ("tiktok", "follow", GIBRAN_TT, "pilpres", []),
        ("tiktok", "like", ANIES_TT, "pilpres", [])]:
    extra = [JOIN] if tgt in (RELAWAN_ANIES, TKD_JATENG) else []
    E(ENG, p=p, a=act, target=tgt, race=race, g=[race, "unregistered_target"] + grp, ok=extra,
      note="candidate/party/team account that is not in the shipped registry")
# Comments and replies on campaign accounts (text is support or small talk: the act is the engagement).
E(ENG, "mantap pak, lanjutkan 🔥🔥", p="instagram", a="comment", target=PRABOWO_IG, g=["pilpres", "slang"], ok=[POST])
E(ENG, "semangat terus pak anies, kami bersamamu dari bandung 🙏", p="x", a="reply", target=ANIES_X, g=["pilpres"], ok=[POST])
E(ENG, "sehat2 selalu pak, sukses buat besok debatnya", p="instagram", a="comment", target=GANJAR_IG, g=["pilpres", "slang"], ok=[POST])
E(ENG, "gas pol bos ku 💪", p="tiktok", a="comment", target=PG_TT, g=["pilpres", "slang"], ok=[POST])
E(ENG, "keren bgt ini pak prof, adem dengernya", p="x", a="reply", target=MAHFUD_X, g=["pilpres", "slang"], ok=[POST])
E(ENG, "Kang Dedi teh panutan pisan, Jabar kudu kitu 👍", p="instagram", a="comment", target=DEDI_IG, race="pilkada", g=["pilkada", "regional_language", "unregistered_target"], ok=[POST])
E(ENG, "Bu Khofifah sehat selalu nggih, lanjut 2 periode 🙏", p="instagram", a="comment", target=KHOF_IG, race="pilkada", g=["pilkada", "regional_language", "unregistered_target"], ok=[POST])
E(ENG, "Horas Pak Bobby! Medan siap menang 🔥", p="instagram", a="comment", target=BOBBY_IG, race="pilkada", g=["pilkada", "unregistered_target"], ok=[POST])
E(ENG, "mas gibran i'm your fans from solo 😍", p="x", a="reply", target=GIBRAN_X, g=["pilpres", "slang"], ok=[POST])
E(ENG, "done share ke grup alumni pak 👍", p="x", a="reply", target=TIMNAS, g=["pilpres", "slang"], ok=[POST])
E(ENG, "Merdeka! 🔴⚫", p="x", a="reply", target=PDIP, race="pileg", g=["pileg"], ok=[POST])
E(ENG, "iyaa siap, besok ikut nonton bareng debat di posko", p="x", a="reply", target=TPN, g=["pilpres", "slang"], ok=[POST, EVENT])
E(ENG, "Pak Koster, Bali tetep butuh bapak 🙏🏽", p="facebook", a="comment", target=KOSTER_FB, race="pilkada", g=["pilkada", "unregistered_target"], ok=[POST])
E(ENG, "Ayo Pak Melki, NTT bangkit! 💙", p="facebook", a="comment", target=MELKI_FB, race="pilkada", g=["pilkada", "unregistered_target"], ok=[POST])

# Negatives: engagement with ordinary accounts, and non-ASN engagement with campaign accounts.
for p, act, tgt in [("x", "like", KOMPAS), ("x", "follow", BAWASLU), ("instagram", "like", KPU),
                    ("instagram", "follow", KEMENPAN), ("x", "like", PERSIB), ("x", "repost", BAWASLU)]:
    E(NONE, p=p, a=act, target=tgt, g=["hard_negative"], note="engagement with a news/state/club account")
for p, act, tgt in [("x", "like", PRABOWO_X), ("instagram", "follow", ANIES_IG), ("x", "repost", GANJAR_X),
                    ("instagram", "like", DEDI_IG), ("x", "follow", GERINDRA), ("tiktok", "like", PG_TT)]:
    E(NONE, p=p, a=act, target=tgt, who="nonasn", g=["non_asn"], note="not a civil servant")

# ---------------------------------------------------------------- groups
REG_GROUPS = [("wa-grp-relawan-01", "Relawan Ganjar-Mahfud Kota Semarang", "whatsapp", "3374"),
              ("wa-grp-relawan-02", "Sahabat Prabowo-Gibran Surabaya", "whatsapp", "3578"),
              ("fb-grp-900000601", "Relawan AMIN Jawa Barat", "facebook", "3273"),
              ("wa-grp-posko-03", "Posko Pemenangan AMIN Kota Bandung", "whatsapp", "3273")]
for gid, name, p, region in REG_GROUPS:
    E(JOIN, p=p, a="join_group", group=(gid, name), reg=region, g=["pilpres"], note="registered group")
E(JOIN, p="facebook", a="join_group", group=("fb-grp-900000602", "Info Kampanye Paslon Pilwalkot Makassar No 2"),
  race="pilkada", reg="7371", g=["pilkada"], note="registered pilkada group")
# Groups named like campaign groups but not registered (the name says what they are).
for p, gid, name, race, grp in [
        ("whatsapp", "wa-grp-5501", "RELAWAN PRABOWO GIBRAN KEC. CIBINONG", "pilpres", []),
        ("facebook", "fb-grp-5502", "Barisan Pendukung Anies Baswedan (BARA)", "pilpres", []),
        ("facebook", "fb-grp-5503", "Sedulur Ganjar Pranowo Banyumas", "pilpres", ["regional_language"]),
        ("whatsapp", "wa-grp-5504", "Simpatisan PDI Perjuangan Ranting Sukamaju", "pileg", []),
        ("facebook", "fb-grp-5505", "Timses Dedi Mulyadi - Erwan Kab. Bogor", "pilkada", []),
        ("whatsapp", "wa-grp-5506", "Posko Relawan RIDO (Ridwan Kamil-Suswono) Jaksel", "pilkada", ["coded_reference"]),
        ("facebook", "fb-grp-5507", "Sahabat Khofifah-Emil Jatim", "pilkada", []),
        ("whatsapp", "wa-grp-5508", "Tim Pemenangan Luthfi-Yasin Kota Semarang", "pilkada", []),
        ("facebook", "fb-grp-5509", "Relawan Pramono-Rano Jakarta Timur", "pilkada", []),
        ("whatsapp", "wa-grp-5510", "Barisan Emak2 Pendukung 02 Bojongsoang", "pilpres", ["coded_reference", "slang"]),
        ("facebook", "fb-grp-5511", "KOMUNITAS GEMOY 2024 🐼 Relawan Prabowo", "pilpres", ["coded_reference"]),
        ("whatsapp", "wa-grp-5512", "AMIN SQUAD Relawan Kec. Coblong", "pilpres", ["coded_reference"]),
        ("facebook", "fb-grp-5513", "Relawan Bobby-Surya Sumut Menang", "pilkada", []),
        ("whatsapp", "wa-grp-5514", "Simpatisan Gerindra Dapil Jabar 1", "pileg", []),
        ("facebook", "fb-grp-5515", "Relawan Eri-Armuji Suroboyo", "pilkada", ["regional_language"]),
        ("whatsapp", "wa-grp-5516", "Posko Pemenangan Caleg PKS Kota Depok", "pileg", []),
        ("facebook", "fb-grp-5517", "Sahabat Melki-Johni NTT", "pilkada", []),
        ("whatsapp", "wa-grp-5518", "GANJARIST Solo Raya ✊", "pilpres", ["coded_reference"]),
        ("facebook", "fb-grp-5519", "Barisan Relawan Koster-Giri Bali", "pilkada", []),
        ("whatsapp", "wa-grp-5520", "tim sukses anies muhaimin rt 05", "pilpres", ["slang"]),
        ("facebook", "fb-grp-5521", "𝗥𝗲𝗹𝗮𝘄𝗮𝗻 𝗣𝗿𝗮𝗯𝗼𝘄𝗼 𝗚𝗶𝗯𝗿𝗮𝗻 𝗝𝗮𝘁𝗲𝗻𝗴", "pilpres", ["unicode"]),
        ("whatsapp", "wa-grp-5522", "Rélawan Ganjár-Mahfud Cilacap", "pilpres", ["unicode"]),
        ("facebook", "fb-grp-5523", "Dulur Kang Dedi Mulyadi Sabilulungan", "pilkada", ["regional_language"]),
        ("whatsapp", "wa-grp-5524", "Konco Gibran Surakarta Menang Total", "pilpres", ["regional_language"]),
        ("facebook", "fb-grp-5525", "Relawan Andika-Hendi Jawa Tengah", "pilkada", [])]:
    E(JOIN, p=p, a="join_group", group=(gid, name), race=race, g=[race, "unregistered_target"] + grp,
      note="unregistered group whose name carries a candidate/party and a campaign word")
# Following a campaign channel/page (follow of a group-like account).
E(JOIN, p="tiktok", a="follow", target=RELAWAN_ANIES, g=["pilpres", "unregistered_target"], ok=[ENG], note="follows a volunteer channel")
E(JOIN, p="whatsapp", a="follow", target=("wa-ch-6601", None, "Saluran Relawan Prabowo-Gibran Digital"), g=["pilpres", "unregistered_target"], ok=[ENG], note="follows a WA channel of volunteers")
E(JOIN, p="facebook", a="follow", target=("fb:6601002", None, "Relawan Ganjar Mahfud Jateng"), g=["pilpres", "unregistered_target"], ok=[ENG])
E(JOIN, p="instagram", a="follow", target=("ig:6601003", "@relawan_rido_jkt", "Relawan RIDO Jakarta"), race="pilkada", g=["pilkada", "coded_reference", "unregistered_target"], ok=[ENG])
E(JOIN, p="whatsapp", a="join_group", group=("wa-grp-5526", "Kawan Amin Sulsel (Anies-Imin)"), g=["pilpres"])

# Negatives: ordinary groups, groups with party/candidate words used otherwise, non-ASN joins.
for p, gid, name in [
        ("whatsapp", "wa-grp-7701", "Alumni SMAN 3 Bandung angkatan 2005"),
        ("facebook", "fb-grp-7702", "Info Loker & Jual Beli Kab. Bogor"),
        ("whatsapp", "wa-grp-7703", "KPPS TPS 014 Kel. Sukajadi"),
        ("whatsapp", "wa-grp-7704", "PPK Kecamatan Coblong - Koordinasi Logistik"),
        ("facebook", "fb-grp-7705", "Komunitas Guru Penggerak Jawa Tengah"),
        ("whatsapp", "wa-grp-7706", "Arisan Ibu2 RT 02 Blok Gerinda"),
        ("facebook", "fb-grp-7707", "Pemantau Pemilu Independen Jatim (JPPR)"),
        ("whatsapp", "wa-grp-7708", "Relawan Banjir Dayeuhkolot 2024"),
        ("facebook", "fb-grp-7709", "Sahabat Kopi Nusantara"),
        ("whatsapp", "wa-grp-7710", "Panwascam Banyumanik (resmi)"),
        ("facebook", "fb-grp-7711", "Relawan Donor Darah PMI Kota Medan"),
        ("whatsapp", "wa-grp-7712", "Posko Mudik Lebaran Dishub 2024")]:
    E(NONE, p=p, a="join_group", group=(gid, name), g=["hard_negative"], note="ordinary group (work, hobby, disaster, election body)")
for p, gid, name in [("whatsapp", "wa-grp-relawan-02", "Sahabat Prabowo-Gibran Surabaya"),
                     ("facebook", "fb-grp-5502", "Barisan Pendukung Anies Baswedan (BARA)"),
                     ("whatsapp", "wa-grp-5508", "Tim Pemenangan Luthfi-Yasin Kota Semarang")]:
    E(NONE, p=p, a="join_group", group=(gid, name), who="nonasn", g=["non_asn"], note="not a civil servant")

# ---------------------------------------------------------------- online campaign posts
P = POST
# plain Indonesian, pilpres
E(P, "Coblos 02, menang satu putaran! Prabowo-Gibran untuk Indonesia Maju", p="x", g=["pilpres"])
E(P, "Sudah saatnya perubahan. 14 Februari pilih AMIN, Anies-Muhaimin 🙏", p="facebook", g=["pilpres"])
E(P, "Ganjar-Mahfud sat set tas tes, rakyat butuh pemimpin yang kerja. Dukung 03!", p="x", g=["pilpres"])
E(P, "Saya pribadi mendukung Pak Prabowo, beliau sudah teruji. Indonesia Maju lanjutkan!", p="facebook", g=["pilpres"])
E(P, "Bismillah, 14 Feb nanti insyaAllah pilih Anies. Indonesia butuh perubahan.", p="facebook", g=["pilpres"])
# slang / alay
E(P, "pilihan gw udah bulet, 02 aja gausah ribet 😎 #prabowogibran2024", p="x", g=["pilpres", "slang"])
E(P, "udh lah gaes, coblos ganjar aja, yg laen mah lewat 🤣", p="tiktok", g=["pilpres", "slang"])
E(P, "gw sih tim anies ya, gamau yg laen. titik. #AMIN", p="x", g=["pilpres", "slang"])
E(P, "sy dkung bgt pak prabowo jd presiden, smg mnang 1 putaran aamiin", p="facebook", g=["pilpres", "slang"])
E(P, "yg gemoy yg gemoy 🐼🐼 pokoknya 02 gaskeun", p="tiktok", g=["pilpres", "slang", "coded_reference"])
E(P, "anak abah mana suaranyaaa 📢 perubahan harga mati, 01 menang!", p="tiktok", g=["pilpres", "slang", "coded_reference"])
E(P, "fix no debat, pilih prabowo-gibran biar lanjut terus pembangunan", p="x", g=["pilpres", "slang"])
E(P, "gk ush galau2, 03 paling waras. ganjar mahfud ftw", p="x", g=["pilpres", "slang"])
E(P, "kalo gw mah udh jelas ke paslon 1, anies baswedan paling pinter debatnya wkwk", p="x", g=["pilpres", "slang", "coded_reference"])
E(P, "dahlah cape liat debat, pokoknya gibran the best, 2 putaran? ga lah 1 putaran aja", p="x", g=["pilpres", "slang"])
E(P, "bsk jgn lupa nyoblos yaa, aq sh ttp prabowo 💪🏻", p="instagram", a="story", g=["pilpres", "slang"], ph="quiet")
E(P, "Mohon maaf nih, tp Pak Ganjar emg paling merakyat. Yakin menang 🔥 #GanjarMahfud2024", p="instagram", a="story", g=["pilpres", "slang"])
# English code-mixing
E(P, "My vote goes to Anies-Imin. Change is coming! #AMIN2024", p="x", g=["pilpres", "slang"])
E(P, "Honestly prabowo gibran is my choice, vote 02 guys 🇮🇩", p="instagram", a="story", g=["pilpres", "slang"])
E(P, "Vote for Ganjar Mahfud, no debat. Sat set!", p="tiktok", g=["pilpres", "slang"])
E(P, "literally the only choice: AMIN. vote wisely gaes ✌️ no, ☝️", p="x", g=["pilpres", "slang", "coded_reference"])
E(P, "support prabowo all the way, let's go 02 one round!!", p="x", g=["pilpres", "slang"])
# regional languages
E(P, "Mangga dipilih nomer hiji, Anies-Muhaimin, pikeun parobahan 🙏", p="facebook", g=["pilpres", "regional_language", "coded_reference"])
E(P, "Paslon loro wae lur, Prabowo-Gibran, ben Indonesia maju", p="facebook", g=["pilpres", "regional_language", "coded_reference"])
E(P, "Wis mantep, nyoblos Ganjar-Mahfud, wong Jateng kudu milih Pak Ganjar", p="facebook", g=["pilpres", "regional_language"])
E(P, "Urang Sunda mah milih Prabowo we lah, tos kabukti", p="facebook", g=["pilpres", "regional_language"])
E(P, "Ente kalo kagak milih Anies rugi bandar, udeh 01 aje", p="x", g=["pilpres", "regional_language", "coded_reference"])
E(P, "Awak dukung Prabowo-Gibran lah, Medan pasti menang 02 bah!", p="facebook", g=["pilpres", "regional_language"])
E(P, "Ayo dulur-dulur, 14 Februari nyoblos nomer telu, Ganjar-Mahfud", p="facebook", g=["pilpres", "regional_language", "coded_reference"], ok=["mobilize_colleagues"])
E(P, "Pilih Anies lah kito, urang Minang lah jaleh pilihannyo 01", p="facebook", g=["pilpres", "regional_language"])
E(P, "Pokokna mah 02, teu aya deui. Prabowo Gibran 👍", p="whatsapp", a="story", g=["pilpres", "regional_language"])
E(P, "Ganjar-Mahfud paling cocok, matur nuwun Pak Ganjar wis mbangun Jateng. Ojo lali 3!", p="facebook", g=["pilpres", "regional_language"])
E(P, "Tabe', pilih ki Prabowo-Gibran nah, supaya lanjut ki pembangunan", p="facebook", g=["pilpres", "regional_language"])
E(P, "Banua kita perlu perubahan, pilih Anies haja, kada usah ragu", p="facebook", g=["pilpres", "regional_language"])
# coded references
E(P, "Yang nomor satu pokoknya! Perubahan! ☝️☝️ #Aminkan", p="x", g=["pilpres", "coded_reference"])
E(P, "Pak 02 the best, nomer 2️⃣ harga mati ✌️", p="x", g=["pilpres", "coded_reference"])
E(P, "Paslon III paling realistis programnya. Salam 3 jari 🤟", p="facebook", g=["pilpres", "coded_reference"])
E(P, "Sudah mantap di nomor dua. Lanjutkan! ✌️🇮🇩", p="instagram", a="story", g=["pilpres", "coded_reference"])
E(P, "Salam 4 jari? Gak lah, saya tetap salam 2 jari, jaga kemenangan Prabowo", p="x", g=["pilpres", "coded_reference"])
E(P, "tgl 14 coblos yg pake peci item ya ✌️ #02", p="tiktok", g=["pilpres", "coded_reference", "slang"])
E(P, "Abah is the best. AMIN paling layak. #AniesPresiden", p="x", g=["pilpres", "coded_reference"])
E(P, "Wowo-Gibran menang! ✌️ jangan golput ya", p="x", g=["pilpres", "coded_reference"])
E(P, "Nomer tiga itu yang bener, sat set. #GaspolGanjar", p="x", g=["pilpres", "coded_reference"])
E(P, "Coblos no 1️⃣ tgl 14, yang lain nunggu 2029 aja 😂", p="x", g=["pilpres", "coded_reference"])
# unicode disguises
E(P, "𝐂𝐨𝐛𝐥𝐨𝐬 𝟎𝟐 𝐏𝐫𝐚𝐛𝐨𝐰𝐨-𝐆𝐢𝐛𝐫𝐚𝐧 💪", p="facebook", g=["pilpres", "unicode"])
E(P, "ᴘɪʟɪʜ ᴀɴɪᴇs-ᴍᴜʜᴀɪᴍɪɴ, ᴘᴇʀᴜʙᴀʜᴀɴ!", p="instagram", a="story", g=["pilpres", "unicode"])
E(P, "Ｃｏｂｌｏｓ ０３ Ganjar Mahfud", p="x", g=["pilpres", "unicode"])
E(P, "Dukung Рrаbоwо-Gibrаn nomor 2", p="x", g=["pilpres", "unicode"], note="Cyrillic Р, а, о inside the names")
E(P, "Pilih A̶n̶i̶e̶s̶ Anies aja, 01 menang ☝️", p="x", g=["pilpres", "unicode"])
E(P, "Ⓖⓐⓝⓙⓐⓡ ⓜⓐⓗⓕⓤⓓ menang! Coblos 3", p="tiktok", g=["pilpres", "unicode"])
E(P, "V0te Pr4b0w0 G1br4n n0 2!", p="x", g=["pilpres", "unicode", "slang"])
E(P, "p i l i h   g a n j a r   m a h f u d   03", p="x", g=["pilpres", "unicode"])
E(P, "Coblos A‌n‌i‌e‌s M‌u‌h‌a‌i‌m‌i‌n 01", p="x", g=["pilpres", "unicode"], note="zero-width non-joiners inside the names")
E(P, "𝘗𝘳𝘢𝘣𝘰𝘸𝘰 𝘎𝘪𝘣𝘳𝘢𝘯 𝘱𝘪𝘭𝘪𝘩𝘢𝘯 𝘬𝘶 ✌️", p="instagram", a="story", g=["pilpres", "unicode"])
# exception gaming: a neutral word elsewhere must not cancel the post
E(P, "Coblos 02, menang satu putaran! #netralitas", p="x", g=["pilpres", "exception_gaming"])
E(P, "Pilih AMIN 14 Februari! Perubahan! #ASNNetral", p="facebook", g=["pilpres", "exception_gaming"])
E(P, "Dikutip dari obrolan warung kopi: semua sepakat Ganjar-Mahfud paling pas. Coblos 3!", p="facebook", g=["pilpres", "exception_gaming"])
E(P, "Katanya ASN wajib netral, tapi hati kecil gw tetep 02 Prabowo-Gibran 😁 coblos!", p="x", g=["pilpres", "exception_gaming", "slang"])
E(P, "Bukan hoaks: Anies-Imin paling siap. Pilih 01!", p="x", g=["pilpres", "exception_gaming"])
E(P, "Semoga lancar pemilunya. Aamiin. Pokoknya pilih Prabowo nomor 2 ya", p="facebook", g=["pilpres", "exception_gaming"])
E(P, "Menurut berita hari ini Ganjar naik di survei 🔥 ayo menangkan 03!", p="facebook", g=["pilpres", "exception_gaming"], ok=["mobilize_colleagues"])
E(P, "Pilih 02!! (jangan bilang2 ya, kan harus netral 🤫)", p="x", g=["pilpres", "exception_gaming", "slang"])
E(P, "Bukan kampanye ya, cuma ngingetin: Anies-Muhaimin nomor 1, coblos!", p="facebook", g=["pilpres", "exception_gaming"])
E(P, "Tidak ada yang lebih baik dari Prabowo-Gibran. Lanjutkan! ✌️", p="x", g=["pilpres", "exception_gaming"], note="'tidak' is not a negation of the support")
E(P, "Stop golput! Gunakan hak pilihmu dgn bijak: 03 Ganjar Mahfud 🤟", p="instagram", a="story", g=["pilpres", "exception_gaming"])
# pileg: parties and DCT candidates
E(P, "Jangan lupa 14 Februari coblos Gerindra nomor 2 untuk DPR RI!", p="facebook", race="pileg", g=["pileg"])
E(P, "Merah putih hitam di dada, coblos PDI Perjuangan no 3 🔴", p="facebook", race="pileg", g=["pileg"])
E(P, "Dukung Melly Goeslaw caleg DPR dapil Jabar 1 dari Gerindra, beliau peduli seni 🎶", p="instagram", a="story", race="pileg", g=["pileg"], reg="3273")
E(P, "PSI partainya anak muda, coblos no 15 bro! 🌹", p="x", race="pileg", g=["pileg", "slang"])
E(P, "PKS no 8, bersih peduli profesional. Coblos caleg PKS Ledia Hanifa ya", p="facebook", race="pileg", g=["pileg"], reg="3273")
E(P, "Golkar menang, Indonesia maju! Coblos beringin no 4 🌳", p="facebook", race="pileg", g=["pileg", "coded_reference"])
E(P, "Gaskeun PKB nomer hiji, Habib Syarief ka DPR!", p="facebook", race="pileg", g=["pileg", "regional_language", "coded_reference"], reg="3273")
E(P, "Partai Buruh no 6, suara pekerja! pilih Charly Samosir dapil Jabar 1", p="x", race="pileg", g=["pileg"], reg="3273")
E(P, "nasdem no 5 restorasi 💙 pilih bang farhan ke DPR", p="instagram", a="story", race="pileg", g=["pileg", "slang"], reg="3273")
E(P, "Demokrat no 14, lanjutkan perjuangan SBY-AHY 💙 coblos ya", p="facebook", race="pileg", g=["pileg"])
E(P, "Coblos Hanura 10 dan Pak Akhmad Muqowam dapil Jateng 1, orangnya amanah", p="facebook", race="pileg", g=["pileg"], reg="3374")
# pilkada (real 2024 pairs; the actor lives in the race's region)
E(P, "NTT butuh Melki-Johni, coblos 2! 💙", p="facebook", race="pilkada", reg="5371", g=["pilkada"])
E(P, "Jabar istimewa kudu dipingpin ku KDM. Dedi Mulyadi-Erwan nomer opat! 🙏", p="facebook", race="pilkada", reg="3201", g=["pilkada", "regional_language", "coded_reference"])
E(P, "RIDO for Jakarta! Ridwan Kamil-Suswono nomor 1, gaskeun 🔥", p="instagram", a="story", race="pilkada", reg="3171", g=["pilkada", "coded_reference", "slang"])
E(P, "Mas Pram & Bang Doel paling pas buat Jakarta. 27 Nov coblos 3!", p="x", race="pilkada", reg="3175", g=["pilkada", "coded_reference"])
E(P, "Jatim tetep Khofifah-Emil, nomer 2 wis terbukti rek!", p="facebook", race="pilkada", reg="3509", g=["pilkada", "regional_language"])
E(P, "Luthfi-Yasin ngopeni Jateng, coblos nomer loro 27 November", p="facebook", race="pilkada", reg="3301", g=["pilkada", "regional_language", "coded_reference"])
E(P, "Andika-Hendi pilihan wong cilik, nomer siji!", p="facebook", race="pilkada", reg="3374", g=["pilkada", "regional_language", "coded_reference"])
E(P, "Bobby-Surya untuk Sumut, pilih nomor 1, kolaborasi!", p="facebook", race="pilkada", reg="1271", g=["pilkada"])
E(P, "Eri-Armuji maneh, Suroboyo wis apik. Coblos ae rek", p="facebook", race="pilkada", reg="3578", g=["pilkada", "regional_language"])
E(P, "Bali Era Baru, Koster-Giri nomor 2. Astungkara menang 🙏", p="facebook", race="pilkada", reg="5171", g=["pilkada", "regional_language"])
E(P, "Bandung butuh Farhan-Erwin, nomor 3 hungkul! Hatur nuhun", p="instagram", a="story", race="pilkada", reg="3273", g=["pilkada", "regional_language"])
E(P, "Pilih Respati-Astrid, Solo makin maju. Nomor 2 nggih", p="facebook", race="pilkada", reg="3372", g=["pilkada", "regional_language"])
E(P, "Yogyakarta butuh dokter Hasto, coblos 2 tgl 27 ya lurr", p="x", race="pilkada", reg="3471", g=["pilkada", "slang"])
E(P, "MULIA! Munafri-Aliyah nomor 1 untuk Makassar 🔥", p="facebook", race="pilkada", reg="7371", g=["pilkada", "coded_reference"])
E(P, "Rudy-Jaro Ade no 1 lanjutkeun pembangunan Kab Bogor", p="facebook", race="pilkada", reg="3201", g=["pilkada", "regional_language"])
E(P, "pilgub jabar gw milih kang dedi, yg laen ga kenal wkwk #KDMGubernur", p="x", race="pilkada", reg="3273", g=["pilkada", "slang", "coded_reference"])
E(P, "Hidup Pak Sadewo! Banyumas tetep satu pilihan, paslon tunggal lawan kotak kosong, coblos gambare!", p="facebook", race="pilkada", reg="3302", g=["pilkada", "regional_language"])
E(P, "Simeulue butuh perubahan. Pilih Erli Hasim-Nurhayati nomor 3!", p="facebook", race="pilkada", reg="1109", g=["pilkada"])
E(P, "Pilgub Sumut: pilih Edy-Hasan nomor 2, Sumut bermartabat!", p="facebook", race="pilkada", reg="1271", g=["pilkada"])
E(P, "Kupang pu gubernur harus Melki! Su pasti menang 💙💙", p="tiktok", race="pilkada", reg="5371", g=["pilkada", "regional_language"])
E(P, "Bu Risma-Gus Hans no 3 kanggo Jatim sing luwih adil", p="facebook", race="pilkada", reg="3509", g=["pilkada", "regional_language"])
# comments and replies on ordinary posts
E(P, "setuju bgt, makanya 02 aja", p="facebook", a="comment", g=["pilpres", "slang", "coded_reference"], target=("fb:5550001", None, "Grup Info Cimahi"))
E(P, "makanya tgl 14 nanti pilih Anies, biar berubah semua", p="facebook", a="comment", g=["pilpres"], target=("fb:5550002", None, "Warta Kota Bandung"))
E(P, "bener pak, Ganjar-Mahfud paling cocok. 3 ya!", p="x", a="reply", g=["pilpres"], target=("x:5550003", "@warga_bdg", "Warga Bandung"))
E(P, "pokok e Mas Gibran, wong Solo bangga 02 ✌️", p="x", a="reply", g=["pilpres", "regional_language"], target=("x:5550004", "@solo_update", "Solo Update"))
# repost with text (quote)
E([P, ENG], "Ini baru presiden! Coblos 02 😍", p="x", a="repost", target=PRABOWO_X, g=["pilpres"], ok=[SHARE])
E([P, ENG], "AMIN menang! share sebanyak2nya", p="x", a="repost", target=TIMNAS, g=["pilpres"], ok=[SHARE])

# ---------------------------------------------------------------- campaign material
S = SHARE
STK_02 = "ea47e0414fe1e275e6e06c05a82ab1a1f297e8b315f1483c62dad3b00a6e03d5"
FLY_01 = "8ffce95f0441d05cf1e393d52e6b5e6cf8d47d8bbe833446d8c708d78c66de87"
STK_03 = "f5c196fac8ac9846933075b7307a213dbcab07599808b87fd18a9a47a4d69b23"
VID_GER = "9691a517e5fe81832b70e6cc5ee53e61517872ac8a46fcc0dfbea5be0efb4158"
STK_01 = "ac3b3ffb700cfc2310fa62c9ba87427325ffb6120b10a0deeaa30a9c4217a30f"
WA_KANTOR = ("wa-grp-8801", "Staf Kecamatan Coblong")
WA_GURU = ("wa-grp-8802", "Guru SDN 250 Bandung")
WA_KEL = ("wa-grp-8803", "Keluarga Besar Bani Sastro")
WA_RT = ("wa-grp-8804", "Warga RT 03 RW 07")
# known hashes (campaign-media registry)
E(S, p="whatsapp", a="sticker_share", media=[img(sha=STK_02, kind="sticker")], group=WA_KANTOR, g=["pilpres"], note="known sticker into an office group")
E(S, p="whatsapp", a="sticker_share", media=[img(sha=STK_03, kind="sticker")], group=WA_GURU, g=["pilpres"])
E(S, p="whatsapp", a="sticker_share", media=[img(sha=STK_01, kind="sticker")], group=WA_KEL, g=["pilpres"])
E(S, "🤣🤣", p="whatsapp", a="sticker_share", media=[img(sha=STK_02, kind="sticker")], group=WA_RT, g=["pilpres"], ph="quiet")
E(S, p="facebook", a="share", media=[img(sha=FLY_01)], g=["pilpres"])
E(S, "ini flyernya ya", p="whatsapp", a="share", media=[img(sha=FLY_01)], group=WA_KEL, g=["pilpres", "slang"])
E(S, p="tiktok", a="repost", media=[img(sha=VID_GER, kind="video")], race="pileg", g=["pileg"])
E(S, "mantap videonya", p="facebook", a="share", media=[img(sha=VID_GER, kind="video")], race="pileg", g=["pileg"])
E(S, p="instagram", a="story", media=[img(sha=STK_03)], g=["pilpres"])
# captions / OCR naming an entity with a number, phrase, hashtag or gesture (unknown hashes)
E(S, p="whatsapp", a="share", group=WA_KANTOR, g=["pilpres"], media=[img(ocr="COBLOS NO 2 PRABOWO GIBRAN 14 FEBRUARI 2024 INDONESIA MAJU", sha="1" * 64)], ok=["mobilize_colleagues"])
E(S, p="whatsapp", a="sticker_share", group=WA_GURU, g=["pilpres", "coded_reference"], media=[img(ocr="AMIN ☝️ PERUBAHAN", sha="2" * 64, kind="sticker")])
E(S, p="whatsapp", a="sticker_share", group=WA_RT, g=["pilpres", "regional_language"], media=[img(ocr="Nyoblos Ganjar Mahfud ojo lali 3", sha="3" * 64, kind="sticker")], ok=["mobilize_colleagues"])
E(S, "Visi misi lengkap, silakan dibaca 🙏", p="whatsapp", a="share", group=WA_KEL, g=["pilpres"], media=[img(caption="Visi Misi Anies-Muhaimin 2024-2029", ocr="VISI: INDONESIA ADIL MAKMUR UNTUK SEMUA. PASANGAN CAPRES-CAWAPRES NOMOR URUT 1", sha="4" * 64)])
E(S, p="facebook", a="share", g=["pilpres"], media=[img(caption="Program makan siang gratis Prabowo-Gibran, coblos 02!", kind="video", sha="5" * 64)])
E(S, p="tiktok", a="repost", g=["pilpres", "slang"], media=[img(caption="pov: km pilih 03 krn sat set 🤟 #ganjarmahfud", kind="video", sha="6" * 64)])
E(S, p="instagram", a="story", g=["pilpres", "unicode"], media=[img(ocr="𝗣𝗜𝗟𝗜𝗛 𝗣𝗥𝗔𝗕𝗢𝗪𝗢 𝗚𝗜𝗕𝗥𝗔𝗡 𝗡𝗢 𝟬𝟮", sha="7" * 64)], ok=[P])
E(S, "sebarkan!", p="whatsapp", a="share", group=WA_RT, race="pileg", g=["pileg"], media=[img(ocr="CALEG DPRD KOTA BANDUNG DAPIL 3 PARTAI GERINDRA NO URUT 5 MOHON DOA DAN DUKUNGANNYA", sha="8" * 64)])
E(S, p="whatsapp", a="share", group=WA_KEL, race="pileg", g=["pileg"], media=[img(ocr="PDI PERJUANGAN COBLOS NO 3 JUNICO SIAHAAN DPR RI JABAR 1", sha="9" * 64)], ok=["mobilize_colleagues"])
E(S, p="facebook", a="share", race="pilkada", reg="3201", g=["pilkada", "regional_language"], media=[img(caption="Dedi Mulyadi - Erwan Setiawan nomor 4, Jabar Istimewa! Pilih KDM", sha="a" * 64)])
E(S, p="whatsapp", a="sticker_share", group=WA_KANTOR, race="pilkada", reg="3171", g=["pilkada", "coded_reference"], media=[img(ocr="RIDO NO 1 JAKARTA BARU", sha="b" * 64, kind="sticker")])
E(S, p="whatsapp", a="share", group=WA_RT, race="pilkada", reg="3509", g=["pilkada"], media=[img(ocr="KHOFIFAH EMIL LANJUTKAN! NO 2 PILGUB JATIM 27 NOV", sha="c" * 64)])
E(S, p="facebook", a="share", race="pilkada", reg="5371", g=["pilkada"], media=[img(caption="Melki-Johni paket lengkap, Nomor 2 NTT Bangkit!", kind="video", sha="d" * 64)])
E(S, p="whatsapp", a="share", group=WA_GURU, race="pilkada", reg="3273", g=["pilkada"], media=[img(ocr="FARHAN ERWIN NO 3 PILWALKOT BANDUNG. BANDUNG UTAMA", sha="e" * 64)])
E(S, p="instagram", a="story", race="pilkada", reg="3374", g=["pilkada"], media=[img(ocr="Andika - Hendi 01 Jateng Tambah Maju", sha="f" * 64)])
E(S, p="tiktok", a="repost", race="pilkada", reg="1271", g=["pilkada", "slang"], media=[img(caption="Bobby Surya nomor 1, Sumut gass 🔥", kind="video", sha="0a" * 32)])
E(S, p="whatsapp", a="sticker_share", group=WA_KEL, g=["pilpres", "coded_reference"], media=[img(ocr="GEMOY 02 ✌️", kind="sticker", sha="0b" * 32)])
E(S, p="whatsapp", a="sticker_share", group=WA_GURU, g=["pilpres", "coded_reference"], media=[img(ocr="Salam 4 Jari 😅 ✌️+🤟", kind="sticker", sha="0c" * 32)], note="the 'salam 4 jari' joint 02+03 meme: still campaign material")
E(S, "Info penting bapak ibu", p="whatsapp", a="share", group=WA_KANTOR, g=["pilpres", "hate_hoax"], ok=["election_hoax_hate", "mobilize_colleagues"], media=[img(ocr="PILIH 02! JANGAN PILIH ANTEK ASING 01", sha="0d" * 32)])
E(S, p="x", a="repost", g=["pilpres"], ok=[POST], media=[img(caption="Ganjar-Mahfud 03 Menang Total", sha="0e" * 32)])
E(S, "wkwk lucu bgt", p="whatsapp", a="sticker_share", group=WA_RT, g=["pilpres", "slang"], media=[img(ocr="Anies Imin ☝️ AMIN", kind="sticker", sha="0f" * 32)])
E(S, p="facebook", a="share", race="pileg", g=["pileg"], media=[img(caption="Coblos PKB nomor 1! Kader santri untuk DPR", kind="video", sha="1a" * 32)])
E(S, p="whatsapp", a="share", group=WA_KEL, race="pilkada", reg="5171", g=["pilkada", "regional_language"], media=[img(ocr="KOSTER - GIRI NOMOR 2 BALI ERA BARU. ASTUNGKARA", sha="1b" * 32)])
E(S, p="whatsapp", a="share", group=WA_RT, race="pilkada", reg="7371", g=["pilkada"], media=[img(ocr="Pilih Appi-Aliyah (MULIA) No. 1 Makassar", sha="1c" * 32)])
E(S, "Dari grup sebelah 👇", p="whatsapp", a="share", group=WA_KANTOR, g=["pilpres", "exception_gaming"], media=[img(ocr="Coblos Prabowo Gibran No 2 Sekali Putaran", sha="1d" * 32)], ok=["mobilize_colleagues"])
# negatives: material that is news, KPU information or a debunk; non-ASN sharing stickers
E(NONE, "Simulasi surat suara dari KPU, biar nggak bingung pas di TPS", p="whatsapp", a="share", group=WA_KEL, g=["hard_negative", "pilpres"], media=[img(ocr="SPESIMEN SURAT SUARA PILPRES 2024 NO 1 ANIES-MUHAIMIN NO 2 PRABOWO-GIBRAN NO 3 GANJAR-MAHFUD", sha="2a" * 32)], note="official KPU specimen: all three pairs, no support")
E(NONE, "Cek fakta ya bapak ibu, gambar ini hoaks", p="whatsapp", a="share", group=WA_KANTOR, g=["hard_negative", "pilpres"], media=[img(ocr="[HOAKS] Surat suara sudah dicoblos nomor 2 di Malaysia. Penjelasan: KPU menyatakan...", sha="2b" * 32)])
E(NONE, p="whatsapp", a="sticker_share", group=WA_RT, g=["hard_negative"], media=[img(ocr="Selamat Hari Guru 🙏", kind="sticker", sha="2c" * 32)])
E(NONE, p="whatsapp", a="sticker_share", group=WA_KEL, g=["hard_negative"], media=[img(ocr="Mantul ✌️ Peace", kind="sticker", sha="2d" * 32)])
E(NONE, "Jadwal debat capres dari KPU", p="facebook", a="share", g=["hard_negative", "pilpres"], media=[img(ocr="Debat Kelima Capres 4 Februari 2024, JCC Senayan, disiarkan TVRI", sha="2e" * 32)])
E(NONE, p="whatsapp", a="sticker_share", group=("wa-grp-9901", "Keluarga Pak Haji"), who="nonasn", g=["non_asn", "pilpres"], media=[img(sha=STK_02, kind="sticker")])
E(NONE, "sebarkan!", p="whatsapp", a="share", group=("wa-grp-9902", "Relawan Kecamatan"), who="nonasn", g=["non_asn", "pilpres"], media=[img(ocr="COBLOS NO 1 AMIN PERUBAHAN", sha="2f" * 32)])
E(NONE, p="facebook", a="share", who="nonasn", race="pilkada", g=["non_asn", "pilkada"], media=[img(caption="Dedi Mulyadi - Erwan nomor 4, Jabar Istimewa!", sha="3a" * 32)])

# ---------------------------------------------------------------- photos
F = PHOTO
def pic(caption=None):
    return [img(caption=caption, sha=f"{rng.getrandbits(256):064x}")]
E(F, "Alhamdulillah bisa foto bareng Pak Prabowo 😍", p="instagram", a="photo_upload", media=pic(), g=["pilpres"])
E(F, "Ketemu Mas Gibran di Solo, orangnya ramah bgt 🥰", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "slang"])
E(F, "Selfie sama Pak Anies, mimpi apa semalem", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "slang"])
E(F, "Bareng Pak Ganjar pas mampir ke Purwokerto 🤟", p="facebook", a="photo_upload", media=pic(), g=["pilpres", "coded_reference"])
E(F, "Salam 2 jari dari Dinas 😁✌️", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "coded_reference"], note="partisan gesture at the office")
E(F, "Pose ☝️ bareng temen2 kantor, perubahan!", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "coded_reference", "slang"])
E(F, "kompak 3 jari sekantor 🤟🤟 #ganjarmahfud", p="tiktok", a="post", media=[img(kind="video", sha="4a" * 32)], g=["pilpres", "coded_reference"], ok=[POST])
E(F, p="instagram", a="photo_upload", target=PRABOWO_IG, media=pic(), g=["pilpres"], note="tagged candidate account, no text")
E(F, p="instagram", a="photo_upload", target=ANIES_IG, media=pic(), g=["pilpres"], note="tagged candidate account, no text")
E(F, p="instagram", a="photo_upload", target=GANJAR_IG, media=pic(), g=["pilpres"])
E(F, "Rejeki anak sholeh 🙏", p="instagram", a="photo_upload", target=DEDI_IG, race="pilkada", media=pic(), g=["pilkada", "unregistered_target"])
E(F, "Sama calon gubernur kita 😍", p="instagram", a="photo_upload", target=KHOF_IG, race="pilkada", media=pic(), g=["pilkada", "unregistered_target"])
E(F, "Foto bareng Kang Emil, calon gubernur DKI 👍 RIDO!", p="instagram", a="photo_upload", race="pilkada", reg="3171", media=pic(), g=["pilkada", "coded_reference"])
E(F, "Poto jeung Kang Dedi Mulyadi, asli baik pisan 🙏", p="facebook", a="photo_upload", race="pilkada", reg="3201", media=pic(), g=["pilkada", "regional_language"])
E(F, "Pake kaos Prabowo-Gibran ke kondangan, siapa takut 😎", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "slang"])
E(F, "Rompi biru AMIN udah dateng 💙 siap dipake", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "coded_reference"])
E(F, "Topi Ganjar-Mahfud dr relawan, makasih 🙏", p="facebook", a="photo_upload", media=pic(), g=["pilpres"])
E(F, "Bendera Gerindra sudah terpasang di depan rumah 🇮🇩", p="facebook", a="photo_upload", race="pileg", media=pic(), g=["pileg"])
E(F, "Kaos merah banteng kebanggaan 🐃 Merdeka!", p="instagram", a="photo_upload", race="pileg", media=pic(), g=["pileg", "coded_reference"])
E(F, "Sama bu Risma, calon gubernur Jatim nomor 3 🙏", p="facebook", a="photo_upload", race="pilkada", reg="3509", media=pic(), g=["pilkada"])
E(F, "wefie bareng mas Pram & bang Doel 📸", p="instagram", a="photo_upload", race="pilkada", reg="3175", media=pic(), g=["pilkada", "coded_reference"])
E(F, "Bareng Pak Bobby di Lapangan Merdeka, sukses Pak!", p="instagram", a="photo_upload", race="pilkada", reg="1271", media=pic(), g=["pilkada"])
E(F, "Sareng Pak Luthfi, mugi-mugi sukses 🙏", p="facebook", a="photo_upload", race="pilkada", reg="3301", media=pic(), g=["pilkada", "regional_language"])
E(F, "Dengan Bapak Melki Laka Lena, calon gubernur NTT", p="facebook", a="photo_upload", race="pilkada", reg="5371", media=pic(), g=["pilkada"])
E(F, p="instagram", a="post", media=[img(caption="bareng pak prabowo ✌️", sha="4b" * 32)], g=["pilpres", "slang"], note="caption only", ok=[P, S])
E(F, p="instagram", a="story", media=[img(caption="Sama Cak Imin di acara PKB 😄", sha="4c" * 32)], g=["pilpres"])
E(F, "𝑭𝒐𝒕𝒐 𝒃𝒂𝒓𝒆𝒏𝒈 𝑷𝒂𝒌 𝑨𝒏𝒊𝒆𝒔", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "unicode"])
E(F, "Brg Pak Prаbоwо ✌️", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "unicode", "slang"], note="Cyrillic а/о")
E(F, "Tiga jari bersama Ganjar, #netralitas tetap dijaga kok 😁", p="instagram", a="photo_upload", media=pic(), g=["pilpres", "exception_gaming", "coded_reference"])
E(F, "Foto bersama Pak Anies. Sumber: dokumentasi pribadi", p="facebook", a="photo_upload", media=pic(), g=["pilpres", "exception_gaming"])
E(F, "Sama Pak Koster di Renon, rahajeng 🙏", p="instagram", a="photo_upload", race="pilkada", reg="5171", media=pic(), g=["pilkada", "regional_language"])
E(F, "Mas Gibran mampir ke sekolah kami (sebagai cawapres) 📸", p="facebook", a="photo_upload", media=pic(), g=["pilpres"])
# negatives: photos with officials doing their job, friends named like candidates, non-ASN
E(NONE, "Kunjungan kerja Pak Gubernur ke SD kami, terima kasih Pak 🙏", p="facebook", a="photo_upload", race="pilkada", ph="pre", media=pic(), g=["hard_negative"], note="official visit, no candidate or campaign context")
E(NONE, "Foto bareng Pak Anies (tetangga, bukan yang itu 😂) abis ronda", p="instagram", a="photo_upload", media=pic(), g=["hard_negative", "pilpres"], note="a namesake")
E(NONE, "Peace ✌️ sama bocil2 di taman", p="instagram", a="photo_upload", media=pic(), g=["hard_negative", "slang"])
E(NONE, "Selfie bareng anggota KPPS TPS 05 sebelum pemungutan suara dimulai", p="instagram", a="photo_upload", ph="voting", media=pic(), g=["hard_negative", "pilpres"])
E(NONE, "Sudah nyoblos ✅ jari ungu, jangan golput ya", p="instagram", a="photo_upload", ph="voting", media=pic(), g=["hard_negative", "pilpres"])
E(NONE, "Foto bareng Pak Prabowo ✌️ salam 2 jari", p="instagram", a="photo_upload", media=pic(), who="nonasn", g=["non_asn", "pilpres"])
E(NONE, "Sama Kang Dedi 😍", p="instagram", a="photo_upload", media=pic(), target=DEDI_IG, race="pilkada", who="nonasn", g=["non_asn", "pilkada"])

# ---------------------------------------------------------------- campaign events
V = EVENT
E(V, "Alhamdulillah hadir di kampanye akbar Prabowo-Gibran di GBK 🔥✌️", p="instagram", a="photo_upload", media=pic(), g=["pilpres"], ok=[PHOTO, POST])
E(V, "Ikut deklarasi relawan AMIN Kota Bandung tadi malam, merinding 🥹", p="facebook", a="post", g=["pilpres"], ok=[POST])
E(V, "Saya hadir di rapat umum Ganjar-Mahfud di Simpang Lima. Lautan hitam merah!", p="facebook", a="post", g=["pilpres"], ok=[POST])
E(V, "Td ikutan konsolidasi pemenangan 02 tingkat kecamatan, siap menang!", p="facebook", a="post", g=["pilpres", "slang", "coded_reference"], ok=[POST, "campaign_team_role"])
E(V, "Malem ini nongkrong di posko Anies, rame euy 😁", p="instagram", a="story", g=["pilpres", "slang", "regional_language"], ok=[POST])
E(V, "Nonton bareng debat capres di posko relawan Ganjar, seru!", p="facebook", a="post", g=["pilpres"], ok=[POST])
E(V, "Kemarin ikut blusukan sama Mas Gibran di pasar, beliau nyapa semua pedagang", p="x", a="post", g=["pilpres"], ok=[POST, PHOTO])
E(V, "Desak Anies di kampus tadi full banget, aku dapet kursi depan 😍", p="x", a="post", g=["pilpres", "coded_reference"], ok=[POST])
E(V, "Hadir di acara Tabrak Prof bersama Pak Mahfud, mencerahkan", p="x", a="post", g=["pilpres", "coded_reference"], ok=[POST])
E(V, "Ngikut pawai kemenangan AMIN keliling kota, macet tapi seneng 🚗💨", p="tiktok", a="post", media=[img(kind="video", sha="5a" * 32)], g=["pilpres", "slang"], ok=[POST, PHOTO])
E(V, "Jalan sehat bareng relawan Prabowo-Gibran minggu pagi ✌️ sehat & menang", p="instagram", a="photo_upload", media=pic(), g=["pilpres"], ok=[PHOTO, POST])
E(V, "Apel siaga relawan Ganjar se-Jateng, saya hadir mewakili dulur Banyumas 🤟", p="facebook", a="post", g=["pilpres", "regional_language"], ok=[POST, "campaign_team_role"])
E(V, "Wis teko kampanye akbar Pak Ganjar neng Solo, rame pol!", p="facebook", a="post", g=["pilpres", "regional_language"], ok=[POST])
E(V, "Tos dongkap ka kampanye Kang Dedi di alun-alun, rame pisan", p="facebook", a="post", race="pilkada", reg="3201", g=["pilkada", "regional_language"], ok=[POST])
E(V, "Hadir di deklarasi dukungan untuk RIDO di Jakarta Selatan 💪", p="instagram", a="photo_upload", media=pic(), race="pilkada", reg="3171", g=["pilkada", "coded_reference"], ok=[PHOTO, POST])
E(V, "Kampanye terbuka Khofifah-Emil di Jember, aku melu rek 😁", p="facebook", a="post", race="pilkada", reg="3509", g=["pilkada", "regional_language"], ok=[POST])
E(V, "Dari tadi pagi di lokasi kampanye Luthfi-Yasin, mantap!", p="instagram", a="story", race="pilkada", reg="3301", g=["pilkada"], ok=[POST])
E(V, "Kami keluarga besar hadir di konser kampanye Pramono-Rano semalam 🎤", p="instagram", a="photo_upload", media=pic(), race="pilkada", reg="3175", g=["pilkada"], ok=[PHOTO, POST])
E(V, "Ikut temu relawan Bobby-Surya di Medan, horas!", p="facebook", a="post", race="pilkada", reg="1271", g=["pilkada"], ok=[POST])
E(V, "Beta deng keluarga datang ke kampanye Melki-Johni di Kupang, katong semua hadir 💙", p="facebook", a="post", race="pilkada", reg="5371", g=["pilkada", "regional_language"], ok=[POST])
E(V, "Simakrama Koster-Giri di Denpasar, tiang rauh 🙏", p="facebook", a="post", race="pilkada", reg="5171", g=["pilkada", "regional_language"], ok=[POST])
E(V, "Datang ke kampanye dialogis caleg Gerindra di balai desa, dapet kaos wkwk", p="facebook", a="post", race="pileg", g=["pileg", "slang"], ok=[POST])
E(V, "Hadir dalam konsolidasi PDI Perjuangan Kota Semarang, Merdeka!", p="facebook", a="post", race="pileg", reg="3374", g=["pileg"], ok=[POST, "party_membership"])
E(V, "Ikut kampanye PKS di lapangan, bawa anak istri 🙏", p="facebook", a="post", race="pileg", g=["pileg"], ok=[POST])
E(V, "ɪᴋᴜᴛ ᴋᴀᴍᴘᴀɴʏᴇ ᴀᴋʙᴀʀ ᴀᴍɪɴ ᴅɪ ᴊɪs, ᴘᴇʀᴜʙᴀʜᴀɴ!", p="instagram", a="story", g=["pilpres", "unicode"], ok=[POST])
E(V, "Hadir di kampanye akbar 02 tp tetap #ASNNetral ya 😆", p="instagram", a="story", g=["pilpres", "exception_gaming", "coded_reference"], ok=[POST])
E(V, "Sumber foto: dokumentasi pribadi. Hadir di deklarasi Anies-Imin Jabar", p="facebook", a="photo_upload", media=pic(), g=["pilpres", "exception_gaming"], ok=[PHOTO, POST])
E(V, "Otw GBK, kampanye pamungkas! 🔥 gw dateng 02", p="x", a="post", ph="campaign", g=["pilpres", "slang", "coded_reference"], ok=[POST])
E(V, "Ngaronda ka posko Farhan-Erwin, bari ngopi 😁", p="instagram", a="story", race="pilkada", reg="3273", g=["pilkada", "regional_language"], ok=[POST])
E(V, "Hadir sebagai undangan di deklarasi Andika-Hendi, semoga amanah", p="facebook", a="post", race="pilkada", reg="3374", g=["pilkada"], ok=[POST])

# ---------------------------------------------------------------- hard negatives (text)
def N(text, g, **kw):
    E(NONE, text, g=["hard_negative"] + g, **kw)
# news and quotes
N("KPU menetapkan tiga pasangan capres-cawapres: Anies-Muhaimin nomor 1, Prabowo-Gibran nomor 2, Ganjar-Mahfud nomor 3.", ["pilpres"], p="x", ph="post")
N("Berita: Prabowo-Gibran unggul di hitung cepat sejumlah lembaga survei (dikutip dari Kompas.com)", ["pilpres"], p="facebook", ph="voting")
N("Golkar dalam rilisnya menyebut 'kami optimis menang di Jawa Barat', kata Sekjen partai kepada wartawan", ["pileg"], p="x", race="pileg", note="party name in a news quote")
N("Survei LSI: elektabilitas Ganjar turun, Anies naik tipis. Sumber: detik.com", ["pilpres"], p="x")
N("Debat ketiga malam ini: Anies, Prabowo, Ganjar adu gagasan soal pertahanan. Nonton di TV ya", ["pilpres"], p="facebook")
N("Menurut KPU Jabar, Pilgub 2024 diikuti empat paslon. Nomor urut 1 sampai 4 sudah diundi kemarin.", ["pilkada"], p="facebook", race="pilkada", ph="post")
N("Melki Laka Lena maju sebagai calon gubernur NTT, berpasangan dengan Johni Asadoma (berita)", ["pilkada"], p="facebook", race="pilkada", ph="pre", reg="5371")
N("Hasil rekapitulasi KPU Kota Surabaya: pasangan Eri-Armuji melawan kotak kosong meraih 81%.", ["pilkada"], p="x", race="pilkada", ph="voting", reg="3578")
N("Anies mengatakan, 'perubahan harus dimulai dari desa'. Dikutip dari pidato di Makassar kemarin.", ["pilpres"], p="x")
N("Breaking: Bawaslu temukan 400 ASN diduga langgar netralitas selama masa kampanye", ["pilpres"], p="x")
# debunks and fact checks
N("HOAKS! Beredar video surat suara sudah tercoblos nomor 2. KPU pastikan itu tidak benar. Jangan disebar ya", ["pilpres", "hate_hoax"], p="whatsapp", a="post")
N("[CEK FAKTA] Foto Ganjar pakai kaos partai lain itu editan. Sumber: turnbackhoax.id", ["pilpres", "hate_hoax"], p="facebook")
N("Klarifikasi: tidak benar Anies akan mundur dari pencalonan. Itu hoaks lama yang diedit.", ["pilpres", "hate_hoax"], p="x")
N("Info dari Diskominfo: pesan berantai 'kotak suara Pilkada sudah diisi' adalah hoaks, jangan diteruskan 🙏", ["pilkada", "hate_hoax"], p="whatsapp", race="pilkada")
# neutrality reminders, including ones that quote the rules
N("Pengingat untuk rekan ASN: dilarang like, share, komentar pada akun paslon. Jaga netralitas!", ["pilpres"], p="whatsapp", a="post")
N("ASN wajib netral. Jangan ikut kampanye, jangan foto pose jari, jangan pasang stiker paslon di WA.", ["pilpres"], p="facebook")
N("Sesuai SKB 5 menteri, ASN dilarang memberikan dukungan kepada calon kepala daerah. Mari jaga netralitas pada Pilkada 27 November.", ["pilkada"], p="facebook", race="pilkada")
N("#ASNNetral #NetralitasASN Kami siap menjaga netralitas di Pemilu 2024", ["pilpres"], p="instagram", a="post")
N("Apel netralitas ASN Pemkot Semarang pagi ini, semua pegawai menandatangani pakta integritas", ["pilkada"], p="facebook", race="pilkada", reg="3374")
N("Guru harus netral ya, di kelas jangan bahas 01 02 03. Ajarkan anak-anak soal demokrasi saja.", ["pilpres", "coded_reference"], p="facebook")
# negated and reported acts
N("Saya tidak ikut kampanye manapun, saya ASN. Tolong jangan tag saya di foto paslon.", ["pilpres", "negated_reported"], p="facebook")
N("Katanya pak camat ikut kampanye 02 kemarin, tolong ditindak @bawaslu_ri", ["pilpres", "negated_reported"], p="x", note="reporting someone else")
N("Gak pernah gw pasang stiker paslon di grup kantor, itu fitnah", ["pilpres", "negated_reported", "slang"], p="x")
N("Lapor Bawaslu: ada kepala sekolah di Cimahi foto pose dua jari bareng caleg. Mohon diproses.", ["pilpres", "negated_reported"], p="x")
N("Saya bukan relawan Ganjar, cuma kebetulan foto di acara nikahan teman.", ["pilpres", "negated_reported"], p="facebook")
N("Jangan pilih karena sembako, pilih karena program. Siapa pun pilihannya, datang ke TPS.", ["pilpres", "negated_reported"], p="facebook", ph="quiet")
N("Tidak benar saya hadir di deklarasi relawan Dedi Mulyadi. Yang di foto itu adik saya.", ["pilkada", "negated_reported"], p="facebook", race="pilkada", reg="3201")
N("Ada yang lihat guru SD ikut konvoi kampanye Bobby kemarin? Katanya sudah dilaporkan ke Bawaslu Medan", ["pilkada", "negated_reported"], p="facebook", race="pilkada", reg="1271")
# prayers
N("Semoga pemilu 2024 berjalan damai, siapapun presidennya kita tetap saudara. Aamiin 🤲", ["pilpres"], p="facebook")
N("Ya Allah lindungilah negeri ini dari perpecahan. Amin ya rabbal alamin", ["pilpres", "coded_reference"], p="facebook", note="'Amin' the prayer word, not the AMIN pair")
N("aamiin, semoga berkah buat semua 🙏", ["slang"], p="instagram", a="comment", target=("ig:5550009", "@temen_kantor", "Rina"))
N("Doa terbaik untuk petugas KPPS yang sakit. Semoga lekas sembuh, amin.", ["pilpres"], p="facebook", ph="voting")
N("Ganjaran pahala bagi yang sabar menanti 🤲 semoga ujian ini cepat berlalu", ["coded_reference"], p="facebook", note="'ganjaran' is the reward word")
# everyday numbers and gestures
N("Kantor kami pindah ke lantai 2 gedung B ya bapak ibu", [], p="whatsapp", a="post")
N("Kamu tetap nomor 1 di hati aku 💕", ["slang"], p="instagram", a="story")
N("Juara 2 lomba 17an tingkat RT 🥈 alhamdulillah", [], p="facebook")
N("Antrian nomor 3 di poli gigi, sabar ya", ["slang"], p="x")
N("Promo beli 2 gratis 1, cuma hari ini!", [], p="facebook")
N("Peace ✌️ abis makan bakso dua mangkok", ["slang"], p="instagram", a="story")
N("Anak saya rangking 1 di kelas, alhamdulillah 🥹", [], p="facebook")
N("Jam 02.00 masih lembur laporan SPJ 😩", ["slang"], p="x")
N("Paslon tugas kelompok: aku sama Dinda nomor urut 2 presentasi besok wkwk", ["slang", "coded_reference"], p="x", note="'paslon' as a joke about a school pair")
N("Tiga jari tiga kali sehari, minum obatnya jangan lupa ya pak 😄", ["coded_reference"], p="facebook")
N("Selamat hari ulang tahun yang ke-2 anakku sayang ✌️🎂", [], p="instagram", a="post")
N("Nomor 01 sampai 03 silakan maju ke depan untuk ambil rapor", ["coded_reference"], p="whatsapp", a="post")
N("Bus nomor 2 jurusan Leuwipanjang udah jalan lagi belum?", ["slang"], p="x")
# party and candidate names as ordinary words
N("Gerindra? no lah, aku mah ga ngurusin politik, urusan dapur aja udah pusing", ["pileg", "slang"], p="x", note="party name rejected, no support")
N("Sikap demokrat itu penting dalam rapat: dengarkan semua pendapat", [], p="facebook", note="'demokrat' as an adjective")
N("Pohon beringin di alun-alun tumbang kena angin, hati-hati lewat sana", [], p="facebook")
N("Banteng lepas di pasar hewan pagi tadi, warga sempat panik 🐃", [], p="facebook")
N("Ini baru namanya perubahan: jalan di depan kantor akhirnya diaspal", [], p="facebook")
N("Matahari terbit di Bromo, indah banget 🌅", [], p="instagram", a="photo_upload", media=[img(sha="6a" * 32)])
N("Ganjar dalam bahasa Jawa artinya hadiah. Kosakata hari ini untuk murid kelas 4", ["regional_language"], p="facebook")
N("Kerja keras berbuah manis, gemoy banget kucingku sekarang 🐱", ["slang"], p="instagram", a="photo_upload", media=[img(sha="6b" * 32)])
N("Indonesia Maju! Selamat HUT RI ke-79 🇮🇩", [], p="instagram", a="story", race="pilkada")
N("Garuda di dadaku! Timnas menang 2-0 ⚽", ["slang"], p="x")
N("Pertama kali nonton Persija vs Persib bareng anak, seru banget 🔥", [], p="instagram", a="photo_upload", media=[img(sha="6c" * 32)])
N("PKB = Pajak Kendaraan Bermotor ya bapak ibu, bayar sebelum jatuh tempo", ["pileg"], p="whatsapp", a="post", note="PKB the vehicle tax")
N("Nasi kotak acara rapat dinas sudah datang, silakan diambil", [], p="whatsapp", a="post")
N("Hari ini kami hadir di kampanye imunisasi polio di Puskesmas Tegalsari 💉", [], p="facebook", note="a health campaign, not an election campaign")
N("Ikut deklarasi anti narkoba bersama siswa-siswi SMPN 99 Bandung", [], p="instagram", a="photo_upload", media=[img(sha="6d" * 32)])
N("Blusukan ke pasar cari bahan masakan bareng ibu, ramai banget", [], p="instagram", a="story")
N("Foto bareng Pak Kapolres waktu sosialisasi tertib lalu lintas di sekolah", [], p="facebook", a="photo_upload", media=[img(sha="6e" * 32)])
N("Rapat umum pemegang saham koperasi pegawai, kami hadir semua", [], p="facebook")
# election workers (KPPS, PPK, PPS, Panwas) doing their job
N("Alhamdulillah bimtek KPPS TPS 12 selesai. Besok kita siapkan TPS dari jam 5 pagi", ["pilpres"], p="facebook", ph="quiet")
N("Rekapitulasi tingkat PPK Coblong selesai jam 3 pagi. Suara 01, 02, 03 sudah dihitung sesuai C1", ["pilpres", "coded_reference"], p="facebook", ph="voting")
N("Petugas PPS membagikan surat undangan memilih (C6) ke rumah warga. Jangan lupa bawa KTP ke TPS!", ["pilpres"], p="facebook", ph="quiet")
N("Sebagai PPK kami pastikan logistik surat suara Pilkada sampai ke semua desa sebelum 26 November", ["pilkada"], p="facebook", race="pilkada", ph="quiet")
N("Hitung suara di TPS kami: paslon 1 dapat 120, paslon 2 dapat 98, paslon 3 dapat 41. Terima kasih saksi semua", ["pilpres", "coded_reference"], p="whatsapp", a="post", ph="voting", note="a KPPS member posting the count")
N("Pengawas TPS (PTPS) siaga sejak subuh. Laporkan pelanggaran ke Panwascam ya", ["pilpres"], p="x", ph="voting")
N("Simulasi pencoblosan Pilwalkot Makassar di kelurahan kami: coblos satu kali pada gambar paslon, bukan di luar kotak", ["pilkada", "coded_reference"], p="facebook", race="pilkada", reg="7371")
N("KPPS TPS 7 siap! Pemilih yang belum dapat undangan bisa bawa KTP-el ya", ["pilkada"], p="instagram", a="photo_upload", race="pilkada", ph="voting", media=[img(sha="6f" * 32)])
# unicode/alay noise without campaign
N("𝓢𝓮𝓵𝓪𝓶𝓪𝓽 𝓹𝓪𝓰𝓲 𝓼𝓮𝓶𝓾𝓪 ☀️", ["unicode"], p="instagram", a="story")
N("ᴍᴀᴋᴀɴ sɪᴀɴɢ ᴅᴜʟᴜ ɢᴀᴇs", ["unicode", "slang"], p="x")
N("sm4ng4t p4g1 r3k4n2 gur00", ["unicode", "slang"], p="facebook")
N("Ｈａｐｐｙ　ｗｅｅｋｅｎｄ", ["unicode"], p="x")

# ---------------------------------------------------------------- non-ASN actors, clear campaign content
def X(text, g, **kw):
    E(NONE, text, who="nonasn", g=["non_asn"] + g, **kw)
X("Coblos 02, menang satu putaran! Prabowo-Gibran", ["pilpres"], p="x")
X("Pilih AMIN 14 Februari! ☝️", ["pilpres"], p="facebook")
X("Ganjar-Mahfud sat set! Coblos 3 🤟", ["pilpres"], p="tiktok")
X("pilihan gw udah bulet, 02 aja", ["pilpres", "slang"], p="x")
X("Mangga dipilih nomer hiji, Anies-Muhaimin", ["pilpres", "regional_language"], p="facebook")
X("NTT butuh Melki-Johni, coblos 2!", ["pilkada"], p="facebook", race="pilkada")
X("Jabar istimewa, KDM nomor 4!", ["pilkada", "coded_reference"], p="facebook", race="pilkada")
X("RIDO nomor 1 untuk Jakarta 🔥", ["pilkada", "coded_reference"], p="instagram", a="story", race="pilkada")
X("Coblos Gerindra nomor 2 untuk DPR RI!", ["pileg"], p="facebook", race="pileg")
X("Alhamdulillah hadir di kampanye akbar Prabowo-Gibran di GBK ✌️", ["pilpres"], p="instagram", a="photo_upload", media=[img(sha="7a" * 32)])
X("Ikut deklarasi relawan AMIN Kota Bandung tadi malam", ["pilpres"], p="facebook")
X("Foto bareng Pak Anies 😍 perubahan!", ["pilpres"], p="instagram", a="photo_upload", media=[img(sha="7b" * 32)])
X("𝐂𝐨𝐛𝐥𝐨𝐬 𝟎𝟐 𝐏𝐫𝐚𝐛𝐨𝐰𝐨-𝐆𝐢𝐛𝐫𝐚𝐧", ["pilpres", "unicode"], p="facebook")
X("Jatim tetep Khofifah-Emil, nomer 2 rek!", ["pilkada", "regional_language"], p="facebook", race="pilkada")
X("Vote for Ganjar Mahfud, no debat!", ["pilpres", "slang"], p="x")
X("Hadir di konsolidasi PDI Perjuangan, Merdeka!", ["pileg"], p="facebook", race="pileg")
X("Kaos Prabowo-Gibran baru dateng 😎", ["pilpres"], p="instagram", a="photo_upload", media=[img(sha="7c" * 32)])
X("Paslon loro wae lur, Prabowo-Gibran", ["pilpres", "regional_language"], p="facebook")
X("Bandung butuh Farhan-Erwin, nomor 3!", ["pilkada"], p="instagram", a="story", race="pilkada")
X("Coblos 02! #netralitas", ["pilpres", "exception_gaming"], p="x")
X("Dukung Bobby-Surya nomor 1 Sumut!", ["pilkada"], p="facebook", race="pilkada")
X("Tiga jari bareng relawan Ganjar 🤟", ["pilpres"], p="instagram", a="photo_upload", media=[img(sha="7d" * 32)])
X("Sahabat, 27 November coblos Koster-Giri nomor 2 🙏", ["pilkada"], p="facebook", race="pilkada")
X("Pilih PKS nomor 8!", ["pileg"], p="facebook", race="pileg")


# ---------------------------------------------------------------- YouTube, Threads, other platforms; profile bios
ANIES_YT = ("yt:UC8100000021", "@aniesbaswedan", "Anies Baswedan")
PRABOWO_YT = ("yt:UC8100000022", "@prabowosubianto", "Prabowo Subianto")
GANJAR_YT = ("yt:UC8100000023", "@ganjarpranowo", "Ganjar Pranowo")
KDM_YT = ("yt:UC8100000024", "@kangdedimulyadichannel", "KANG DEDI MULYADI CHANNEL")
E(ENG, p="youtube", a="like", target=ANIES_YT, g=["pilpres", "unregistered_target"])
E(ENG, p="youtube", a="follow", target=PRABOWO_YT, g=["pilpres", "unregistered_target"], note="subscribes to the candidate's channel")
E(ENG, "merinding dengernya pak, semoga jadi presiden 🤲", p="youtube", a="comment", target=GANJAR_YT, g=["pilpres", "unregistered_target"], ok=[POST])
E(ENG, "Kang Dedi mah juara, Jabar butuh pamingpin kieu", p="youtube", a="comment", target=KDM_YT, race="pilkada", reg="3201", g=["pilkada", "regional_language", "unregistered_target"], ok=[POST])
E(ENG, p="threads", a="like", target=("th:8100000025", "@prabowo", "Prabowo Subianto"), g=["pilpres", "unregistered_target"])
E(ENG, p="threads", a="follow", target=("th:8100000026", "@aniesbaswedan", "Anies Baswedan"), g=["pilpres", "unregistered_target"])
E(P, "threads gw isinya cuma satu: 02 sekali putaran ✌️ prabowo gibran", p="threads", g=["pilpres", "slang"])
E(P, "Anies-Imin itu paket lengkap. 14/2 coblos nomor 1 ya teman2 threads", p="threads", g=["pilpres", "slang"], ok=["mobilize_colleagues"])
E(P, "Dukung Ganjar-Mahfud 03, biar sat set! (dari forum kaskus)", p="other", g=["pilpres"])
E(P, "Review jujur: visi misi Prabowo-Gibran paling masuk akal, pilihan saya 02", p="youtube", a="comment", target=("yt:UC7000000031", "@narasinewsroom", "Narasi Newsroom"), g=["pilpres"])
E(S, p="youtube", a="share", media=[img(caption="Video kampanye resmi AMIN: Coblos Nomor 1 Perubahan", kind="video", sha="8a" * 32)], g=["pilpres"])
E(JOIN, p="other", a="join_group", group=("tg-grp-9001", "Relawan Prabowo Gibran Telegram Jatim"), g=["pilpres", "unregistered_target"], note="a Telegram group (platform other)")
E(JOIN, p="threads", a="follow", target=("th:8100000027", "@relawan.ganjarmahfud", "Relawan Ganjar Mahfud"), g=["pilpres", "unregistered_target"], ok=[ENG])
E(V, "Live dari kampanye akbar Ganjar-Mahfud di Semarang, saya hadir bareng keluarga 🤟", p="youtube", a="post", media=[img(kind="video", sha="8b" * 32)], g=["pilpres", "coded_reference"], ok=[POST, PHOTO])
E(F, "Bareng Pak Anies abis acara di Bandung ☝️", p="threads", a="photo_upload", media=pic(), g=["pilpres", "coded_reference"], ok=[POST])
# profile bios (profile_update): campaign slogans in the bio are campaign content
E(P, "Guru | Ayah 2 anak | 02 sekali putaran ✌️ #PrabowoGibran2024", p="instagram", a="profile_update", g=["pilpres", "coded_reference"])
E(P, "Pendukung Anies-Muhaimin 💯 Perubahan harga mati", p="x", a="profile_update", g=["pilpres"])
E(P, "Sedulur Ganjar 🤟 | Staf Kecamatan", p="facebook", a="profile_update", g=["pilpres", "regional_language"], ok=["campaign_team_role"])
E(P, "Jabar Istimewa bersama KDM nomor 4 🐯", p="instagram", a="profile_update", race="pilkada", reg="3273", g=["pilkada", "coded_reference"])
# negatives on these platforms and a neutral bio
E(NONE, "Guru SD | Pecinta kopi | ASN netral ✌️ damai pemilu", p="instagram", a="profile_update", g=["hard_negative", "pilpres"], note="peace sign with a neutrality statement")
E(NONE, "Tutorial cara cek DPT online di cekdptonline.kpu.go.id, jangan sampai nggak terdaftar", p="youtube", a="post", media=[img(kind="video", sha="8c" * 32)], g=["hard_negative", "pilpres"])
E(NONE, "Nonton debat cawapres semalam, menurut saya ketiganya punya poin bagus. Silakan nilai sendiri.", p="threads", g=["hard_negative", "pilpres"])
E(NONE, p="youtube", a="follow", target=("yt:UC7000000032", "@kpuri", "KPU RI"), g=["hard_negative"])
E(NONE, "Coblos 01! AMIN!", p="threads", who="nonasn", g=["non_asn", "pilpres"])
E(NONE, p="youtube", a="like", target=PRABOWO_YT, who="nonasn", g=["non_asn", "pilpres"])


# ---------------------------------------------------------------- more hard negatives
N("Prabowo, Anies, Ganjar: siapa pun yang menang, harga cabai tetap naik 😅", ["pilpres", "slang"], p="x", note="names without support")
N("Rekap kegiatan: rapat koordinasi pengamanan kampanye bersama Polres, Kodim dan Bawaslu", ["pilpres"], p="facebook", note="official coordination about campaign security")
N("Besok libur nasional pemungutan suara 14 Februari. Kantor tutup, pelayanan buka lagi tanggal 15.", ["pilpres"], p="whatsapp", a="post", ph="quiet")
N("Sebagai Pj Bupati saya tegaskan: ASN yang terbukti tidak netral akan diproses. Laporkan ke Inspektorat.", ["pilkada"], p="facebook", race="pilkada", reg="3201")
N("Gibran itu nama anak tetangga saya, lucu banget anaknya 😂", ["pilpres"], p="x", note="a namesake")
N("Tugas PPKn: sebutkan tiga pasangan calon presiden 2024 beserta nomor urutnya. Dikumpulkan Senin.", ["pilpres", "coded_reference"], p="whatsapp", a="post", note="a teacher's homework")
N("Baliho caleg di depan sekolah roboh kena angin, sudah dilaporkan ke Satpol PP untuk ditertibkan", ["pileg"], p="facebook", race="pileg")
N("Cuaca Semarang hari ini: cerah berawan, 32°C. Nomor darurat BPBD 112", [], p="x")
N("Rapat RT malam ini jam 8, bahas kerja bakti. Bapak2 dimohon hadir bersama-sama ya", [], p="whatsapp", a="post", note="'hadir bersama' without any campaign")
N("Masa tenang: APK sudah dibersihkan dari jalan protokol. Terima kasih Satpol PP dan Bawaslu 👏", ["pilpres"], p="facebook", ph="quiet")
N("Perolehan suara sementara di Sirekap belum final ya, tunggu rekap berjenjang KPU", ["pilkada"], p="facebook", race="pilkada", ph="voting")
N("PSI? Pemuda Sepakbola Indonesia maksudnya, latihan jam 4 sore di lapangan desa ⚽", ["pileg", "slang"], p="whatsapp", a="post")
N("Nasdem... eh maksud saya nasi, tempe, sambal. Menu makan siang kantin hari ini 😂", ["pileg", "slang"], p="x")
N("Ini bukan kampanye: jadwal vaksin booster di Puskesmas Jumat jam 8", [], p="facebook")
N("Dirgahayu Kota Bandung ke-214! Bandung juara 💚", [], p="instagram", a="story", race="pilkada")
X("Anies presiden! Amin ya rabbal alamin, coblos 01", ["pilpres"], p="x")
X("Kang Dedi gubernur Jabar! nomer opat!", ["pilkada", "regional_language"], p="tiktok", race="pilkada")


# ---------------------------------------------------------------- phrasing drawn from the pilpres 2024 tweets (paraphrased), before penetapan
E(P, "dukung total den baguse ganjar jd presiden, penerus pak jokowi 👍", p="x", ph="pre", g=["pilpres", "slang", "regional_language"])
E(P, "pokoknya pak prabowo terbaik, smg terpilih jd presiden aamiin 🤲", p="facebook", ph="pre", g=["pilpres", "slang", "exception_gaming"], note="support wrapped in a prayer is still support")
E(P, "masyaAllah dukungan buat pak anies gak kebendung, insyaAllah RI 1 🇮🇩", p="x", ph="pre", g=["pilpres", "coded_reference"])
E(P, "gaskeun pak ganjar next presiden 🔥🔥", p="tiktok", a="comment", target=("tt:5550011", "@infojateng", "Info Jateng"), ph="pre", g=["pilpres", "slang"])
E(P, "yg bubar biarin aja, kami tetep pilih ganjar presiden", p="x", ph="pre", g=["pilpres", "slang"])
E(P, "haqqul yakin pak prabowo menang pilpres nanti insyaAllah", p="facebook", ph="pre", g=["pilpres"])
E(P, "presiden itu hrs dr militer, tegas, disiplin. udh pasti pak prabowo lah", p="x", ph="pre", g=["pilpres", "slang"])
E(P, "anies pilihan rakyat, pemimpin cerdas & santun. presiden 2024!", p="x", ph="pre", g=["pilpres"])
E(P, "t3t4p 02 s4mp3 m4t1 💪 #terusmajubersamaprabowo", p="x", g=["pilpres", "unicode", "slang", "coded_reference"])
E(P, "Mending Prabowo kemana2, dah paling pengalaman. #MendingPrabowo", p="x", g=["pilpres", "slang"])
E(P, "santri wajib dukung Gus Imin, cawapres dari pesantren! AMIN 👳", p="facebook", g=["pilpres", "coded_reference"], ok=["mobilize_colleagues"])
E(P, "Sing penting rakyat cilik, Ganjar wae. Ojo sing liyane 🤟", p="facebook", g=["pilpres", "regional_language"])
N("Jaringan santri Sumatera gelar deklarasi dukung Ganjar, dikutip dari Antara", ["pilpres"], p="facebook", ph="pre", note="news about others declaring")
N("Gerindra gelar pesta rakyat di Banten hari ini (berita lokal). Jalan Serang-Pandeglang padat, cari jalur alternatif", ["pileg"], p="x", race="pileg")
N("Pendapat saya soal capres? Rahasia dong, itu hak pribadi di bilik suara 🤐", ["pilpres", "slang"], p="x")
N("Siapapun presidennya nanti, semoga guru honorer diperhatikan. Aamiin", ["pilpres"], p="facebook", ph="pre")
N("Kemarin ada yang nanya saya dukung siapa. Jawaban saya: saya ASN, saya netral.", ["pilpres", "negated_reported"], p="facebook")


# ---------------------------------------------------------------- roles, hate/hoax and negated acts around these rules
TEAM, HOAX = "campaign_team_role", "election_hoax_hate"
E([V, TEAM], "Sebagai korlap relawan 02 Kec. Cibinong, alhamdulillah kampanye akbar hari ini sukses. Terima kasih semua 🙏", p="facebook", g=["pilpres", "roles", "coded_reference"], ok=[POST, "mobilize_colleagues"])
E([V, TEAM], "Tugas jadi jurkam di kampanye dialogis AMIN desa sebelah, deg-degan tapi lancar 😅", p="facebook", g=["pilpres", "roles", "slang"], ok=[POST])
E([PHOTO, TEAM], "Foto bareng Pak Ganjar, bangga jadi koordinator relawan Banyumas 🤟", p="instagram", a="photo_upload", media=[img(sha="9a" * 32)], g=["pilpres", "roles"], ok=[POST])
E([V, TEAM], "Rapat konsolidasi Timda Khofifah-Emil Jember, saya hadir selaku sekretaris tim", p="facebook", race="pilkada", reg="3509", g=["pilkada", "roles"], ok=[POST])
E([JOIN], p="whatsapp", a="join_group", group=("wa-grp-5530", "SAKSI PASLON 02 TPS SE-KEC. BANYUMANIK"), g=["pilpres", "roles", "unregistered_target"], ok=[TEAM], note="joining the group of the pair's polling-station witnesses")
E([POST, TEAM], "Alhamdulillah dipercaya jadi anggota TKD Prabowo-Gibran Jateng. Siap menangkan 02!", p="facebook", g=["pilpres", "roles"], ok=["mobilize_colleagues"])
E([S, HOAX], "Sebarkan sebelum dihapus!!", p="whatsapp", a="share", group=WA_KEL, g=["pilpres", "hate_hoax"], ok=["mobilize_colleagues", POST], media=[img(ocr="SURAT SUARA NO 1 SUDAH DICOBLOS DI GUDANG KPU. SELAMATKAN SUARA, PILIH 02!", sha="9b" * 32)])
E([S, HOAX], p="whatsapp", a="sticker_share", group=WA_RT, g=["pilpres", "hate_hoax"], media=[img(ocr="GANJAR PKI 🔨 PILIH AMIN AJA", kind="sticker", sha="9c" * 32)])
E([POST, HOAX], "Jangan pilih 02 pendukungnya kaum cebong dungu semua, coblos 01 biar waras", p="x", g=["pilpres", "hate_hoax", "slang"])
E([S, HOAX], "Viral! kotak suara pilkada udah diisi duluan, makanya coblos nomor 3 Risma-Gus Hans!", p="whatsapp", a="share", group=WA_KANTOR, race="pilkada", reg="3509", g=["pilkada", "hate_hoax"], ok=[POST, "mobilize_colleagues"], media=[img(kind="video", caption="kotak suara sudah terisi", sha="9d" * 32)])
N("Saya dimasukin ke grup relawan tanpa izin, sudah left ya. Saya ASN, mohon jangan dimasukkan lagi.", ["pilpres", "negated_reported"], p="whatsapp", a="post")
N("Tolong yang masih pasang stiker paslon di grup dinas dihapus, itu pelanggaran netralitas", ["pilpres", "negated_reported"], p="whatsapp", a="post")
N("Info: foto saya di kampanye itu tahun 2019, sebelum saya diangkat PNS. Sudah saya klarifikasi ke Inspektorat.", ["pilpres", "negated_reported"], p="facebook")
N("Ada oknum lurah unfollow-follow akun paslon terus di-screenshot warga. Sudah dilaporkan ke Bawaslu", ["pilkada", "negated_reported"], p="x", race="pilkada")
N("Bukan saya yang like postingan caleg itu, akun saya diretas. Sudah lapor ke Diskominfo.", ["pileg", "negated_reported"], p="facebook", race="pileg")


def build():
    events, labels = [], []
    for n, e in enumerate(ENTRIES, 1):
        eid = f"a-{n:04d}"
        race, ph = e["race"], e["ph"]
        region = e["reg"] or rng.choice(sorted(REGIONS))
        ev = {"event_id": eid, "platform": e["p"], "action": e["a"], "ts": timestamp(race, ph),
              "actor": actor(e["p"], e["who"], region)}
        if e["target"]:
            acc, handle, name = e["target"]
            ev["target"] = {k: v for k, v in (("account_id", acc), ("handle", handle),
                                              ("display_name", name)) if v}
        if e["group"]:
            ev["group"] = {"id": e["group"][0], "name": e["group"][1]}
        if e["text"] is not None:
            ev["text"] = e["text"]
            tags = [w[1:].rstrip(".,!?") for w in e["text"].split() if w.startswith("#") and len(w) > 1]
            if tags:
                ev["hashtags"] = tags
        if e["media"]:
            ev["media"] = e["media"]
        ev["url"] = f"https://example.invalid/{e['p']}/{eid}"
        events.append(ev)
        groups = list(dict.fromkeys(e["g"]))
        labels.append({"event_id": eid, "expect": e["expect"], "also_ok": e["ok"], "groups": groups,
                       "note": e["note"]})
    for name, rows in (("a.events.ndjson", events), ("a.labels.ndjson", labels)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    pos = sum(1 for l in labels if l["expect"])
    print(f"{len(events)} events, {pos} expect a rule, {len(events) - pos} negatives")


if __name__ == "__main__":
    build()
