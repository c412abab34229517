// Writes the block features of HTML pages for training the block classifier, with the
// same code the extract plugin scores pages with.
//
//   clearpage_feature_dump OUT_PREFIX PAGE...
//
// PAGE is an HTML file, gzip-compressed or not. Writes OUT_PREFIX.jsonl (one line per
// page: its path and the text of each block), OUT_PREFIX.f32 (the blocks' feature rows,
// float32, row-major, in the same order) and OUT_PREFIX.names.json (column names).
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "block_features.hpp"
#include "clearpage/text/charset.hpp"

namespace {

std::string read_page(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");  // reads plain files as they are
  if (!file) throw std::runtime_error("cannot open " + path);
  std::string bytes;
  char buffer[1 << 16];
  int got;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0) bytes.append(buffer, got);
  const bool failed = got < 0;
  gzclose(file);
  if (failed) throw std::runtime_error("cannot read " + path);
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: clearpage_feature_dump OUT_PREFIX PAGE...\n";
    return 2;
  }
  const std::string prefix = argv[1];
  std::ofstream meta(prefix + ".jsonl", std::ios::binary);
  std::ofstream rows(prefix + ".f32", std::ios::binary);
  std::ofstream names(prefix + ".names.json", std::ios::binary);
  if (!meta || !rows || !names) {
    std::cerr << "clearpage_feature_dump: cannot write " << prefix << ".*\n";
    return 1;
  }
  names << nlohmann::json(clearpage::extract::feature_names()).dump() << "\n";
  int failures = 0;
  for (int i = 2; i < argc; ++i) {
    const std::string path = argv[i];
    try {
      const auto decoded = clearpage::text::decode_to_utf8(read_page(path));
      const auto dom = clearpage::parse_html(decoded.utf8);
      const auto page = clearpage::extract::page_blocks(*dom);
      nlohmann::json texts = nlohmann::json::array();
      for (const auto& block : page.blocks) {
        texts.push_back(clearpage::extract::block_text(*dom, block));
      }
      meta << nlohmann::json{{"path", path}, {"blocks", page.blocks.size()}, {"texts", texts}}.dump(
                  -1, ' ', false, nlohmann::json::error_handler_t::replace)
           << "\n";
      rows.write(reinterpret_cast<const char*>(page.features.data()),
                 static_cast<std::streamsize>(page.features.size() * sizeof(float)));
    } catch (const std::exception& e) {
      std::cerr << path << ": " << e.what() << "\n";
      meta << nlohmann::json{{"path", path},
                             {"blocks", 0},
                             {"texts", nlohmann::json::array()},
                             {"error", e.what()}}
                  .dump()
           << "\n";
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
