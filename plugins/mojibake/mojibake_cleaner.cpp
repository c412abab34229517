// Repairs GBK text that was decoded one byte out of step after a multibyte-unsafe
// split or byte-level insertion: "?;顒?dòng)" is the GBK of "。活動(dòng)" with its first
// byte lost. Each '?' marks lost bytes; the characters after it, re-encoded to GBK,
// are re-paired one byte over until the stream comes back in step. Lost bytes are
// inferred from three constraints: the pair must be valid GBK, a pinyin annotation
// after it must be a reading of it, and the document should use the character.
// It first re-decodes UTF-8 text once read as windows-1252 (double_utf8.hpp).
// See docs/repairs.md.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "clearpage/hanzi/han_reading.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/charset.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"
#include "double_utf8.hpp"

namespace clearpage::plugins {

namespace {

using text::HanReading;

// Every GBK double-byte pair decoded once through ICU, shared by all instances.
class GbkTable {
 public:
  GbkTable() : to_char_(65536, 0) {
    for (int lead = 0x81; lead <= 0xFE; ++lead) {
      for (int trail = 0x40; trail <= 0xFE; ++trail) {
        if (trail == 0x7F) continue;
        const char bytes[2] = {static_cast<char>(lead), static_cast<char>(trail)};
        std::size_t invalid = 0;
        const std::string utf8 = text::decode_with(std::string_view(bytes, 2), "gbk", &invalid);
        if (invalid != 0) continue;
        std::size_t pos = 0;
        const char32_t c = text::next_code_point(utf8, pos);
        if (pos != utf8.size() || c < 0x80 || c == text::kReplacementChar) continue;
        const auto code = static_cast<std::uint16_t>((lead << 8) | trail);
        // Damaged text may hold private-use characters (user-defined GBK areas), but
        // real text never does, so a repair never produces one.
        if (c < 0xE000 || c > 0xF8FF) to_char_[code] = c;
        to_bytes_.emplace(c, code);
      }
    }
  }

  char32_t decode(int lead, int trail) const {
    if (lead < 0x81 || lead > 0xFE || trail < 0x40 || trail > 0xFE) return 0;
    return to_char_[static_cast<std::size_t>((lead << 8) | trail)];
  }
  // The two GBK bytes of a non-ASCII character, or nullopt.
  std::optional<std::uint16_t> encode(char32_t c) const {
    const auto found = to_bytes_.find(c);
    if (found == to_bytes_.end()) return std::nullopt;
    return found->second;
  }

 private:
  std::vector<char32_t> to_char_;
  std::unordered_map<char32_t, std::uint16_t> to_bytes_;
};

const GbkTable& gbk_table() {
  static const GbkTable table;
  return table;
}

std::string hex_byte(int b) {
  char buffer[4];
  std::snprintf(buffer, sizeof buffer, "%02X", b & 0xFF);
  return buffer;
}

std::string utf8_of(char32_t c) {
  std::string s;
  text::append_utf8(s, c);
  return s;
}

bool is_marker(char32_t c) {
  return c == '?' || c == text::kReplacementChar;
}

bool is_cjk_punctuation(char32_t c) {
  return (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF65) ||
         (c >= 0x2010 && c <= 0x2027);
}

// A known byte, or an unknown one (slot >= 0) to be inferred.
struct Byte {
  int value = -1;
  int slot = -1;
};
Byte known(int value) {
  return {value, -1};
}

struct Item {
  bool is_pair = false;
  Byte first, second;  // pairs
  std::string literal;
};

// "this pair was read as `syllable`": a pinyin annotation was inserted after it.
struct Constraint {
  Byte first, second;
  std::string syllable;
  bool spurious = false;  // the annotation fell inside a character and is dropped
};

struct Plan {
  std::vector<Item> items;
  std::vector<Constraint> constraints;
  int slots = 0;
  std::size_t end = 0;               // text offset where the stream is back in step
  double damaged = 0;                // document support of the damaged characters replaced
  int multibyte_units = 0;           // non-ASCII damaged characters re-paired
  std::vector<std::string> dropped;  // spurious annotations
  std::vector<int> values;           // inferred byte of each slot
  std::vector<std::string> notes;    // why each slot got its byte
};

int value_of(const Plan& plan, Byte b) {
  return b.slot >= 0 ? plan.values[static_cast<std::size_t>(b.slot)] : b.value;
}

// Support (natural-log document frequency) credited to each annotation a plan satisfies:
// few of the ~190 candidate pairs have a given reading.
constexpr double kConstraintEvidence = 1.0;

// Calls `f` on the text of each kept block, its list items and its table cells.
template <typename Blocks, typename F>
void for_each_text(Blocks& blocks, F&& f) {
  for (auto& block : blocks) {
    if (!block.kept()) continue;
    f(block.text);
    for (auto& item : block.items) f(item);
    for (auto& row : block.rows) {
      for (auto& cell : row) f(cell);
    }
  }
}

class MojibakeCleaner final : public Cleaner {
 public:
  explicit MojibakeCleaner(const StageContext& context)
      : min_gain_(context.options.get_float("min_gain")),
        max_run_(static_cast<std::size_t>(context.options.get_int("max_run"))) {}

  void clean(Document& doc) override {
    undo_double_encoding(doc);
    // Most documents have no marker, or no CJK text for GBK to have damaged (an English
    // page's question marks); they skip the character census and the GBK table, which
    // is built on the first document that needs it.
    if (!has_marker_and_cjk(doc)) return;
    count_characters(doc);
    has_full_width_ = false;
    for (const auto& [c, n] : counts_) {
      if (c >= 0xFF01 && c <= 0xFF5E && n > 0) has_full_width_ = true;
    }
    for_each_text(doc.blocks, [&](std::string& s) { repair_text(s, doc.repairs); });
  }

 private:
  // Text once read as windows-1252 comes back first: the GBK repair below reads the
  // characters it leaves. One repair record per distinct damaged sequence.
  static void undo_double_encoding(Document& doc) {
    std::map<std::pair<std::string, std::string>, int> found;
    const auto fix = [&](std::string& s) {
      mojibake::DoubleUtf8Fix result = mojibake::undo_double_utf8(s);
      if (result.sequences.empty()) return;
      for (const auto& [pair, n] : result.sequences) found[pair] += n;
      s = std::move(result.repaired);
    };
    for_each_text(doc.blocks, fix);
    for (Block& block : doc.blocks) {
      if (block.kept()) fix(block.alt);
    }
    Metadata& meta = doc.meta;
    for (std::string* field :
         {&meta.title, &meta.author, &meta.editor, &meta.source_name, &meta.site}) {
      fix(*field);
    }
    for (auto& keyword : meta.keywords) fix(keyword);
    for (const auto& [pair, n] : found) {
      Repair repair;
      repair.plugin = "mojibake";
      repair.rule = "utf8-as-cp1252";
      repair.before = pair.first;
      repair.after = pair.second;
      std::string bytes;
      for (const unsigned char b : pair.second) bytes += (bytes.empty() ? "" : " ") + hex_byte(b);
      repair.detail = "UTF-8 bytes " + bytes + " read as windows-1252 or Latin-1, re-decoded (" +
                      std::to_string(n) + (n == 1 ? " time)" : " times)");
      doc.repairs.push_back(std::move(repair));
    }
  }

  struct Char {
    char32_t c;
    std::size_t begin, end;
  };

  void count_characters(const Document& doc) {
    counts_.clear();
    // Pinyin annotations are left out: their tone vowels are not the document's text.
    const auto add = [&](const std::string& s) {
      std::vector<Char> chars;
      for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t begin = pos;
        const char32_t c = text::next_code_point(s, pos);
        chars.push_back({c, begin, pos});
      }
      std::string syllable;
      for (std::size_t i = 0; i < chars.size(); ++i) {
        if (chars[i].c == '(' || chars[i].c == 0xFF08) {
          if (const std::size_t tail = annotation_tail(chars, i + 1, s, &syllable)) {
            i += tail;
            continue;
          }
        }
        ++counts_[chars[i].c];
      }
    };
    for_each_text(doc.blocks, add);
  }

  // Support for a character: how often the rest of the document uses it.
  double support(char32_t c, const std::unordered_map<char32_t, int>& local) const {
    const auto found = counts_.find(c);
    int n = found == counts_.end() ? 0 : found->second;
    const auto mine = local.find(c);
    if (mine != local.end()) n -= mine->second;
    return std::log1p(std::max(n, 0));
  }

  // Length in chars of "syllable)" at `at` (no opening parenthesis), or 0.
  static std::size_t annotation_tail(const std::vector<Char>& chars, std::size_t at,
                                     std::string_view s, std::string* syllable) {
    for (std::size_t j = at; j < chars.size() && j < at + 8; ++j) {
      if (chars[j].c == ')' || chars[j].c == 0xFF09) {
        if (j == at) return 0;
        const std::string_view body = s.substr(chars[at].begin, chars[j].begin - chars[at].begin);
        if (!text::is_pinyin_syllable(body)) return 0;
        *syllable = std::string(body);
        return j - at + 1;
      }
    }
    return 0;
  }

  static bool has_marker(std::string_view s) {
    return s.find('?') != std::string_view::npos ||
           s.find("\xEF\xBF\xBD") != std::string_view::npos;
  }

  // A lead byte of U+3000..U+9FFF: CJK punctuation, kana and the main Han blocks.
  static bool has_cjk(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return byte >= 0xE3 && byte <= 0xE9;
    });
  }

  static bool has_marker_and_cjk(const Document& doc) {
    bool marker = false;
    bool cjk = false;
    const auto look = [&](const std::string& s) {
      marker = marker || has_marker(s);
      cjk = cjk || has_cjk(s);
      return marker && cjk;
    };
    for (const auto& block : doc.blocks) {
      if (!block.kept()) continue;
      if (look(block.text)) return true;
      for (const auto& item : block.items) {
        if (look(item)) return true;
      }
      for (const auto& row : block.rows) {
        for (const auto& cell : row) {
          if (look(cell)) return true;
        }
      }
    }
    return false;
  }

  void repair_text(std::string& s, std::vector<Repair>& repairs) {
    if (!has_marker(s)) return;
    std::vector<Char> chars;
    for (std::size_t pos = 0; pos < s.size();) {
      const std::size_t begin = pos;
      const char32_t c = text::next_code_point(s, pos);
      chars.push_back({c, begin, pos});
    }
    std::string out;
    std::size_t copied = 0;  // text offset copied to `out` so far
    for (std::size_t i = 0; i < chars.size(); ++i) {
      if (!is_marker(chars[i].c)) continue;
      std::optional<Plan> plan = best_plan(chars, i, s);
      if (!plan) continue;
      std::string repaired = render(*plan);
      if (!has_full_width_) repaired = text::fold_full_width_ascii(repaired);
      Repair repair;
      repair.plugin = "mojibake";
      repair.rule = "gbk-realign";
      repair.before = s.substr(chars[i].begin, plan->end - chars[i].begin);
      repair.after = repaired;
      repair.detail = describe(*plan);
      out.append(s.substr(copied, chars[i].begin - copied));
      out.append(repaired);
      copied = plan->end;
      repairs.push_back(std::move(repair));
      while (i + 1 < chars.size() && chars[i + 1].begin < plan->end) ++i;
    }
    if (copied == 0) return;
    out.append(s.substr(copied));
    s = std::move(out);
  }

  // Walks the damaged stream from the marker at `start`, collecting every point where
  // it could come back in step, and keeps the plan the document supports best.
  std::optional<Plan> best_plan(const std::vector<Char>& chars, std::size_t start,
                                std::string_view s) {
    // The byte before the marker, for an annotation inserted across a character boundary.
    std::optional<int> context_byte;
    {
      std::size_t j = start;
      if (j > 0 && (chars[j - 1].c == ')' || chars[j - 1].c == 0xFF09)) {
        // Skip an annotation "(syl)" right before the marker.
        std::size_t k = j - 1;
        while (k > 0 && chars[k - 1].c != '(' && chars[k - 1].c != 0xFF08 && j - k < 9) --k;
        if (k > 0 && (chars[k - 1].c == '(' || chars[k - 1].c == 0xFF08)) j = k - 1;
      }
      if (j > 0) {
        if (auto code = gbk_table().encode(chars[j - 1].c)) context_byte = *code & 0xFF;
      }
    }

    std::unordered_map<char32_t, int> local;
    Plan path;
    Byte pending;
    std::optional<Byte> previous;  // the byte before `pending` in the stripped stream
    if (context_byte) previous = known(*context_byte);
    std::size_t i = start;
    std::string syllable;
    pending = Byte{-1, path.slots++};
    ++local[chars[i].c];
    if (const std::size_t tail = annotation_tail(chars, i + 1, s, &syllable)) {
      // '?' swallowed the '(' of an annotation inserted inside the next character.
      if (!previous) return std::nullopt;
      path.constraints.push_back({*previous, pending, syllable, true});
      path.dropped.push_back("(" + syllable + ")");
      for (std::size_t k = i + 1; k <= i + tail; ++k) ++local[chars[k].c];
      i += tail;
    }
    ++i;

    std::vector<Plan> done;
    const auto finish = [&](Plan plan, std::size_t end) {
      plan.end = end;
      done.push_back(std::move(plan));
    };
    const auto push_pair = [&](Plan& plan, Byte a, Byte b) {
      Item item;
      item.is_pair = true;
      item.first = a;
      item.second = b;
      plan.items.push_back(item);
    };

    for (std::size_t units = 0; i < chars.size() && units < max_run_; ++units) {
      const char32_t c = chars[i].c;
      if (c == '(' || c == 0xFF08) {
        if (const std::size_t tail = annotation_tail(chars, i + 1, s, &syllable)) {
          // An annotation inside a character: the inserter matched bytes across a boundary.
          if (!previous) break;
          path.constraints.push_back({*previous, pending, syllable, true});
          path.dropped.push_back("(" + syllable + ")");
          for (std::size_t k = i; k <= i + tail; ++k) ++local[chars[k].c];
          i += tail + 1;
          continue;
        }
      }
      if (is_marker(c)) {
        ++local[c];
        const Byte lost{-1, path.slots};
        if (const std::size_t tail = annotation_tail(chars, i + 1, s, &syllable)) {
          // Lost byte plus the swallowed '(' of an annotation that ends the run.
          Plan plan = path;
          plan.slots++;
          push_pair(plan, pending, lost);
          plan.constraints.push_back({pending, lost, syllable, false});
          Item paren;
          paren.literal = "(";
          plan.items.push_back(paren);
          finish(std::move(plan), chars[i].end);
        } else {
          Plan plan = path;
          plan.slots++;
          push_pair(plan, pending, lost);
          finish(std::move(plan), chars[i].end);
        }
        if (c != '?') break;
        // Or a full-width question mark, folded to ASCII.
      }
      if (c < 0x80 && !is_marker(c)) {
        if (c >= 0x40 && c <= 0x7E) {
          Plan plan = path;
          push_pair(plan, pending, known(static_cast<int>(c)));
          ++local[c];
          plan.damaged += support(c, local);
          finish(std::move(plan), chars[i].end);
          --local[c];
        }
      }
      // Continue: the character is two GBK bytes (ASCII ones as their full-width form).
      char32_t wide = c;
      if (c == ' ') wide = 0x3000;
      if (c >= 0x21 && c <= 0x7E) wide = c - 0x21 + 0xFF01;
      const auto code = gbk_table().encode(wide);
      if (!code) break;
      if (!is_marker(c)) {
        ++local[c];
        path.damaged += support(c, local);
        if (c >= 0x80) ++path.multibyte_units;
      }
      const int lead = *code >> 8;
      const int trail = *code & 0xFF;
      push_pair(path, pending, known(lead));
      previous = known(lead);
      pending = known(trail);
      ++i;
    }

    std::optional<Plan> best;
    double best_gain = min_gain_;
    for (Plan& plan : done) {
      if (plan.multibyte_units == 0) continue;
      const auto gain = resolve(plan, local);
      if (gain && *gain >= best_gain) {
        best_gain = *gain;
        best = std::move(plan);
      }
    }
    return best;
  }

  // Infers the unknown bytes of a plan; returns its gain in document support, or
  // nullopt when some pair is not valid GBK or an annotation fits no candidate.
  std::optional<double> resolve(Plan& plan, const std::unordered_map<char32_t, int>& local) {
    plan.values.assign(static_cast<std::size_t>(plan.slots), -1);
    plan.notes.assign(static_cast<std::size_t>(plan.slots), std::string());
    for (int slot = 0; slot < plan.slots; ++slot) {
      struct Candidate {
        int value;
        double score;
        int kind;  // 2 punctuation, 1 Han, 0 other: a tie-break
        HanReading::Match match;
      };
      std::vector<Candidate> candidates;
      for (int v = 0x81; v <= 0xFE; ++v) {
        const auto byte_of = [&](Byte b) { return b.slot == slot ? v : b.value; };
        bool ok = true;
        double score = 0;
        int kind = 0;
        HanReading::Match match = HanReading::Match::kExact;
        for (const Item& item : plan.items) {
          if (!item.is_pair || (item.first.slot != slot && item.second.slot != slot)) continue;
          if (item.first.slot >= 0 && item.second.slot >= 0) return std::nullopt;
          const char32_t c = gbk_table().decode(byte_of(item.first), byte_of(item.second));
          if (c == 0) {
            ok = false;
            break;
          }
          score += support(c, local);
          kind = is_cjk_punctuation(c) ? 2 : text::is_han(c) ? 1 : 0;
        }
        if (!ok) continue;
        for (const Constraint& k : plan.constraints) {
          if (k.first.slot != slot && k.second.slot != slot) continue;
          if (k.first.slot >= 0 && k.second.slot >= 0) return std::nullopt;
          const char32_t c = gbk_table().decode(byte_of(k.first), byte_of(k.second));
          const auto m = c == 0 ? HanReading::Match::kNone : readings_.matches(c, k.syllable);
          match = std::min(match, m);
        }
        if (match == HanReading::Match::kNone) continue;
        candidates.push_back({v, score, kind, match});
      }
      if (candidates.empty()) return std::nullopt;
      // An exact reading beats a toneless one, then support, then punctuation over Han.
      const auto better = [](const Candidate& a, const Candidate& b) {
        if (a.match != b.match) return a.match > b.match;
        if (a.score != b.score) return a.score > b.score;
        return a.kind > b.kind;
      };
      const auto& top = *std::min_element(candidates.begin(), candidates.end(), better);
      plan.values[static_cast<std::size_t>(slot)] = top.value;
      std::size_t rivals = 0;
      for (const auto& c : candidates) {
        if (!better(top, c) && !better(c, top)) ++rivals;
      }
      std::string note = hex_byte(top.value);
      bool constrained = false;
      for (const Constraint& k : plan.constraints) {
        if (k.first.slot != slot && k.second.slot != slot) continue;
        const int a = k.first.slot == slot ? top.value : k.first.value;
        const int b = k.second.slot == slot ? top.value : k.second.value;
        note += " (" + hex_byte(a) + " " + hex_byte(b) + " = " + utf8_of(gbk_table().decode(a, b)) +
                " read " + k.syllable + ", " + std::to_string(candidates.size()) + " candidate" +
                (candidates.size() == 1 ? "" : "s") + ")";
        constrained = true;
      }
      if (!constrained) {
        note += " (" + std::to_string(candidates.size()) + " valid pairs, best supported by " +
                "the document" + (rivals > 1 ? ", tied" : "") + ")";
      }
      plan.notes[static_cast<std::size_t>(slot)] = std::move(note);
    }
    double repaired = 0;
    for (const Item& item : plan.items) {
      if (!item.is_pair) continue;
      const char32_t c =
          gbk_table().decode(value_of(plan, item.first), value_of(plan, item.second));
      if (c == 0) return std::nullopt;
      repaired += support(c, local);
    }
    // A lost byte whose pair reads as the annotation after it says so is evidence too.
    return repaired - plan.damaged +
           kConstraintEvidence * static_cast<double>(plan.constraints.size());
  }

  std::string render(const Plan& plan) const {
    std::string out;
    for (const Item& item : plan.items) {
      if (item.is_pair) {
        text::append_utf8(
            out, gbk_table().decode(value_of(plan, item.first), value_of(plan, item.second)));
      } else {
        out += item.literal;
      }
    }
    return out;
  }

  std::string describe(const Plan& plan) const {
    std::string bytes;
    for (const Item& item : plan.items) {
      if (!item.is_pair) continue;
      for (const Byte b : {item.first, item.second}) {
        if (!bytes.empty()) bytes += ' ';
        bytes += hex_byte(value_of(plan, b));
        if (b.slot >= 0) bytes += '*';
      }
      bytes += " |";
    }
    std::string detail =
        "GBK bytes read one byte out of step, re-paired: " + bytes + " (* inferred)";
    for (std::size_t slot = 0; slot < plan.notes.size(); ++slot) {
      detail += "; inferred " + plan.notes[slot];
    }
    for (const auto& d : plan.dropped) {
      detail += "; dropped " + d + ", an annotation inserted inside a character";
    }
    return detail;
  }

  HanReading readings_;
  double min_gain_;
  std::size_t max_run_;
  std::unordered_map<char32_t, int> counts_;
  bool has_full_width_ = false;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "mojibake";
  info.description =
      "repairs UTF-8 text once read as windows-1252 (\"isnâ€™t\" -> \"isn’t\") and GBK "
      "text decoded one byte out of step (\"?;顒?dòng)\" -> \"。活動(dòng)\"), "
      "inferring lost bytes from GBK validity, pinyin annotations and the document's own "
      "characters. Run it BEFORE pinyin: the runs hold pinyin fragments that it restores.";
  info.options = {
      {"min_gain", OptionType::kFloat, 1.0,
       "how much better (in log document frequency) the repaired characters must be "
       "supported than the damaged ones",
       false},
      {"max_run", OptionType::kInteger, std::int64_t{64},
       "longest damaged run, in characters, to try re-pairing", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<MojibakeCleaner>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("mojibake", "0.1.0", clearpage::plugins::register_stages)
