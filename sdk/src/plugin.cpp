#include "clearpage/plugin.hpp"

namespace clearpage {

const char* to_string(StageKind kind) {
  switch (kind) {
    case StageKind::kReader:
      return "reader";
    case StageKind::kCleaner:
      return "cleaner";
    case StageKind::kWriter:
      return "writer";
  }
  return "cleaner";
}

}  // namespace clearpage
