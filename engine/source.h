#pragma once
// Where an event was read from: a Kafka topic, partition and offset. The
// alert's `source` (contract §5) and the dead-letter record's headers.
#include <cstdint>
#include <string_view>

namespace netra::engine {

struct Source {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
};

}  // namespace netra::engine
