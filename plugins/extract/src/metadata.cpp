#include "clearpage/extract/metadata.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <vector>

#include "clearpage/extract/fields.hpp"
#include "clearpage/extract/jsonld.hpp"
#include "clearpage/extract/meta_values.hpp"
#include "clearpage/text/chinese_date.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::html {

namespace {

std::string rule_name(std::string_view plugin, std::string_view rule) {
  return std::string(plugin) + ":" + std::string(rule);
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string date_from_url(std::string_view url) {
  // Scan for YYYY[-/]?MM[-/]?DD with a plausible year, month and day.
  for (std::size_t i = 0; i + 8 <= url.size(); ++i) {
    if (i > 0 && is_ascii_digit(url[i - 1])) continue;
    if (!(url[i] == '1' || url[i] == '2')) continue;
    std::size_t j = i;
    auto read = [&](int n) {
      int v = 0;
      for (int k = 0; k < n; ++k) {
        if (j >= url.size() || !is_ascii_digit(url[j])) return -1;
        v = v * 10 + (url[j++] - '0');
      }
      return v;
    };
    const int year = read(4);
    if (year < 1995 || year > 2100) continue;
    const bool sep1 = j < url.size() && (url[j] == '-' || url[j] == '/' || url[j] == '_');
    if (sep1) ++j;
    const int month = read(2);
    if (month < 1 || month > 12) continue;
    bool sep2 = j < url.size() && (url[j] == '-' || url[j] == '/' || url[j] == '_');
    if (sep2) ++j;
    if (sep1 != sep2 && !(sep1 && url[j - 1] == '/')) continue;
    const int day = read(2);
    if (day < 1 || day > 31) continue;
    if (j < url.size() && is_ascii_digit(url[j]) && !sep1) {
      // 20210913xxxx ids are common; accept only when a separator or non-digit follows a
      // plain 8-digit run, or the run is longer but preceded by a path separator.
      if (i == 0 || (url[i - 1] != '/' && url[i - 1] != 't' && url[i - 1] != '_')) continue;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  return "";
}

namespace {

// ---------------------------------------------------------------- helpers

std::optional<std::string> date_in(std::string_view s) {
  if (auto d = text::parse_date(s)) return d;
  if (auto m = text::find_date(s)) return m->iso;
  if (std::string d = meta::english_date(s); !d.empty()) return d;
  return std::nullopt;
}

// "By Jane Roe", "Written by Jane Roe | June 2, 2024" -> "Jane Roe".
std::string byline_name(std::string text) {
  text = text::normalize_whitespace(text);
  std::string low = text::ascii_lower(text);
  for (std::string_view lead : {"written by ", "posted by ", "reviewed by ", "by ", "via "}) {
    if (low.rfind(lead, 0) == 0) {
      text = text.substr(lead.size());
      low = low.substr(lead.size());
      break;
    }
  }
  // The name ends where a date, a separator or "on <date>" starts.
  std::size_t end = text.size();
  for (std::string_view stop :
       {" | ", " - ", " — ", " · ", " • ", " » ", " on ", ", updated", "|", "»"}) {
    const std::size_t at = low.find(stop);
    if (at != std::string::npos && at < end) end = at;
  }
  // A number that starts a word starts a date; digits inside one are a user name's
  // ("user447274").
  for (std::size_t i = 0; i < end; ++i) {
    const bool in_word = i > 0 && std::isalnum(static_cast<unsigned char>(low[i - 1])) != 0;
    if (low[i] >= '0' && low[i] <= '9' && !in_word) {
      end = i;
      break;
    }
  }
  std::string name = text::trim(std::string_view(text).substr(0, end));
  while (!name.empty() && (name.back() == ',' || name.back() == ':')) name.pop_back();
  // A date's words are no name ("Sat", "Sun Dec"), nor is a placeholder ("The Author").
  const std::string first = text::ascii_lower(name.substr(0, name.find(' ')));
  for (std::string_view word :
       {"mon",    "tue", "wed",    "thu",     "fri",       "sat",      "sun",    "jan",
        "feb",    "mar", "apr",    "jun",     "jul",       "aug",      "sep",    "oct",
        "nov",    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "the", "admin",  "posted",  "updated"}) {
    if (first == word) return "";
  }
  return text::count_code_points(name) >= 2 ? name : "";
}

// The author the page shows: microdata (itemprop="author", its itemprop="name" when it has
// one), then a rel="author" link, then a short element whose class names the author or the
// byline.
std::optional<std::pair<std::string, const char*>> visible_byline(const HtmlDom& dom) {
  for (Node n : select(dom, "[itemprop=author]")) {
    std::string name;
    if (Node inner = select_first(n, "[itemprop=name]")) {
      name = std::string(attr(inner, "content"));
      if (name.empty()) name = text_content(inner);
    }
    if (name.empty()) name = std::string(attr(n, "content"));
    if (name.empty() && text::count_code_points_capped(text_content(n), 80) <= 80)
      name = byline_name(text_content(n));
    if (!byline_name(name).empty()) return std::pair{byline_name(name), "itemprop_author"};
  }
  for (Node n : select(dom, "a[rel=author]")) {
    const std::string name = byline_name(text_content(n));
    if (!name.empty()) return std::pair{name, "rel_author"};
  }
  Node body = dom.body();
  if (!body) return std::nullopt;
  std::optional<std::pair<std::string, const char*>> found;
  for_each_element(body, [&](Node n) {
    if (found) return false;
    const std::string_view t = tag(n);
    if (t == "script" || t == "style" || t == "noscript" || t == "footer" || t == "nav")
      return false;
    const bool marked = any_class_token(attr(n, "class"), [](std::string_view token) {
      return token == "author" || token == "byline" || token == "author-name" ||
             token == "entry-author" || token == "post-author" || token == "article-author" ||
             token == "author_name" || token == "byline__name" || token == "c-byline";
    });
    if (!marked) return true;
    const std::string text = text_content(n);
    if (text::count_code_points_capped(text, 80) > 80) return true;
    const std::string name = byline_name(text);
    if (!name.empty()) found = std::pair{name, "byline_class"};
    return false;
  });
  return found;
}

// "Posted on ...", "Published: ...", "By Jane Roe | June 2, 2024": a line that dates the page.
bool publishing_line(std::string_view line) {
  const std::string low = text::ascii_lower(line);
  for (std::string_view word : {"posted", "published", "by ", "written"}) {
    if (low.find(word) != std::string::npos) return true;
  }
  return false;
}

// A date on a line of its own beside the headline: under the <h1> ("By Jane Roe",
// "June 2, 2024") or just above it ("Last updated:", "Dec 12, 2025"). The byline zone dates
// the page where no markup says so. Nearer lines win. Above the headline only a written
// date counts: a bare ISO date there is more often a version or a build. On a page of many
// dated lines (a list of posts or episodes) the date beside the heading is its first entry's.
std::optional<std::string> header_zone_date(const std::vector<std::string>& lines,
                                            std::size_t head) {
  if (head == std::string::npos) return std::nullopt;
  constexpr std::size_t kAfter = 4;
  constexpr std::size_t kManyDates = 10;
  const auto short_enough = [](const std::string& line) {
    return text::count_code_points_capped(line, 40) <= 40;
  };
  const auto written = [&](const std::string& line) {
    return short_enough(line) ? meta::english_date(line) : std::string();
  };
  const auto any_date = [&](const std::string& line) -> std::optional<std::string> {
    if (!short_enough(line)) return std::nullopt;
    if (std::string d = meta::english_date(line); !d.empty()) return d;
    if (auto m = text::find_date(line)) return m->iso.substr(0, 10);
    return std::nullopt;
  };
  std::optional<std::string> found;
  for (std::size_t i = head; !found && i < lines.size() && i < head + kAfter; ++i) {
    found = any_date(lines[i]);
  }
  if (!found && head > 0) {
    if (std::string d = written(lines[head - 1]); !d.empty()) found = d;
  }
  // Counted only once a date is found: most pages never get this far.
  if (!found) return std::nullopt;
  std::size_t dated = 0;
  for (const auto& line : lines) {
    if (any_date(line) && ++dated >= kManyDates) return std::nullopt;
  }
  return found;
}

// Seconds since 1970 of an ISO 8601 time with its offset ("2025-12-19T03:05:00+00:00",
// "...Z"); nullopt for a bare date or a time without a zone, whose instant is unknown.
std::optional<long long> instant_of(std::string_view iso) {
  const auto number = [&](std::size_t at, std::size_t len) -> int {
    if (at + len > iso.size()) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (!is_ascii_digit(iso[i])) return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  if (iso.size() < 17 || iso[10] != 'T') return std::nullopt;
  const int y = number(0, 4), mo = number(5, 2), d = number(8, 2);
  const int h = number(11, 2), mi = number(14, 2);
  if (y < 0 || mo < 1 || d < 1 || h < 0 || mi < 0) return std::nullopt;
  std::size_t pos = 16;
  int sec = 0;
  if (pos < iso.size() && iso[pos] == ':') {
    sec = number(pos + 1, 2);
    if (sec < 0) return std::nullopt;
    pos += 3;
  }
  while (pos < iso.size() && (iso[pos] == '.' || is_ascii_digit(iso[pos]))) ++pos;
  long long offset = 0;
  if (pos < iso.size() && iso[pos] == 'Z') {
    ++pos;
  } else if (pos < iso.size() && (iso[pos] == '+' || iso[pos] == '-')) {
    const int oh = number(pos + 1, 2), om = number(pos + 4, 2);
    if (oh < 0 || om < 0 || iso[pos + 3] != ':') return std::nullopt;
    offset = (iso[pos] == '-' ? -1 : 1) * (oh * 3600LL + om * 60LL);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != iso.size()) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(mo)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return std::nullopt;
  const long long days = std::chrono::sys_days{day}.time_since_epoch().count();
  return days * 86400 + h * 3600LL + mi * 60LL + sec - offset;
}

bool in_utc(std::string_view iso) {
  return iso.ends_with("Z") || iso.ends_with("+00:00") || iso.ends_with("-00:00");
}

// A time given in UTC (meta tags and JSON-LD often are) that a <time> on the page shows
// at the same instant in the page's own zone: the local form names the day the reader
// sees, a day later or earlier near midnight.
std::optional<std::string> local_form(const HtmlDom& dom, const std::string& published) {
  if (!in_utc(published)) return std::nullopt;
  const std::optional<long long> instant = instant_of(published);
  if (!instant) return std::nullopt;
  for (Node n : find_by_tag(dom, "time")) {
    const std::optional<std::string> d = date_in(attr(n, "datetime"));
    if (!d || in_utc(*d)) continue;
    if (instant_of(*d) == instant) return d;
  }
  return std::nullopt;
}

// Microdata and <time>: an element marked itemprop="datePublished" (its datetime or content
// attribute, else its text), then the first <time> that is not marked as an update.
std::optional<std::pair<std::string, const char*>> marked_up_date(const HtmlDom& dom) {
  for (Node n : select(dom, "[itemprop=datePublished]")) {
    for (std::string_view key : {"datetime", "content"}) {
      if (auto d = date_in(attr(n, key))) return std::pair{*d, "itemprop_date_published"};
    }
    if (auto d = date_in(text_content(n))) return std::pair{*d, "itemprop_date_published"};
  }
  for (Node n : find_by_tag(dom, "time")) {
    if (has_class(n, "updated") || attr(n, "itemprop") == "dateModified") continue;
    if (auto d = date_in(attr(n, "datetime"))) return std::pair{*d, "time_datetime"};
    const std::string text = text_content(n);
    if (text::count_code_points(text) <= 40) {
      if (auto d = date_in(text)) return std::pair{*d, "time_text"};
    }
  }
  return std::nullopt;
}

std::string unix_to_china_time(long long seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// `var ct = "1582..."` (WeChat), with single, double or no quotes.
std::optional<long long> wechat_ct(std::string_view script) {
  std::size_t pos = 0;
  while ((pos = script.find("ct", pos)) != std::string_view::npos) {
    const bool word_start =
        pos == 0 || !(std::isalnum(static_cast<unsigned char>(script[pos - 1])) ||
                      script[pos - 1] == '_' || script[pos - 1] == '.');
    std::size_t i = pos + 2;
    pos = i;
    if (!word_start) continue;
    while (i < script.size() && script[i] == ' ') ++i;
    if (i >= script.size() || script[i] != '=') continue;
    ++i;
    while (i < script.size() && (script[i] == ' ' || script[i] == '"' || script[i] == '\'')) ++i;
    std::size_t j = i;
    while (j < script.size() && is_ascii_digit(script[j])) ++j;
    if (j - i == 10) return std::stoll(std::string(script.substr(i, j - i)));
  }
  return std::nullopt;
}

// One short line being collected. Lines are kept only up to 160 characters, so a line
// stops collecting once it is surely longer: its count of the bytes that cannot be part
// of a space (no ASCII space, no lead byte a Unicode space starts with, no continuation
// byte) passes 160. Paragraphs run to thousands of bytes, and the rest of them is only
// searched for the next line break.
class ShortLine {
 public:
  static constexpr std::size_t kMaxChars = 160;

  bool dead() const { return kept_ > kMaxChars; }

  // What each byte tells, looked up rather than branched on: the loop below reads every
  // byte of the body's short runs.
  static constexpr std::uint8_t kKept = 1;   // counts towards the length
  static constexpr std::uint8_t kBlank = 2;  // an ASCII space
  // Every rule that reads the short lines needs a digit (dates, times), a CJK character
  // (the labels, Chinese numerals, 昨天) or a full-width form.
  static constexpr std::uint8_t kMeta = 4;
  static constexpr std::array<std::uint8_t, 256> kByteClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int b = 0; b < 256; ++b) {
      std::uint8_t k = 0;
      if (b < 0x80) {
        const bool space =
            b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
        k |= space ? kBlank : kKept;
        if (b >= '0' && b <= '9') k |= kMeta;
      } else {
        if (b >= 0xC0 && b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3 && b != 0xEF) k |= kKept;
        if ((b >= 0xE3 && b <= 0xE9) || b == 0xEF) k |= kMeta;
      }
      t[static_cast<std::size_t>(b)] = k;
    }
    return t;
  }();

  // Text without line breaks.
  void add(std::string_view piece) {
    if (dead()) return;
    for (const char c : piece) {
      const std::uint8_t k = kByteClass[static_cast<unsigned char>(c)];
      kept_ += k & kKept;
      // A newline here is one that does not break the line (inside an inline element).
      blank_ = blank_ && (k & kBlank);
      meta_ = meta_ || (k & kMeta);
      if (dead()) return;
    }
    text_ += piece;
  }

  // Ends the line; a line worth keeping goes to `lines`, normalised.
  void end(std::vector<std::string>& lines) {
    if (!blank_ && !dead() && meta_) {
      std::string line = text::normalize_whitespace(text_);
      if (!line.empty() && text::count_code_points(line) <= kMaxChars) {
        lines.push_back(std::move(line));
      }
    }
    text_.clear();
    kept_ = 0;
    blank_ = true;
    meta_ = false;
  }

 private:
  std::string text_;
  std::size_t kept_ = 0;
  bool blank_ = true;
  bool meta_ = false;
};

// Documentation generators (Sphinx, MkDocs) end each heading with a "¶" link to itself.
std::string without_permalink_mark(std::string heading) {
  static constexpr std::string_view kPilcrow = "\u00b6";
  while (heading.ends_with(kPilcrow)) {
    heading.resize(heading.size() - kPilcrow.size());
    heading = text::trim(heading);
  }
  return heading;
}

// Short text runs of the body in document order: each element's own text, with the
// text of its inline children, split at <br> and at newlines in its own text. Only runs
// that a date or a label can be read from are kept (ShortLine::kMeta).
struct ShortLines {
  std::vector<std::string> lines;
  // How many lines come before the <h1> that reads `headline`; npos when none does.
  std::size_t headline_at = std::string::npos;
};

ShortLines short_lines(Node body, std::size_t limit, const std::string& headline) {
  static const TagSet kInline = {"span", "a", "em", "strong", "b", "font", "i", "time", "label"};
  ShortLines out;
  std::vector<std::string>& lines = out.lines;
  ShortLine line;
  for_each_element(body, [&](Node n) {
    const std::string_view t = tag(n);
    if (t == "script" || t == "style" || t == "noscript") return false;
    if (t == "h1" && out.headline_at == std::string::npos && !headline.empty() &&
        without_permalink_mark(text_content(n)) == headline) {
      line.end(lines);
      out.headline_at = lines.size();
    }
    for (Node c = first_child(n); c; c = next_sibling(c)) {
      if (is_text(c)) {
        std::string_view rest = node_text(c);
        for (std::size_t nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
          line.add(rest.substr(0, nl));
          line.end(lines);
          rest.remove_prefix(nl + 1);
        }
        line.add(rest);
      } else if (is_element(c)) {
        const std::string_view ct = tag(c);
        if (kInline.contains(ct)) {
          // Set off by spaces; its newlines are spaces too, as in the normalised
          // text_content(), so they do not split the line.
          line.add(" ");
          for_each_text_piece(c, [&line](std::string_view piece) {
            line.add(piece);
            return !line.dead();
          });
          line.add(" ");
        } else if (ct == "br") {
          line.end(lines);
        }
      }
    }
    line.end(lines);
    return lines.size() < limit;
  });
  return out;
}

// A candidate that fails the value rules (meta_values.hpp) is skipped, so that the next
// source can fill the field. `generator` is the page's <meta name="generator">, which tells
// a software credit from an author.
std::optional<std::string> checked(const std::string& field, const std::string& value,
                                   std::string_view generator) {
  if (field == "published") return meta::valid_date(value, meta::tomorrow_utc());
  if (field == "author" || field == "editor") return meta::valid_name(value, generator);
  if (field == "source_name") return meta::valid_name(value);
  if (field == "language") return meta::valid_language(value);
  if (field == "title" || field == "site") return meta::valid_title(value);
  return value;
}

void set_field(Metadata& meta, const std::string& field, std::string value, std::string_view plugin,
               std::string_view rule, std::string_view generator = {}) {
  value = text::normalize_whitespace(value);
  if (value.empty()) return;
  std::optional<std::string> valid = checked(field, value, generator);
  if (!valid) return;
  value = std::move(*valid);
  std::string* target = nullptr;
  if (field == "title") target = &meta.title;
  if (field == "published") target = &meta.published;
  if (field == "site") target = &meta.site;
  if (field == "source_name") target = &meta.source_name;
  if (field == "author") target = &meta.author;
  if (field == "editor") target = &meta.editor;
  if (field == "language") target = &meta.language;
  if (field == "script") target = &meta.script;
  if (!target || !target->empty()) return;
  *target = std::move(value);
  meta.found_by[field] = rule_name(plugin, rule);
}

std::string script_from_language(std::string_view lang) {
  const std::string l = text::ascii_lower(lang);
  if (l.rfind("zh", 0) != 0) return "";
  if (l.find("hant") != std::string::npos || l.find("tw") != std::string::npos ||
      l.find("hk") != std::string::npos || l.find("mo") != std::string::npos) {
    return "Hant";
  }
  if (l.find("hans") != std::string::npos || l.find("cn") != std::string::npos ||
      l.find("sg") != std::string::npos) {
    return "Hans";
  }
  return "";
}

// Whether the first <h1> reading `h1` comes before the page's text: no paragraph of
// sentence length precedes it. An <h1> further down heads a section, not the page.
bool opens_the_text(const HtmlDom& dom, const std::string& h1) {
  if (h1.empty() || !dom.body()) return false;
  bool opens = false;
  bool done = false;
  for_each_element(dom.body(), [&](Node n) {
    if (done) return false;
    const std::string_view t = tag(n);
    if (t == "script" || t == "style" || t == "noscript") return false;
    if (t == "h1") {
      if (text_content(n) == h1) {
        opens = true;
        done = true;
      }
      return false;
    }
    if (t == "p" && text::count_code_points_capped(text_content(n), 120) > 120) {
      done = true;
      return false;
    }
    return true;
  });
  return opens;
}

// Whether `heading` shares a word with `title`: a word of four or more letters in a
// script that spaces its words (Latin, Cyrillic, Hangul), or two Han characters in a row. A heading
// sharing none names a section or the site
// ("Our Blog", "Menu") while the page's own title names the article.
bool shares_a_word(std::string_view heading, std::string_view title) {
  const auto words = [](std::string_view s) {
    std::vector<std::string> out;
    std::string latin;                                  // the spaced word being read
    std::size_t previous_han = std::string_view::npos;  // where the last Han character began
    std::size_t i = 0;
    const auto end_latin = [&] {
      if (text::count_code_points(latin) >= 4) out.push_back(latin);
      latin.clear();
    };
    while (i < s.size()) {
      const std::size_t begin = i;
      const char32_t c = text::next_code_point(s, i);
      if (text::is_han(c)) {
        end_latin();
        if (previous_han != std::string_view::npos) {
          out.push_back(std::string(s.substr(previous_han, i - previous_han)));
        }
        previous_han = begin;
      } else if (c < 0x80 ? std::isalnum(static_cast<unsigned char>(c)) != 0
                          : !text::is_space(c) && !text::is_punctuation(c)) {
        if (c < 0x80) {
          latin += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
          latin.append(s.substr(begin, i - begin));
        }
        previous_han = std::string_view::npos;
      } else {
        end_latin();
        previous_han = std::string_view::npos;
      }
    }
    end_latin();
    return out;
  };
  const std::vector<std::string> theirs = words(title);
  for (const std::string& w : words(heading)) {
    if (std::find(theirs.begin(), theirs.end(), w) != theirs.end()) return true;
  }
  return false;
}

}  // namespace

void extract_metadata(const HtmlDom& dom, std::string_view url, Metadata& meta,
                      std::string_view plugin) {
  const std::string generator = meta_content(dom, "generator");
  const JsonLdArticle ld = read_jsonld(script_texts(dom, "application/ld+json"));
  const std::string site_name = text::normalize_whitespace(meta_content(dom, "og:site_name"));

  // Title: the page's headline is its <h1>. Measured on the dev pages, an <h1> that the
  // <title> or og:title contains is right most often, then the first <h1> when it opens
  // the text, then og:title, JSON-LD's headline and <title> without their site suffix. An
  // <h1> that is only the site's name (a logo) is never the headline.
  {
    const std::string og = text::normalize_whitespace(meta_content(dom, "og:title"));
    std::string page_title;
    if (Node t = select_first(dom, "title")) page_title = text_content(t);
    const std::string title_site = text::split_title(page_title).site;
    const auto is_site_name = [&](const std::string& h) {
      return h == site_name || h == title_site ||
             (!page_title.empty() && h == page_title && !title_site.empty() && h == title_site);
    };
    std::string contained;
    std::string first;
    for (Node h : find_by_tag(dom, "h1")) {
      const std::string h1 = without_permalink_mark(text_content(h));
      if (text::count_code_points(h1) < 2 || is_site_name(h1)) continue;
      if (first.empty()) first = h1;
      if (text::count_code_points(h1) >= 4 &&
          (og.find(h1) != std::string::npos ||
           text::normalize_whitespace(page_title).find(h1) != std::string::npos)) {
        contained = h1;
        break;
      }
    }
    if (!contained.empty()) set_field(meta, "title", contained, plugin, "h1_in_title");
    // An <h1> that shares no word with the page's titles heads a section when they exist.
    const bool titled = !og.empty() || !page_title.empty();
    if (opens_the_text(dom, first) && (!titled || shares_a_word(first, og + " " + page_title))) {
      set_field(meta, "title", first, plugin, "h1");
    }
    const std::string og_head = text::split_title(og, site_name).headline;
    if (!is_site_name(og_head)) set_field(meta, "title", og_head, plugin, "og_title");
    set_field(meta, "title", ld.headline, plugin, "jsonld_headline");
    set_field(meta, "title", text::split_title(page_title, site_name).headline, plugin,
              "title_tag");
  }

  // Published time: meta tags, JSON-LD, WeChat's ct, visible lines, the URL.
  const bool dated_before = !meta.published.empty();  // a given value is left as it is
  for (const char* key :
       {"article:published_time", "og:published_time", "datePublished", "publishdate", "PubDate",
        "publishtime", "pubtime", "publish_time", "publication_date", "dc.date", "dc.date.issued",
        "dcterms.created", "sailthru.date", "weibo:article:create_at", "firstpublishedtime",
        "date"}) {
    if (!meta.published.empty()) break;
    const std::string v = meta_content(dom, key);
    if (v.empty()) continue;
    if (auto d = date_in(v)) set_field(meta, "published", *d, plugin, "meta_" + std::string(key));
  }
  if (meta.published.empty() && !ld.date_published.empty()) {
    if (auto d = date_in(ld.date_published))
      set_field(meta, "published", *d, plugin, "jsonld_date_published");
  }
  if (!ld.authors.empty()) {
    std::string authors;
    for (const auto& name : ld.authors) {
      if (!meta::valid_name(name, generator)) continue;
      if (!authors.empty()) authors += ", ";
      authors += name;
    }
    set_field(meta, "author", authors, plugin, "jsonld_author", generator);
    set_field(meta, "author", ld.authors.front(), plugin, "jsonld_author", generator);
  }
  if (meta.published.empty()) {
    if (auto marked = marked_up_date(dom))
      set_field(meta, "published", marked->first, plugin, marked->second);
  }
  if (meta.published.empty()) {
    for (const auto& script : script_texts(dom)) {
      if (auto ct = wechat_ct(script)) {
        set_field(meta, "published", unix_to_china_time(*ct), plugin, "wechat_ct");
        break;
      }
    }
  }

  Node body = dom.body();
  const ShortLines zone = body ? short_lines(body, 4000, meta.title) : ShortLines{};
  const std::vector<std::string>& lines = zone.lines;
  if (meta.published.empty()) {
    // A line that names the time, else the first line that is mostly a date.
    for (const auto& line : lines) {
      if (line.find("发布") == std::string::npos && line.find("时间") == std::string::npos &&
          line.find("日期") == std::string::npos && line.find("来源") == std::string::npos) {
        continue;
      }
      if (auto m = text::find_date(line)) {
        set_field(meta, "published", m->iso, plugin, "visible_date_line");
        break;
      }
    }
  }
  if (meta.published.empty()) {
    for (const auto& line : lines) {
      if (text::count_code_points(line) > 40) continue;
      if (auto m = text::find_date(line)) {
        if (m->has_time) {
          set_field(meta, "published", m->iso, plugin, "visible_datetime");
          break;
        }
      }
    }
  }
  if (!dated_before && !meta.published.empty()) {
    if (auto local = local_form(dom, meta.published)) {
      meta.published = *local;
      meta.found_by["published"] = rule_name(plugin, "time_datetime_local");
    }
  }
  if (meta.published.empty()) {
    if (auto d = header_zone_date(lines, zone.headline_at))
      set_field(meta, "published", *d, plugin, "header_zone_date");
  }
  if (meta.published.empty()) {
    set_field(meta, "published", date_from_url(url), plugin, "url_date");
  }
  // A short line that is mostly a date written in English ("Posted on June 29, 2020"), on
  // pages that declare themselves an article or on a line that says so ("Published"):
  // elsewhere (products, listings) a bare date dates a review or an entry, not the page.
  const bool declared_article =
      meta_content(dom, "og:type") == "article" || (!ld.type.empty() && ld.type != "WebPage");
  if (meta.published.empty()) {
    for (const auto& line : lines) {
      if (text::count_code_points(line) > 40) continue;
      if (!declared_article && !publishing_line(line)) continue;
      if (std::string d = meta::english_date(line); !d.empty()) {
        set_field(meta, "published", d, plugin, "visible_english_date");
        break;
      }
    }
  }

  // Source, author, editor from labelled lines; meta tags first where they exist.
  set_field(meta, "author", meta_content(dom, "author"), plugin, "meta_author", generator);
  set_field(meta, "author", meta_content(dom, "article:author"), plugin, "meta_article_author",
            generator);
  if (meta.author.empty()) {
    if (auto byline = visible_byline(dom))
      set_field(meta, "author", byline->first, plugin, byline->second, generator);
  }
  {
    std::string source = meta_content(dom, "source");
    for (std::string_view label : {"来源：", "来源:"}) {
      if (source.rfind(label, 0) == 0) source = text::trim(source.substr(label.size()));
    }
    set_field(meta, "source_name", source, plugin, "meta_source");
  }
  // 记者 may go without its colon ("记者 张三"): the table says which words may.
  static const std::vector<text::LabelWord> byline_words =
      text::label_words(text::label_flags::kInBylines);
  text::LabelScan byline_scan;
  byline_scan.spaces = text::ColonSpaces::kNone;
  byline_scan.bare = true;
  for (const auto& line : lines) {
    text::scan_labels(line, byline_words, byline_scan, [&](const text::LabelHit& hit) {
      const bool editor = hit.field == text::LabelField::kEditor;
      const bool source = hit.field == text::LabelField::kSource;
      std::string& current = editor ? meta.editor : source ? meta.source_name : meta.author;
      if (current.empty()) {
        set_field(meta,
                  editor   ? "editor"
                  : source ? "source_name"
                           : "author",
                  text::byline_value(line, hit.begin + hit.label.size()), plugin,
                  editor   ? "visible_editor"
                  : source ? "visible_source"
                           : "visible_author",
                  generator);
      }
      return meta.editor.empty() || meta.source_name.empty() || meta.author.empty();
    });
  }

  set_field(meta, "site", site_name, plugin, "og_site_name");
  set_field(meta, "site", ld.publisher, plugin, "jsonld_publisher");
  set_field(meta, "site", meta_content(dom, "application-name"), plugin, "meta_application_name");

  if (meta.keywords.empty()) {
    std::string kw = meta_content(dom, "keywords");
    if (kw.empty()) kw = meta_content(dom, "news_keywords");
    meta.keywords = meta::split_keywords(kw);
    if (!meta.keywords.empty()) meta.found_by["keywords"] = rule_name(plugin, "meta_keywords");
  }

  // Language: what the markup declares, first valid tag wins (a charset in lang= is not one).
  if (Node root = dom.root()) {
    set_field(meta, "language", std::string(attr(root, "lang")), plugin, "html_lang");
  }
  set_field(meta, "language", ld.language, plugin, "jsonld_in_language");
  set_field(meta, "language", meta_content(dom, "og:locale"), plugin, "og_locale");
  set_field(meta, "language", meta_content(dom, "content-language"), plugin,
            "meta_content_language");
  // Hans/Hant from a zh tag's script or region.
  set_field(meta, "script", script_from_language(meta.language), plugin, "language_tag");
}

}  // namespace clearpage::html
