#include "console/b1_pdf.h"

#include <hpdf.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string_view>
#include <vector>

#include "console/alert.h"

namespace netra::console {

namespace {

const char* const kDays[] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
const char* const kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                               "Mei",       "Juni",     "Juli",     "Agustus",
                               "September", "Oktober",  "November", "Desember"};
const char kDots[] = "..............................................................";

// libharu reports errors through a callback; the first one is kept.
struct HpdfError {
  HPDF_STATUS code = 0, detail = 0;
};

void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HpdfError*>(user);
  if (!e->code) {
    e->code = code;
    e->detail = detail;
  }
}

// Text as libharu draws it: control characters (tabs, CR) become spaces; newlines split lines.
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 && c != '\n') ? ' ' : c;
  return out;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Lays out the form top to bottom, adding pages as it goes.
class Writer {
 public:
  static constexpr float kLeft = 50, kRight = 545, kTop = 792, kBottom = 60, kLabel = 150;

  Writer(HPDF_Doc doc, HPDF_Font regular, HPDF_Font bold)
      : doc_(doc), regular_(regular), bold_(bold) {}

  // Wrapped text from x to kRight, starting at the current line.
  void text(const std::string& s, float x, HPDF_Font font, float size) {
    const std::string t = printable(s);
    size_t line_start = 0;
    do {
      size_t nl = t.find('\n', line_start);
      if (nl == std::string::npos) nl = t.size();
      std::string_view line(t.data() + line_start, nl - line_start);
      if (line.empty()) advance(size);
      while (!line.empty()) {
        const std::string rest(line);
        const size_t n = fitting(rest, kRight - x, font, size);
        advance(size);
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font, size);
        HPDF_Page_TextOut(page_, x, y_, rest.substr(0, n).c_str());
        HPDF_Page_EndText(page_);
        line.remove_prefix(n);
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      }
      line_start = nl + 1;
    } while (line_start <= t.size());
  }

  // "label  value" with the value wrapped in its column; an empty value is a dotted line to
  // fill by hand.
  void field(const std::string& label, const std::string& value, float value_size = kSize) {
    need(2 * kLead);
    advance(kSize);
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, bold_, kSize);
    HPDF_Page_TextOut(page_, kLeft + 10, y_, label.c_str());
    HPDF_Page_EndText(page_);
    y_ += value_size * kLeading;  // the value starts on the label's line
    text(value.empty() ? kDots : value, kLeft + kLabel, regular_, value_size);
    y_ -= 2;
  }

  void heading(const std::string& s) {
    need(4 * kLead);
    y_ -= 8;
    text(s, kLeft, bold_, 11);
    y_ -= 2;
  }

  void title(const std::string& s, float size) {
    advance(size);
    HPDF_Page_SetFontAndSize(page_, bold_, size);
    const float w = HPDF_Page_TextWidth(page_, s.c_str());
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, (kLeft + kRight - w) / 2, y_, s.c_str());
    HPDF_Page_EndText(page_);
  }

  void gap(float points) { y_ -= points; }

  void rule() {
    need(10);
    y_ -= 4;
    HPDF_Page_SetLineWidth(page_, 0.5);
    HPDF_Page_MoveTo(page_, kLeft, y_);
    HPDF_Page_LineTo(page_, kRight, y_);
    HPDF_Page_Stroke(page_);
    y_ -= 4;
  }

  // Starts a new page when fewer than `points` remain.
  void need(float points) {
    if (!page_ || y_ - points < kBottom) new_page();
  }

  void footers(const std::string& left) {
    for (size_t i = 0; i < pages_.size(); ++i) {
      const std::string right =
          "halaman " + std::to_string(i + 1) + " dari " + std::to_string(pages_.size());
      HPDF_Page_BeginText(pages_[i]);
      HPDF_Page_SetFontAndSize(pages_[i], regular_, 8);
      HPDF_Page_TextOut(pages_[i], kLeft, 35, left.c_str());
      HPDF_Page_TextOut(pages_[i], kRight - HPDF_Page_TextWidth(pages_[i], right.c_str()), 35,
                        right.c_str());
      HPDF_Page_EndText(pages_[i]);
    }
  }

  static constexpr float kSize = 9.5, kLeading = 1.35, kLead = kSize * kLeading;

 private:
  void new_page() {
    page_ = HPDF_AddPage(doc_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pages_.push_back(page_);
    y_ = kTop;
  }

  // Moves down one line of `size`, to a new page when the line does not fit.
  void advance(float size) {
    if (!page_ || y_ - size * kLeading < kBottom) new_page();
    y_ -= size * kLeading;
  }

  // How many bytes of `s` fit in `width`: up to a space when one does, else as many whole
  // UTF-8 characters as fit (a long URL or hash), at least one.
  size_t fitting(const std::string& s, float width, HPDF_Font font, float size) {
    if (!page_) new_page();
    HPDF_Page_SetFontAndSize(page_, font, size);
    HPDF_REAL used = 0;
    size_t n = HPDF_Page_MeasureText(page_, s.c_str(), width, HPDF_TRUE, &used);
    if (n == 0) n = HPDF_Page_MeasureText(page_, s.c_str(), width, HPDF_FALSE, &used);
    if (n > s.size()) n = s.size();
    while (n > 0 && n < s.size() && is_continuation(s[n])) --n;
    if (n == 0) {
      n = 1;
      while (n < s.size() && is_continuation(s[n])) ++n;
    }
    return n;
  }

  HPDF_Doc doc_;
  HPDF_Font regular_, bold_;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  float y_ = kTop;
};

std::string time_range(const std::string& s) {
  const std::string sep = " s.d. ";
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t next = s.find(sep, pos);
    out += indonesian_time(s.substr(pos, next == std::string::npos ? next : next - pos));
    if (next == std::string::npos) return out;
    out += sep;
    pos = next + sep.size();
  }
}

}  // namespace

std::string indonesian_time(const std::string& s) {
  int64_t t = 0;
  int off = 0;
  if (!parse_rfc3339(s, t, off)) return s;
  const bool zulu = !s.empty() && (s.back() == 'Z' || s.back() == 'z');
  if (zulu) off = 7 * 60;
  std::string zone;
  if (off == 7 * 60)
    zone = "WIB";
  else if (off == 8 * 60)
    zone = "WITA";
  else if (off == 9 * 60)
    zone = "WIT";
  else {
    char z[16];
    std::snprintf(z, sizeof z, "UTC%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                  std::abs(off) % 60);
    zone = z;
  }
  const time_t local = static_cast<time_t>(t + int64_t{off} * 60);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s, %d %s %d %02d.%02d %s", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, zone.c_str());
  return buf;
}

bool b1_pdf(const B1Record& r, const std::string& font_dir, int64_t generated_unix,
            std::string& pdf, std::string& error) {
  HpdfError err;
  HPDF_Doc doc = HPDF_New(on_hpdf_error, &err);
  if (!doc) {
    error = "libharu: cannot create a document";
    return false;
  }
  struct Free {
    HPDF_Doc d;
    ~Free() { HPDF_Free(d); }
  } free_doc{doc};
  HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc);
  HPDF_SetCurrentEncoder(doc, "UTF-8");
  HPDF_Font fonts[2] = {nullptr, nullptr};
  const char* const files[2] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};
  for (int i = 0; i < 2; ++i) {
    const std::string path = font_dir + "/" + files[i];
    const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
    if (name) fonts[i] = HPDF_GetFont(doc, name, "UTF-8");
    if (!fonts[i]) {
      error = "cannot load the font " + path + " (fonts-dejavu-core)";
      return false;
    }
  }
  const std::string generated = indonesian_time([&] {
    // RFC 3339 in WIB, the form's own time zone.
    const time_t wib = static_cast<time_t>(generated_unix + 7 * 3600);
    std::tm tm{};
    gmtime_r(&wib, &tm);
    char b[32];
    std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
    return std::string(b);
  }());
  const std::string title = "Formulir Model B.1 - kasus " + std::to_string(r.case_id);
  HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, title.c_str());
  HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "Netra (netra console)");

  Writer w(doc, fonts[0], fonts[1]);
  w.need(0);
  w.title("FORMULIR MODEL B.1", 14);
  w.title("LAPORAN DUGAAN PELANGGARAN", 12);
  w.title("Peraturan Bawaslu Nomor 7 Tahun 2022", 9);
  w.gap(4);
  w.rule();
  w.field("Nomor kasus (konsol)", std::to_string(r.case_id));

  w.heading("I. IDENTITAS PELAPOR");
  w.field("Nama", r.pelapor.name);
  w.field("Pengguna konsol", r.pelapor.username + " (" + r.pelapor.role + ")");
  w.field("Pekerjaan / unit", r.pelapor.unit);
  for (const char* blank : {"Tempat/tanggal lahir", "Jenis kelamin", "Kewarganegaraan", "Alamat",
                            "No. telp/HP", "E-mail"})
    w.field(blank, "");

  w.heading("II. IDENTITAS TERLAPOR");
  w.field("Nama", r.terlapor_name);
  w.field("NIP", r.terlapor_nip);
  w.field("Instansi", r.terlapor_agency);
  w.field("Unit kerja", r.terlapor_unit);
  w.field("Jabatan", r.terlapor_position);
  w.field("Wilayah", r.terlapor_region);
  w.field("Platform", r.terlapor_platform);
  w.field("Akun", r.terlapor_account);
  w.field("Alamat", "");
  w.field("No. telp/HP", "");

  w.heading("III. PERISTIWA");
  w.field("Peristiwa", r.peristiwa);
  w.field("Dasar hukum", r.legal_basis);
  if (!r.sanction.empty()) w.field("Sanksi", r.sanction);
  w.field("Tempat kejadian", "platform: " + r.tempat_platform);
  if (!r.tempat_url.empty()) w.field("", "URL: " + r.tempat_url);
  if (!r.tempat_group.empty()) w.field("", "grup: " + r.tempat_group);
  w.field("Hari/tanggal kejadian", time_range(r.event_time));
  w.field("Hari/tanggal diketahui", indonesian_time(r.detected_at));
  w.field("Batas waktu lapor", indonesian_time(r.deadline) + " (7 hari sejak diketahui)");
  w.field("Jumlah kejadian", std::to_string(r.bukti.size()));

  w.heading("IV. SAKSI-SAKSI");
  for (int i = 1; i <= 2; ++i) {
    w.field(std::to_string(i) + ". Nama", "");
    w.field("    Alamat", "");
    w.field("    No. telp/HP", "");
  }

  w.heading("V. BUKTI-BUKTI");
  w.text(
      "Isi asli setiap kejadian (teks UTF-8 persis seperti tercatat), sidik SHA-256 atas isi "
      "tersebut, URL, dan waktu tangkap.",
      Writer::kLeft + 10, fonts[0], 8.5);
  for (size_t i = 0; i < r.bukti.size(); ++i) {
    const B1Bukti& b = r.bukti[i];
    w.gap(3);
    w.field("Bukti [" + std::to_string(i + 1) + "] isi asli", b.content);
    w.field("SHA-256", b.sha256, 7.5);  // 64 hex digits on one line
    w.field("URL", b.url);
    w.field("Waktu tangkap", indonesian_time(b.captured_at));
  }

  w.heading("VI. URAIAN KEJADIAN");
  for (size_t i = 0; i < r.bukti.size(); ++i)
    w.field("[" + std::to_string(i + 1) + "]", r.bukti[i].uraian);

  w.need(6 * Writer::kLead);
  w.gap(18);
  w.text(r.pelapor.unit + ", " + generated, Writer::kLeft + 300, fonts[0], Writer::kSize);
  w.text("Pelapor,", Writer::kLeft + 300, fonts[0], Writer::kSize);
  w.gap(40);
  w.text(r.pelapor.name, Writer::kLeft + 300, fonts[1], Writer::kSize);
  w.footers("Netra · Formulir Model B.1 · kasus " + std::to_string(r.case_id) + " · dibuat " +
            generated);

  if (!err.code && HPDF_SaveToStream(doc) == HPDF_OK) {
    pdf.resize(HPDF_GetStreamSize(doc));
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(pdf.size());
    HPDF_ResetStream(doc);
    // Reading the whole stream ends at its end: that "error" is the expected one.
    if (HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(pdf.data()), &size) ==
        HPDF_STREAM_EOF)
      err = HpdfError{};
    pdf.resize(size);
  }
  if (err.code || pdf.empty()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u)",
                  static_cast<unsigned>(err.code), static_cast<unsigned>(err.detail));
    error = buf;
    return false;
  }
  return true;
}

}  // namespace netra::console
