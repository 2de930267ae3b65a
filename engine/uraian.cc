// The alert's uraian: a chronological account in Indonesian of what the
// terlapor did, where, when and how (the Form B.1 narrative). Built by
// appending into one reused buffer: no temporaries per piece.
#include "engine/event_state.h"

namespace netra::engine {
namespace {

const char* const kActionPhrase[kActionCount] = {
    "mengunggah postingan",
    "menulis komentar",
    "membalas komentar",
    "menyukai (like) unggahan",
    "membagikan (share) unggahan",
    "mengunggah ulang (repost) unggahan",
    "mengikuti (follow) akun",
    "bergabung ke grup",
    "mengirim stiker",
    "mengunggah foto",
    "mengunggah story",
    "memperbarui profil",
};

const char* const kPhaseText[kPhaseCount] = {"sebelum penetapan calon", "setelah penetapan calon",
                                             "kampanye", "masa tenang", "hari pemungutan suara"};

// "akun <entity> (<handle>)", "grup ...", or the named entity "<name> (<detail>)".
void append_target(JsonWriter& out, const Verdict& verdict) {
  if (const PoliticalRecord* target = verdict.target) {
    out += verdict.target_is_group ? "grup " : "akun ";
    out += target->entity;
    if (!target->handle.empty()) {
      out += " (";
      out += target->handle;
      out += ')';
    }
  } else if (const Entity* entity = verdict.entity) {
    out += entity->name;
    if (!entity->detail.empty()) {
      out += " (";
      out += entity->detail;
      out += ')';
    }
  }
}

// "<name> (NIP <nip>, <position>, <agency>)": the parts that are known.
void append_actor(JsonWriter& out, const EventState& state) {
  const std::string_view name = state.actor_name();
  if (name.empty()) return;
  out += " milik ";
  out += name;
  const std::string_view parts[] = {state.actor_nip(), state.actor_position(),
                                    state.actor_agency()};
  bool open = false;
  for (int k = 0; k < 3; ++k) {
    if (parts[k].empty()) continue;
    out += open ? ", " : " (";
    if (k == 0) out += "NIP ";
    out += parts[k];
    open = true;
  }
  if (open) out += ')';
}

}  // namespace

void write_uraian(EventState& state, const Verdict& verdict) {
  const EventView& event = state.event;
  const Rule& rule = *verdict.rule;
  JsonWriter& out = state.uraian;
  out.clear();
  out += "Pada ";
  append_indonesian_datetime(out, event.ts_unix, event.ts_offset_minutes);
  out += ", akun ";
  out += state.platform;
  out += ' ';
  out += event.actor_handle.empty() ? event.actor_account_id : event.actor_handle;
  append_actor(out, state);
  out += ' ';
  out += kActionPhrase[static_cast<int>(event.action)];
  if (verdict.target_is_group) {
    out += ' ';
    append_target(out, verdict);
  } else if (verdict.target) {
    out += event.action == Action::follow ? " " : " dari/pada ";
    append_target(out, verdict);
  } else if (verdict.entity) {
    out += " yang menyebut ";
    append_target(out, verdict);
  }
  if (!event.group_name.empty() && !verdict.target_is_group) {
    out += " di grup \"";
    out += event.group_name;
    out += '"';
  }
  out += '.';
  if (!state.quote.empty()) {
    out += " Isi (";
    out += state.quote_field;
    out += "): \"";
    out += state.quote;
    out += "\".";
  }
  if (verdict.media) {
    out += " Media yang dibagikan dikenal sebagai bahan kampanye: ";
    out += verdict.media->description;
    out += '.';
  }
  out += " Perbuatan ini diduga termasuk ";
  out += rule.name;
  out += " (SKB ";
  out += rule.skb_item[verdict.phase_index];
  out += "), terjadi pada ";
  out += kPhaseText[verdict.phase_index];
  if (verdict.race) {
    out += ' ';
    out += verdict.race->name;
  }
  out += '.';
  if (verdict.out_of_schedule) out += " Terjadi di luar jadwal kampanye (UU 7/2017 Pasal 492).";
  if (!event.url.empty()) {
    out += " Tautan: ";
    out += event.url;
    out += '.';
  }
  out += " Diketahui oleh Patroli Siber pada ";
  out += state.now_text;
  out += '.';
}

}  // namespace netra::engine
