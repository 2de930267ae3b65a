#pragma once
// Formulir Model B.1 (Perbawaslu 7/2022; neutrality-rules.md §4.2-4.3) as a PDF for one case,
// drawn with libharu and a TrueType font embedded in the file (DejaVu Sans from Debian's
// fonts-dejavu-core by default), so that any Indonesian text, names and URLs come out as
// searchable UTF-8 text. The fields are those of console/b1_form.h; the parts a machine cannot
// know (the pelapor's address and birth date, the terlapor's address, the witnesses) are left as
// dotted lines to fill by hand.
#include <cstdint>
#include <string>

#include "console/b1_form.h"

namespace netra::console {

// The font files: <font_dir>/DejaVuSans.ttf and <font_dir>/DejaVuSans-Bold.ttf.
inline constexpr const char* kDefaultFontDir = "/usr/share/fonts/truetype/dejavu";

// Renders `r` into `pdf`. `generated_unix` dates the form (shown in WIB). False with `error` set
// when a font cannot be loaded or libharu fails.
bool b1_pdf(const B1Record& r, const std::string& font_dir, int64_t generated_unix,
            std::string& pdf, std::string& error);

// "Jumat, 12 Januari 2024 08.15 WIB" for an RFC 3339 time in its own offset (WIB, WITA, WIT for
// +07:00, +08:00, +09:00, else "UTC±hh:mm"; a Z time is shown in WIB); `s` itself when it does not
// parse.
std::string indonesian_time(const std::string& s);

}  // namespace netra::console
