#!/usr/bin/env python3
"""Builds tests/eval/b.events.ndjson and b.labels.ndjson from b_source.txt (and any other
part P, such as k, from P_source.txt into P.events.ndjson and P.labels.ndjson: gen_b.py P).

Only the envelope is generated here: event ids, timestamps (a fixed pseudo-random time of day on
the date written in the source), actor ids, NIPs, names and agencies. Every text, label, group and
note is written by hand in b_source.txt, one event per line:

  expect | also_ok | groups | platform action | date | region | text | note [| {json extras}]

expect/also_ok: comma-separated short rule codes (see RULES), "-" for none. groups: comma-separated.
date: YYYY-MM-DD or "YYYY-MM-DD HH:MM" (WIB). region: the ASN's region_code. In the text "\\n" is
a newline and "\\uXXXX" that code point (for invisible characters). Extras (JSON object): nonasn
(no NIP, fresh account), acct (an account from
config/registries/asn_accounts.csv, whose NIP is used), dn (display name), ag (agency),
media ([{type, caption, ocr_text, sha256}] or shorthand m/cap/ocr/sha), target
({account_id, handle, display_name}), group (group name), hashtags, mentions.

Run from the repository root: python3 tests/eval/tools/gen_b.py [PART]
PART (default b) names the source tools/<PART>_source.txt and the outputs <PART>.*.ndjson; part r
is the held-out check of the recall work (r_source.txt), part k the coded ballot numbers.
"""
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(EVAL))

RULES = {
    "pm": "party_membership", "ct": "campaign_team_role", "mc": "mobilize_colleagues",
    "sc": "self_candidacy_promo", "ktp": "ktp_support_collection",
    "po": "partisan_official_action", "hh": "election_hoax_hate",
    "oc": "online_campaign_post", "sh": "share_campaign_material",
    "ph": "photo_with_candidate", "ev": "campaign_event_presence",
    "en": "engage_political_account", "jg": "join_campaign_group",
}
PLATFORMS = {"x": "x", "fb": "facebook", "ig": "instagram", "tt": "tiktok", "yt": "youtube",
             "wa": "whatsapp", "th": "threads", "ot": "other"}
ACTIONS = {"post": "post", "comment": "comment", "reply": "reply", "share": "share",
           "repost": "repost", "story": "story", "bio": "profile_update",
           "stk": "sticker_share", "photo": "photo_upload", "like": "like", "follow": "follow",
           "join": "join_group"}
GROUPS = {"pilpres", "pileg", "pilkada", "slang", "regional_language", "coded_reference",
          "unicode", "roles", "hate_hoax", "exception_gaming", "negated_reported",
          "hard_negative", "non_asn"}

# Region names for the ASN's region_code (Kemendagri codes).
REGIONS = {
    "1101": "Kabupaten Aceh Selatan", "1171": "Kota Banda Aceh", "1202": "Kabupaten Tapanuli Utara",
    "1212": "Kabupaten Toba", "1271": "Kota Medan", "1275": "Kota Binjai", "1306": "Kabupaten Agam",
    "1371": "Kota Padang", "1375": "Kota Bukittinggi", "1671": "Kota Palembang",
    "3171": "Kota Administrasi Jakarta Selatan", "3172": "Kota Administrasi Jakarta Timur",
    "3173": "Kota Administrasi Jakarta Pusat", "3175": "Kota Administrasi Jakarta Utara",
    "3201": "Kabupaten Bogor", "3205": "Kabupaten Garut", "3206": "Kabupaten Tasikmalaya",
    "3211": "Kabupaten Sumedang", "3271": "Kota Bogor", "3273": "Kota Bandung", "3275": "Kota Bekasi",
    "3276": "Kota Depok", "3309": "Kabupaten Boyolali", "3310": "Kabupaten Klaten",
    "3372": "Kota Surakarta", "3374": "Kota Semarang", "3402": "Kabupaten Bantul",
    "3404": "Kabupaten Sleman", "3471": "Kota Yogyakarta", "3506": "Kabupaten Kediri",
    "3515": "Kabupaten Sidoarjo", "3573": "Kota Malang", "3578": "Kota Surabaya",
    "3671": "Kota Tangerang", "3603": "Kabupaten Tangerang", "5103": "Kabupaten Badung",
    "5104": "Kabupaten Gianyar", "5171": "Kota Denpasar", "5371": "Kota Kupang",
    "5310": "Kabupaten Sikka", "6303": "Kabupaten Banjar", "6371": "Kota Banjarmasin",
    "7306": "Kabupaten Gowa", "7308": "Kabupaten Bone", "7371": "Kota Makassar",
    "6471": "Kota Balikpapan", "7604": "Kabupaten Mamuju",
}
AGENCIES = ["Dinas Pendidikan", "Dinas Kesehatan", "Dinas Sosial", "Dinas Perhubungan",
            "Badan Perencanaan Pembangunan Daerah", "Dinas Kependudukan dan Pencatatan Sipil",
            "Badan Kepegawaian dan Pengembangan SDM", "Dinas Pekerjaan Umum dan Penataan Ruang",
            "Dinas Pertanian", "Satuan Polisi Pamong Praja", "Badan Pendapatan Daerah",
            "Dinas Koperasi dan UMKM", "RSUD", "Sekretariat Daerah", "Inspektorat",
            "Dinas Lingkungan Hidup"]
VERTICAL = ["Kantor Kementerian Agama", "Kantor Pertanahan", "KPP Pratama", "Kantor Imigrasi"]
FIRST = {
    "11": ["Teuku Rizal", "Cut Nyak Fitri", "Muhammad Hafiz", "Nurul Akmal"],
    "12": ["Roy Sihombing", "Lamhot Siregar", "Rosmauli Nainggolan", "Parulian Hutapea",
           "Dedi Nasution", "Friska Simanjuntak"],
    "13": ["Yuliandri", "Rahmat Dt. Bandaro", "Fitri Yanti", "Zulfahmi", "Rini Oktavia"],
    "16": ["Ahmad Fauzan", "Siti Rohaya", "Kemas Ridwan"],
    "31": ["Bang Rojali", "Mpok Siti Aminah", "Ahmad Fadli", "Yanti Susanti", "Muhammad Ikhsan"],
    "32": ["Asep Saepudin", "Euis Komariah", "Dadang Sunandar", "Neng Rina", "Ujang Suherman",
           "Cucu Wahyuni", "Yayat Hidayat", "Iis Rismawati"],
    "33": ["Slamet Riyadi", "Sri Handayani", "Joko Susilo", "Endah Puspitasari", "Agus Triyono",
           "Wahyu Nugroho"],
    "34": ["Bambang Sutrisno", "Dwi Lestari", "Heru Prasetyo", "Ratna Kusumawati"],
    "35": ["Sugeng Hariyanto", "Nur Aini", "Cak Rudi Santoso", "Lilik Suryani", "Imam Mashudi",
           "Ning Fatimah"],
    "36": ["Ahmad Jaelani", "Siti Maesaroh", "Rudi Hartono"],
    "51": ["I Made Suarjana", "Ni Luh Putu Ari", "I Ketut Sudiarta", "Ni Wayan Sukerti",
           "I Gede Artawan"],
    "53": ["Yohanes Bria", "Maria Goreti Leki", "Stefanus Nenoliu", "Agustina Nalle"],
    "63": ["Muhammad Rusdi", "Siti Noorhayati", "Gusti Arif", "Rahmadi"],
    "64": ["Andi Syahrial", "Rina Marlina"],
    "73": ["Andi Baso Amir", "Hj. Nurhayati", "Muh. Ilham Said", "Sitti Rahma", "Daeng Rusli"],
    "76": ["Muhammad Arsyad", "Nurjannah"],
}
# First words of the women's names above (the NIP's 15th digit is 2 for women, 1 for men).
FEMALE = {"Cut", "Nurul", "Rosmauli", "Friska", "Fitri", "Rini", "Siti", "Mpok", "Yanti", "Euis",
          "Neng", "Cucu", "Iis", "Sri", "Endah", "Dwi", "Ratna", "Nur", "Lilik", "Ning", "Ni",
          "Maria", "Agustina", "Rina", "Hj.", "Sitti", "Nurjannah"}
NONASN = ["Relawan Garis Keras", "Rina Olshop", "Bang Jago Politik", "Kang Ojol", "Mak Ijah",
          "Akun Receh", "Tono Petani", "Warung Kopi Kita", "Mas Fotografer", "Bu Kades Fans"]


def nip(rng, female):
    y = rng.randint(1968, 1998)
    birth = f"{y}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    ty = min(2023, y + rng.randint(21, 30))
    return f"{birth}{ty}{rng.choice(['01', '02', '03', '04', '12'])}{2 if female else 1}" \
           f"{rng.randint(1, 30):03d}"


def load_registry():
    path = os.path.join(ROOT, "config", "registries", "asn_accounts.csv")
    reg = {}
    with open(path, encoding="utf-8") as f:
        head = f.readline().strip().split(",")
        for line in f:
            row = dict(zip(head, line.strip().split(",")))
            reg[row["account_id"]] = row
    return reg


def codes(field, lineno):
    if field.strip() in ("", "-"):
        return []
    out = []
    for c in field.split(","):
        c = c.strip()
        if c not in RULES:
            sys.exit(f"{part}_source.txt:{lineno}: unknown rule code {c!r}")
        out.append(RULES[c])
    return out


def main():
    part = sys.argv[1] if len(sys.argv) > 1 else "b"
    reg = load_registry()
    events, labels = [], []
    src_name = f"{part}_source.txt"
    src = os.path.join(HERE, src_name)
    n = 0
    with open(src, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split(" | ")
            if len(parts) not in (8, 9):
                sys.exit(f"{src_name}:{lineno}: {len(parts)} fields, want 8 or 9")
            exp, also, groups, pa, date, region, text, note = parts[:8]
            extra = json.loads(parts[8]) if len(parts) == 9 else {}
            n += 1
            eid = f"{part}-{n:04d}"
            rng = random.Random(eid)
            plat, act = pa.split()
            platform, action = PLATFORMS[plat], ACTIONS[act]
            gs = [g.strip() for g in groups.split(",") if g.strip()]
            if not any(g in GROUPS for g in gs):
                sys.exit(f"{src_name}:{lineno}: no group from the vocabulary")
            date = date.strip()
            if len(date) == 10:
                hh = rng.choice([6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 19, 20, 21, 22])
                date = f"{date}T{hh:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}+07:00"
            else:
                date = date.replace(" ", "T") + f":{rng.randint(0, 59):02d}+07:00"
            region = region.strip()
            ev = {"event_id": eid, "platform": platform, "action": action, "ts": date}
            prov = region[:2]
            if "acct" in extra:
                r = reg[extra["acct"]]
                actor = {"account_id": r["account_id"], "display_name": r["name"], "nip": r["nip"],
                         "agency": r["agency"], "region_code": r["region_code"]}
            elif extra.get("nonasn"):
                name = extra.get("dn") or rng.choice(NONASN)
                actor = {"account_id": f"{plat}:{part}9{rng.randint(10**8, 10**9 - 1)}",
                         "display_name": name}
            else:
                name = extra.get("dn") or rng.choice(FIRST.get(prov, FIRST["32"]))
                female = name.split()[0] in FEMALE if "dn" not in extra else rng.random() < 0.4
                rname = REGIONS.get(region, f"Kabupaten {region}")
                ag = extra.get("ag")
                if not ag:
                    ag = rng.choice(VERTICAL) + " " + rname if rng.random() < 0.15 else \
                        rng.choice(AGENCIES) + " " + rname
                actor = {"account_id": f"{plat}:{part}{rng.randint(10**9, 10**10 - 1)}",
                         "display_name": name, "nip": nip(rng, female), "agency": ag,
                         "region_code": region}
            handle = "@" + "".join(ch for ch in actor["display_name"].lower() if ch.isalnum())[:14] \
                + str(rng.randint(1, 99))
            actor = {"account_id": actor.pop("account_id"), "handle": handle, **actor}
            ev["actor"] = actor
            if "target" in extra:
                ev["target"] = extra["target"]
            if "group" in extra:
                ev["group"] = {"id": "grp:" + hashlib.sha1(extra["group"].encode()).hexdigest()[:10],
                               "name": extra["group"]}
            text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)),
                          text.replace("\\n", "\n"))
            if text.strip() not in ("", "-"):
                ev["text"] = text
            for k in ("hashtags", "mentions"):
                if k in extra:
                    ev[k] = extra[k]
            media = extra.get("media")
            if media is None and ("cap" in extra or "ocr" in extra or "m" in extra or "sha" in extra):
                m = {"type": extra.get("m", "sticker" if action == "sticker_share" else "image")}
                if "cap" in extra:
                    m["caption"] = extra["cap"]
                if "ocr" in extra:
                    m["ocr_text"] = extra["ocr"]
                m["sha256"] = extra.get("sha") or hashlib.sha256((eid + "media").encode()).hexdigest()
                media = [m]
            if media:
                ev["media"] = media
            ev["url"] = f"https://example.invalid/{platform}/{eid}"
            events.append(ev)
            labels.append({"event_id": eid, "expect": codes(exp, lineno),
                           "also_ok": codes(also, lineno), "groups": gs, "note": note.strip()})
    with open(os.path.join(EVAL, f"{part}.events.ndjson"), "w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(EVAL, f"{part}.labels.ndjson"), "w", encoding="utf-8") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(f"{len(events)} events", file=sys.stderr)


if __name__ == "__main__":
    main()
