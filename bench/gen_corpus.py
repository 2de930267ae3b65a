#!/usr/bin/env python3
"""Generates a realistic NDJSON corpus of social-media events (contract §1) for the
engine benchmarks. Python 3 standard library only; deterministic for a given --seed.

Text comes from real Indonesian data read at run time from the shared data directory
(never copied into the repo):
  indonlu-smsa/*.tsv        comments and reviews (text<TAB>label)
  ibrohim-hs/re_dataset.csv tweets (latin-1)
  kpu-dct-2024/*.csv        258k real 2024 candidate names (campaign injection)
and from the shipped config: pilpres/party entity lists, campaign hashtags, support
phrases, the ASN and political-account registries.

Mix (approximate): actors 70% with actor.nip, 12% ASN accounts from the registry,
18% not ASN; 10% of text events injected with campaign content; some likes/follows
on registered political accounts; 1% invalid lines.

Writes FILE (one event per line) and FILE.labels (one label per line, same order):
  invalid   the line is invalid (dead-lettered by Netra)
  campaign  text injected with campaign content (a candidate/pilpres name and a support
            phrase, hashtag or ballot number)
  political like/follow/join_group on a registered political account or group
  plain     anything else

Usage: gen_corpus.py --count N --out FILE [--seed S] [--data DIR] [--config DIR]
Exit status 3 when the shared data is missing (callers treat it as "skip").
"""

import argparse
import csv
import glob
import json
import os
import random
import re
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PLATFORMS = ["x", "facebook", "instagram", "tiktok", "youtube", "whatsapp", "threads", "other"]
PLATFORM_W = [30, 25, 18, 12, 5, 6, 3, 1]
PLATFORM_PREFIX = {"x": "x", "facebook": "fb", "instagram": "ig", "tiktok": "tt", "youtube": "yt",
                   "whatsapp": "wa", "threads": "th", "other": "ot"}
ACTIONS = ["post", "comment", "reply", "like", "share", "repost", "follow", "join_group",
           "sticker_share", "photo_upload", "story", "profile_update"]
ACTION_W = [26, 20, 10, 14, 6, 4, 5, 2, 2, 4, 5, 2]
TEXT_ACTIONS = {"post", "comment", "reply", "share", "repost", "sticker_share", "photo_upload",
                "story", "profile_update"}
CAMPAIGN_ACTIONS = ["post", "comment", "reply", "story", "repost", "share", "photo_upload"]

AGENCIES = [
    ("Dinas Pendidikan Kota Bandung", "3273"), ("Pemerintah Kota Surabaya", "3578"),
    ("Dinas Kesehatan Kabupaten Bogor", "3201"), ("Kementerian Agama Kota Medan", "1275"),
    ("Badan Pusat Statistik Provinsi Aceh", "11"), ("Pemerintah Kabupaten Gowa", "7306"),
    ("Dinas Perhubungan DKI Jakarta", "31"), ("Sekretariat Daerah Kota Semarang", "3374"),
    ("RSUD Kabupaten Sleman", "3404"), ("Kantor Kecamatan Coblong", "3273"),
    ("Dinas Sosial Provinsi Bali", "51"), ("Kementerian Keuangan KPPN Makassar", "7371"),
    ("Pemerintah Kabupaten Banyumas", "3302"), ("Dinas Pertanian Kabupaten Jember", "3509"),
]
EMOJI = ["😂", "🙏", "👍", "🔥", "❤️", "😡", "🤣", "😍", "💪", "🇮🇩", "😭", "🤔"]
OFFSETS = ["+07:00"] * 7 + ["+08:00"] * 2 + ["+09:00"]
# 2023-10-01 .. 2024-02-20 (penetapan, campaign, masa tenang, voting day all covered).
TS_START, TS_END = 1696118400, 1708387200
TEMPLATES = [
    "{pre}{support} {name}{ballot}! {tag}",
    "{pre}{name} {support}{ballot} {tag}",
    "{support} {name}, {cta} {vote}{ballot} 14 Februari {tag}",
    "{cta} {vote} {name}{ballot}, {support}! {tag}",
    "{name} pilihanku {tag} {support}",
]


def die_skip(msg):
    print("gen_corpus: skipped: " + msg, file=sys.stderr)
    sys.exit(3)


def read_list(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("re:"):
                continue
            out.append(line[4:] if line.startswith("sub:") else line)
    return out


def read_csv(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def clean_candidate_name(raw):
    """A candidate name as people write it: no academic titles, no nickname notes."""
    s = raw.split(",")[0]
    s = re.sub(r"\([^)]*\)", " ", s)
    toks = [t for t in s.split() if "." not in t and len(t) > 1]
    return " ".join(t.capitalize() for t in toks)


def load_texts(data):
    texts = []
    for p in sorted(glob.glob(os.path.join(data, "indonlu-smsa", "*.tsv"))):
        with open(p, encoding="utf-8") as f:
            for line in f:
                t = line.rstrip("\n").split("\t")[0].strip()
                if t:
                    texts.append(t)
    p = os.path.join(data, "ibrohim-hs", "re_dataset.csv")
    if os.path.exists(p):
        with open(p, encoding="latin-1", newline="") as f:
            r = csv.reader(f)
            next(r, None)
            for row in r:
                if row:
                    t = row[0].replace("\\n", " ").strip().strip("'\"")
                    if t:
                        texts.append(t)
    return texts


def load_candidates(data):
    names = []
    for p in sorted(glob.glob(os.path.join(data, "kpu-dct-2024", "*.csv"))):
        for row in read_csv(p):
            n = clean_candidate_name(row.get("name", ""))
            if len(n) >= 6 and " " in n:  # two words or more: a name people would write out
                names.append((n, row.get("party", ""), row.get("ballot_no", "")))
    return names


class Gen:
    def __init__(self, rng, data, cfg):
        self.r = rng
        self.texts = load_texts(data)
        self.cands = load_candidates(data)
        if not self.texts or not self.cands:
            die_skip("no text or candidate data under " + data)
        lists = os.path.join(cfg, "lists")
        self.pilpres = [row["pattern"] for row in read_csv(os.path.join(lists, "pilpres_2024.csv"))]
        self.parties = [row["pattern"] for row in read_csv(os.path.join(lists, "parties_2024.csv"))]
        self.hashtags = [h for h in read_list(os.path.join(lists, "campaign_hashtags.txt"))
                         if h.startswith("#")]
        self.support = read_list(os.path.join(lists, "support_phrases.txt"))
        self.cta = read_list(os.path.join(lists, "calls_to_action.txt"))
        reg = os.path.join(cfg, "registries")
        self.asn = read_csv(os.path.join(reg, "asn_accounts.csv"))
        self.political = [p for p in read_csv(os.path.join(reg, "political_accounts.csv"))
                          if not p["account_id"].startswith(("wa-grp", "fb-grp"))]
        self.groups = [p for p in read_csv(os.path.join(reg, "political_accounts.csv"))
                       if p["account_id"].startswith(("wa-grp", "fb-grp"))]
        self.media = [m["sha256"] for m in read_csv(os.path.join(reg, "campaign_media.csv"))]
        # Ordinary Indonesian personal names for actors and targets: tokens of real names.
        toks = set()
        for n, _, _ in self.r.sample(self.cands, min(20000, len(self.cands))):
            toks.update(n.split())
        self.name_tokens = sorted(toks)
        self.seq = 0

    def person(self):
        return " ".join(self.r.choice(self.name_tokens) for _ in range(self.r.choice((1, 2, 2, 3))))

    def handle(self, name):
        h = re.sub(r"[^a-z0-9]", "", name.lower().replace(" ", self.r.choice(["", "_", "."])))
        return "@" + h[:14] + str(self.r.randrange(100)) if self.r.random() < 0.5 else "@" + h[:18]

    def account(self, platform):
        pre = PLATFORM_PREFIX[platform]
        return "%s:%d" % (pre, self.r.randrange(10**9, 10**10))

    def nip(self):
        y = self.r.randrange(1962, 2000)
        return "%04d%02d%02d%04d%02d%d%03d" % (y, self.r.randrange(1, 13), self.r.randrange(1, 29),
                                               y + self.r.randrange(20, 30), self.r.randrange(1, 13),
                                               self.r.randrange(1, 3), self.r.randrange(1, 1000))

    def ts(self):
        t = self.r.randrange(TS_START, TS_END)
        off = self.r.choice(OFFSETS)
        h = int(off[1:3])
        g = time.gmtime(t + h * 3600)
        return "%04d-%02d-%02dT%02d:%02d:%02d%s" % (g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour,
                                                    g.tm_min, g.tm_sec, off)

    def body(self, target_len):
        parts = []
        while sum(len(p) + 1 for p in parts) < target_len:
            t = self.r.choice(self.texts)
            if self.r.random() < 0.25:
                t = t.capitalize()
            parts.append(t)
            if self.r.random() < 0.15:
                parts.append(self.r.choice(EMOJI))
        return " ".join(parts)

    def campaign(self):
        """Campaign content with real names: a KPU candidate, a pilpres name or a party."""
        r = self.r
        k = r.random()
        ballot = ""
        if k < 0.6:
            name, party, no = r.choice(self.cands)
            if party and r.random() < 0.5:
                name = "%s caleg %s" % (name, party)
            if no and r.random() < 0.5:
                ballot = " nomor urut %s" % no
        elif k < 0.9:
            name = r.choice(self.pilpres)
            if r.random() < 0.4:
                ballot = " no %02d" % r.randrange(1, 4)
        else:
            name = r.choice(self.parties)
            ballot = " nomor %d" % r.randrange(1, 19) if r.random() < 0.5 else ""
        tag = r.choice(self.hashtags) if r.random() < 0.6 else ""
        s = r.choice(TEMPLATES).format(
            pre=r.choice(["", "", "Bismillah, ", "Sudah mantap: ", "Warga kami "]),
            support=r.choice(self.support), name=name, ballot=ballot, tag=tag,
            cta=r.choice(self.cta), vote=r.choice(["coblos", "pilih", "cblos", "pilihlah"]))
        return " ".join(s.split()), tag

    def actor(self, platform):
        r = self.r
        k = r.random()
        if k < 0.12:
            a = r.choice(self.asn)
            return a["platform"], {"account_id": a["account_id"],
                                   "handle": self.handle(a["name"]),
                                   "display_name": a["name"]}
        name = self.person()
        actor = {"account_id": self.account(platform), "handle": self.handle(name),
                 "display_name": name}
        if k < 0.82:
            agency, region = r.choice(AGENCIES)
            actor["nip"] = self.nip()
            actor["agency"] = agency
            actor["region_code"] = region
        return platform, actor

    def invalid(self, ev):
        r = self.r
        k = r.randrange(7)
        if k == 0:
            s = json.dumps(ev, ensure_ascii=False)
            return s[: r.randrange(20, max(21, len(s) - 5))]  # truncated
        if k == 1:
            del ev["ts"]
        elif k == 2:
            ev["platform"] = r.choice(["friendster", "myspace", "X", ""])
        elif k == 3:
            ev["ts"] = r.choice(["10/01/2024 08:00", "2024-01-10T08:00:00", "kemarin"])
        elif k == 4:
            ev["actor"] = {"handle": "@noid"}
        elif k == 5:
            ev["text"] = 12345
        else:
            return json.dumps([ev["event_id"], ev.get("text", "")], ensure_ascii=False)
        return json.dumps(ev, ensure_ascii=False)

    def event(self):
        r = self.r
        self.seq += 1
        platform = r.choices(PLATFORMS, PLATFORM_W)[0]
        action = r.choices(ACTIONS, ACTION_W)[0]
        inject = r.random() < 0.127 and action in TEXT_ACTIONS  # 10% of all events
        if inject and action not in CAMPAIGN_ACTIONS:
            action = r.choice(CAMPAIGN_ACTIONS)
        label = "plain"
        platform, actor = self.actor(platform)
        ev = {"event_id": "ev-%08d-%06x" % (self.seq, r.randrange(1 << 24)),
              "platform": platform, "action": action, "ts": self.ts(), "actor": actor}
        if action in ("like", "follow", "comment", "reply", "share", "repost"):
            pol = [p for p in self.political if p["platform"] == platform]
            if action in ("like", "follow") and pol and r.random() < 0.15:
                p = r.choice(pol)
                ev["target"] = {"account_id": p["account_id"], "handle": p["handle"],
                                "display_name": p["entity"]}
                label = "political"
            else:
                name = self.person()
                ev["target"] = {"account_id": self.account(platform), "handle": self.handle(name),
                                "display_name": name}
        if action == "join_group":
            grp = [g for g in self.groups if g["platform"] == platform]
            if grp and r.random() < 0.3:
                g = r.choice(grp)
                ev["group"] = {"id": g["account_id"], "name": g["handle"]}
                label = "political"
            else:
                ev["group"] = {"id": "grp-%d" % r.randrange(10**8),
                               "name": r.choice(["Alumni SMA 3 ", "Arisan RT 05 ", "Info Loker ",
                                                 "Jual Beli ", "Pecinta Kucing "])
                               + r.choice(["Bandung", "Medan", "Makassar", "Surabaya", "Bekasi"])}
        if action in TEXT_ACTIONS:
            n = int(r.lognormvariate(5.12, 0.55))  # median ~170 bytes
            text = self.body(max(20, min(n, 1400)))
            hashtags = []
            if inject:
                camp, tag = self.campaign()
                words = text.split(" ")
                pos = r.randrange(len(words) + 1)
                text = " ".join(words[:pos] + [camp] + words[pos:])
                if tag and r.random() < 0.7:
                    hashtags.append(tag[1:])
                label = "campaign"
            if r.random() < 0.25:
                hashtags.append(r.choice(["infobandung", "kulinerjakarta", "fyp", "viral",
                                          "pemilu2024", "asnnetral", "jalanjalan", "ootd"]))
            ev["text"] = text
            if hashtags:
                ev["hashtags"] = hashtags
            if r.random() < 0.2:
                ev["mentions"] = [self.handle(self.person()) for _ in range(r.randrange(1, 3))]
        if action in ("photo_upload", "sticker_share", "story") or r.random() < 0.05:
            mtype = "sticker" if action == "sticker_share" else r.choice(["image", "image", "video"])
            sha = (r.choice(self.media) if r.random() < 0.02
                   else "%064x" % r.getrandbits(256))
            m = {"type": mtype, "sha256": sha}
            if r.random() < 0.5:
                m["caption"] = self.body(40)
            ev["media"] = [m]
        ev["url"] = "https://example.invalid/%s/%s" % (platform, ev["event_id"])
        ev["lang"] = "id"  # collectors add fields; unknown fields are ignored
        if r.random() < 0.01:
            return self.invalid(ev), "invalid"
        return json.dumps(ev, ensure_ascii=False), label


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=os.environ.get(
        "NETRA_SHARED_DATA", os.path.join(os.path.dirname(REPO), "shared", "data")))
    ap.add_argument("--config", default=os.path.join(REPO, "config"))
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.data, "kpu-dct-2024")):
        die_skip("shared data not found at %s (set --data or NETRA_SHARED_DATA)" % a.data)
    g = Gen(random.Random(a.seed), a.data, a.config)
    tmp = a.out + ".tmp"
    counts = {}
    total = 0
    with open(tmp, "w", encoding="utf-8") as out, open(tmp + ".labels", "w") as lab:
        for _ in range(a.count):
            line, label = g.event()
            out.write(line + "\n")
            lab.write(label + "\n")
            counts[label] = counts.get(label, 0) + 1
            total += len(line.encode("utf-8")) + 1
    os.replace(tmp + ".labels", a.out + ".labels")
    os.replace(tmp, a.out)
    print("gen_corpus: %d events, %.0f bytes mean, %s -> %s" % (
        a.count, total / max(1, a.count),
        " ".join("%s=%d" % kv for kv in sorted(counts.items())), a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
