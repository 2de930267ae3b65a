#include "engine/invalid_reason.h"

namespace netra::engine {

std::string_view invalid_kind_name(InvalidKind kind) {
  switch (kind) {
    case InvalidKind::none:
      return "none";
    case InvalidKind::too_large:
      return "too_large";
    case InvalidKind::invalid_json:
      return "invalid_json";
    case InvalidKind::not_an_object:
      return "not_an_object";
    case InvalidKind::missing_field:
      return "missing_field";
    case InvalidKind::wrong_type:
      return "wrong_type";
    case InvalidKind::bad_enum:
      return "bad_enum";
    case InvalidKind::bad_timestamp:
      return "bad_timestamp";
  }
  return "none";
}

std::string InvalidReason::str() const {
  if (kind == InvalidKind::none) return {};
  std::string s(invalid_kind_name(kind));
  if (!field.empty()) s.append(":").append(field);
  return s;
}

}  // namespace netra::engine
