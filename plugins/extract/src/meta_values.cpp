#include "clearpage/extract/meta_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <unordered_map>
#include <unordered_set>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::meta {

namespace {

bool fail(std::string* why, const char* reason) {
  if (why) *why = reason;
  return false;
}

std::optional<std::string> reject(std::string* why, const char* reason) {
  fail(why, reason);
  return std::nullopt;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Reads `n` digits at `pos`; -1 when they are not there.
int digits(std::string_view s, std::size_t& pos, int n) {
  int value = 0;
  for (int i = 0; i < n; ++i) {
    if (pos >= s.size() || !is_digit(s[pos])) return -1;
    value = value * 10 + (s[pos++] - '0');
  }
  return value;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool has_letter(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t c = text::next_code_point(s, pos);
    if (c >= 0x80) {
      if (c != text::kReplacementChar && !text::is_punctuation(c) && !text::is_space(c))
        return true;
    } else if (std::isalpha(static_cast<unsigned char>(s[start]))) {
      return true;
    }
  }
  return false;
}

// `<meta`, `<tag attr`, `</b>`, `name="`, `size='20'`, or `name=` at the end: pieces of
// markup, not text. A tag name in prose ("<table>: The Table element") and an equation
// ("E=mc2") are text.
bool has_markup(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '<') {
      std::size_t j = i + 1;
      const bool closing = j < s.size() && s[j] == '/';
      if (closing) ++j;
      const std::size_t name = j;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      if (j == name) continue;
      if (j == s.size() || s[j] == ' ' || s[j] == '/') return true;
      if (s[j] == '>' && closing) return true;
    } else if (c == '=' && i > 0 &&
               (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '-')) {
      if (i + 1 == s.size() || s[i + 1] == '"' || s[i + 1] == '\'') return true;
    }
  }
  return false;
}

bool has_url(std::string_view s) {
  std::string low(s);
  std::transform(low.begin(), low.end(), low.begin(), lower);
  return low.find("://") != std::string::npos || low.rfind("www.", 0) == 0;
}

// Lower-case ASCII words of three or more letters, for comparing a name with the generator.
std::vector<std::string> ascii_words(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += lower(c);
    } else {
      if (word.size() >= 3) words.push_back(word);
      word.clear();
    }
  }
  return words;
}

}  // namespace

CalendarDay tomorrow_utc() {
  const std::time_t now = std::time(nullptr) + 24 * 3600;
  std::tm tm{};
  gmtime_r(&now, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::optional<std::string> valid_date(std::string_view value, const CalendarDay& latest,
                                      std::string* why) {
  const std::string s = text::trim(value);
  std::size_t pos = 0;
  const int year = digits(s, pos, 4);
  const bool dash1 = pos < s.size() && s[pos] == '-';
  ++pos;
  const int month = dash1 ? digits(s, pos, 2) : -1;
  const bool dash2 = pos < s.size() && s[pos] == '-';
  ++pos;
  const int day = dash2 ? digits(s, pos, 2) : -1;
  if (year < 0 || month < 0 || day < 0) return reject(why, "not an ISO 8601 date");
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return reject(why, "no such calendar date");
  if (year < 1990) return reject(why, "before 1990");
  if (std::array{year, month, day} > std::array{latest.year, latest.month, latest.day})
    return reject(why, "in the future");
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return reject(why, "not an ISO 8601 date");
    ++pos;
    const int hour = digits(s, pos, 2);
    const bool colon = pos < s.size() && s[pos] == ':';
    ++pos;
    const int minute = colon ? digits(s, pos, 2) : -1;
    int second = 0;
    if (minute >= 0 && pos < s.size() && s[pos] == ':') {
      ++pos;
      second = digits(s, pos, 2);
      if (second >= 0 && pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < s.size() && is_digit(s[pos])) ++pos;
        if (pos == start) second = -1;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
      return reject(why, "not a time of day");
    if (pos < s.size()) {
      bool zone = false;
      if (s[pos] == 'Z' && pos + 1 == s.size()) {
        zone = true;
      } else if (s[pos] == '+' || s[pos] == '-') {
        std::size_t z = pos + 1;
        const int zh = digits(s, z, 2);
        if (z < s.size() && s[z] == ':') ++z;
        const int zm = digits(s, z, 2);
        zone = zh >= 0 && zh <= 14 && zm >= 0 && zm <= 59 && z == s.size();
      }
      if (!zone) return reject(why, "not a timezone");
    }
  }
  std::string out = s;
  if (out.size() > 10 && out[10] == ' ') out[10] = 'T';
  return out;
}

namespace {

// 1..12 for a month name or its three-letter abbreviation at `pos` (case-insensitive),
// advancing `pos` past it and an optional '.'; 0 when there is none.
int month_at(std::string_view s, std::size_t& pos) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  std::size_t end = pos;
  while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) ++end;
  if (end - pos < 3) return 0;
  std::string word(s.substr(pos, end - pos));
  std::transform(word.begin(), word.end(), word.begin(), lower);
  for (int m = 0; m < 12; ++m) {
    const std::string_view full = kMonths[m];
    // "Sept" is a common fourth form of the abbreviation.
    if (word == full || word == full.substr(0, 3) || (m == 8 && word == "sept")) {
      pos = end;
      if (pos < s.size() && s[pos] == '.') ++pos;
      return m + 1;
    }
  }
  return 0;
}

// One or two digits, not part of a longer number; -1 when absent.
int day_at(std::string_view s, std::size_t& pos) {
  std::size_t end = pos;
  while (end < s.size() && is_digit(s[end]) && end - pos < 3) ++end;
  if (end == pos || end - pos > 2) return -1;
  int day = 0;
  for (std::size_t i = pos; i < end; ++i) day = day * 10 + (s[i] - '0');
  pos = end;
  // 29th, 1st, 2nd, 3rd
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (s.substr(pos, 2) == suffix) pos += 2;
  }
  return day;
}

int year_at(std::string_view s, std::size_t& pos) {
  std::size_t p = pos;
  const int year = digits(s, p, 4);
  if (year < 0 || (p < s.size() && is_digit(s[p]))) return -1;
  pos = p;
  return year;
}

void skip(std::string_view s, std::size_t& pos, std::string_view chars) {
  while (pos < s.size() && chars.find(s[pos]) != std::string_view::npos) ++pos;
}

}  // namespace

std::string english_date(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1]))) continue;
    int year = -1;
    int month = 0;
    int day = -1;
    std::size_t pos = i;
    if (std::isalpha(static_cast<unsigned char>(s[i]))) {
      // Month D, YYYY
      month = month_at(s, pos);
      if (month == 0) continue;
      skip(s, pos, " ");
      day = day_at(s, pos);
      skip(s, pos, " ,");
      year = year_at(s, pos);
    } else if (is_digit(s[i])) {
      // D Month YYYY
      day = day_at(s, pos);
      skip(s, pos, " ");
      month = month_at(s, pos);
      if (month == 0) continue;
      skip(s, pos, " ,");
      year = year_at(s, pos);
    } else {
      continue;
    }
    if (year < 0 || day < 1 || day > days_in_month(year, month)) continue;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
  }
  return "";
}

std::optional<std::string> valid_name(std::string_view value, std::string_view generator,
                                      std::string* why) {
  const std::string name = text::normalize_whitespace(value);
  if (name.empty()) return reject(why, "empty");
  if (text::count_code_points(name) > 60) return reject(why, "longer than 60 characters");
  if (!has_letter(name)) return reject(why, "no letters (digits or punctuation only)");
  if (has_markup(name) || name.find('{') != std::string::npos ||
      name.find('}') != std::string::npos)
    return reject(why, "markup or an attribute fragment");
  if (has_url(name)) return reject(why, "a URL");
  if (!generator.empty()) {
    const std::vector<std::string> product = ascii_words(generator);
    for (const auto& word : ascii_words(name)) {
      if (std::find(product.begin(), product.end(), word) != product.end())
        return reject(why, "the credit of the software that generated the page");
    }
  }
  return name;
}

std::optional<std::string> valid_language(std::string_view value, std::string* why) {
  std::string tag = text::trim(value);
  std::replace(tag.begin(), tag.end(), '_', '-');
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= tag.size(); ++i) {
    if (i == tag.size() || tag[i] == '-') {
      parts.push_back(tag.substr(start, i - start));
      start = i + 1;
    }
  }
  const auto alpha = [](const std::string& p) {
    return std::all_of(p.begin(), p.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  };
  const auto alnum = [](const std::string& p) {
    return std::all_of(p.begin(), p.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  };
  if (parts.empty() || parts[0].size() < 2 || parts[0].size() > 3 || !alpha(parts[0]))
    return reject(why, "not a BCP-47 language tag");
  std::string primary = parts[0];
  std::transform(primary.begin(), primary.end(), primary.begin(), lower);
  // Charset labels that start like a language subtag: utf-8, gbk, big5, iso-8859-1, ascii.
  static const std::unordered_set<std::string> kCharsets = {"utf", "gbk", "gb",  "big", "iso",
                                                            "win", "euc", "koi", "ucs", "asc"};
  if (kCharsets.count(primary)) return reject(why, "a charset name, not a language");
  std::string out = primary;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    std::string p = parts[i];
    if (p.size() < 2 || p.size() > 8 || !alnum(p)) return reject(why, "not a BCP-47 language tag");
    std::transform(p.begin(), p.end(), p.begin(), lower);
    // Conventional case: script Title (Hans), region upper (CN, 419).
    if (p.size() == 4 && alpha(p)) p[0] = static_cast<char>(std::toupper(p[0]));
    if (p.size() == 2 && alpha(p)) {
      std::transform(p.begin(), p.end(), p.begin(),
                     [](char c) { return static_cast<char>(std::toupper(c)); });
    }
    out += "-" + p;
  }
  return out;
}

std::optional<std::string> valid_title(std::string_view value, std::string* why) {
  const std::string title = text::normalize_whitespace(value);
  if (title.empty()) return reject(why, "empty");
  if (text::count_code_points(title) > 300) return reject(why, "longer than 300 characters");
  if (!has_letter(title) && !std::any_of(title.begin(), title.end(), is_digit))
    return reject(why, "no letters or digits");
  if (has_markup(title)) return reject(why, "markup or an attribute fragment");
  return title;
}

bool valid_keyword(std::string_view keyword, std::string* why) {
  if (keyword.empty()) return fail(why, "empty");
  if (has_markup(keyword)) return fail(why, "markup or an attribute fragment");
  if (text::count_code_points(keyword) > 60) return fail(why, "longer than 60 characters");
  if (!has_letter(keyword) && !std::any_of(keyword.begin(), keyword.end(), is_digit))
    return fail(why, "no letters or digits");
  return true;
}

std::vector<std::string> split_keywords(std::string_view value) {
  std::vector<std::string> out;
  std::string current;
  const auto push = [&] {
    std::string keyword = text::normalize_whitespace(current);
    current.clear();
    if (valid_keyword(keyword) && std::find(out.begin(), out.end(), keyword) == out.end())
      out.push_back(std::move(keyword));
  };
  std::size_t pos = 0;
  while (pos < value.size()) {
    const std::size_t start = pos;
    const char32_t c = text::next_code_point(value, pos);
    if (c == U',' || c == U'，' || c == U'、' || c == U';' || c == U'；') {
      push();
    } else {
      current.append(value.substr(start, pos - start));
    }
  }
  push();
  return out;
}

namespace {

enum class Script {
  kOther,
  kLatin,
  kHan,
  kKana,
  kHangul,
  kCyrillic,
  kGreek,
  kArabic,
  kHebrew,
  kThai,
  kDevanagari
};

Script script_of(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7))
    return Script::kLatin;
  if (c >= 0x3040 && c <= 0x30FF) return Script::kKana;
  if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF)) return Script::kHangul;
  if (text::is_han(c)) return Script::kHan;
  if (c >= 0x400 && c <= 0x4FF) return Script::kCyrillic;
  if (c >= 0x370 && c <= 0x3FF) return Script::kGreek;
  if (c >= 0x600 && c <= 0x6FF) return Script::kArabic;
  if (c >= 0x590 && c <= 0x5FF) return Script::kHebrew;
  if (c >= 0xE00 && c <= 0xE7F) return Script::kThai;
  if (c >= 0x900 && c <= 0x97F) return Script::kDevanagari;
  return Script::kOther;
}

// The commonest short words of each language, chosen so that few are shared.
const std::vector<std::pair<const char*, std::vector<std::string_view>>>& stopwords() {
  static const std::vector<std::pair<const char*, std::vector<std::string_view>>> kWords = {
      {"en", {"the", "and", "of", "to", "is", "that", "with", "for", "you", "this",
              "are", "was", "it", "on", "be", "have", "from", "or",  "by",  "not"}},
      {"de", {"der",  "die", "und", "das", "ist", "nicht", "mit",  "sich", "auf", "ein",
              "eine", "dem", "den", "zu",  "von", "auch",  "wird", "sie",  "ich", "wir"}},
      {"fr", {"le",  "la",  "les", "des",  "est", "et", "une",  "dans", "pour", "que",
              "qui", "pas", "sur", "avec", "du",  "au", "sont", "nous", "vous", "ce"}},
      {"es",
       {"el", "los", "las", "que", "y", "del", "una", "para", "por", "con", "es", "se", "como",
        "pero", "más", "su", "al", "lo", "muy"}},
      {"it", {"il",  "che", "di", "della", "non",   "per",  "una",    "sono", "gli", "con",
              "del", "le",  "è",  "nel",   "anche", "alla", "questo", "più",  "ma",  "dei"}},
      {"pt", {"o", "os",  "que", "não", "uma",  "para", "com", "do",   "da",   "em",
              "é", "dos", "das", "se",  "mais", "como", "ao",  "pelo", "você", "também"}},
      {"nl", {"de",  "het",  "een", "en",   "van",    "is",    "niet", "dat", "op",  "voor",
              "met", "zijn", "ook", "maar", "worden", "wordt", "je",   "ik",  "bij", "naar"}},
      {"sv", {"och",  "att",  "det", "som", "är", "en",  "för", "av",  "på",  "med",
              "inte", "till", "den", "har", "om", "jag", "ett", "var", "kan", "men"}},
      {"pl", {"i",   "w",   "nie", "na",  "się", "z",   "jest", "do",  "że",  "to",
              "jak", "ale", "po",  "czy", "co",  "tak", "od",   "dla", "już", "przez"}},
      {"id", {"dan",  "yang", "di",   "ini", "itu", "dengan", "untuk", "dari", "tidak", "dalam",
              "akan", "pada", "juga", "ke",  "ada", "bisa",   "atau",  "kami", "saya",  "oleh"}},
  };
  return kWords;
}

std::string latin_language(std::string_view text) {
  std::unordered_map<std::string, std::size_t> counts;
  std::size_t words = 0;
  std::string word;
  std::size_t pos = 0;
  const auto flush = [&] {
    if (!word.empty()) {
      ++counts[word];
      ++words;
    }
    word.clear();
  };
  while (pos < text.size() && words < 5000) {
    const std::size_t start = pos;
    const char32_t c = text::next_code_point(text, pos);
    if (script_of(c) == Script::kLatin) {
      if (c < 0x80) {
        word += lower(text[start]);
      } else {
        word.append(text.substr(start, pos - start));  // accented letters: lower case in text
      }
    } else {
      flush();
    }
  }
  flush();
  if (words < 20) return "";
  std::string best;
  std::size_t best_hits = 0;
  std::size_t second = 0;
  for (const auto& [language, list] : stopwords()) {
    std::size_t hits = 0;
    for (const auto w : list) {
      auto it = counts.find(std::string(w));
      if (it != counts.end()) hits += it->second;
    }
    if (hits > best_hits) {
      second = best_hits;
      best_hits = hits;
      best = language;
    } else if (hits > second) {
      second = hits;
    }
  }
  // A clear winner: a tenth of the words at least, and well ahead of the next language.
  if (best_hits * 10 < words || best_hits < second * 2) return "";
  return best;
}

}  // namespace

std::string detect_language(std::string_view text) {
  std::array<std::size_t, 11> counts{};
  std::size_t letters = 0;
  std::size_t pos = 0;
  bool ukrainian = false;
  while (pos < text.size() && letters < 20000) {
    const char32_t c = text::next_code_point(text, pos);
    const Script script = script_of(c);
    if (script == Script::kOther) continue;
    ++counts[static_cast<std::size_t>(script)];
    ++letters;
    ukrainian = ukrainian || c == U'і' || c == U'ї' || c == U'є' || c == U'ґ';
  }
  if (letters < 30) return "";
  const auto share = [&](Script s) {
    return static_cast<double>(counts[static_cast<std::size_t>(s)]) / static_cast<double>(letters);
  };
  const double cjk = share(Script::kHan) + share(Script::kKana) + share(Script::kHangul);
  if (cjk > 0.3) {
    // Japanese mixes kana into Han; Korean is Hangul; Chinese neither.
    if (share(Script::kKana) > 0.05) return "ja";
    if (share(Script::kHangul) > share(Script::kHan)) return "ko";
    return "zh";
  }
  if (share(Script::kCyrillic) > 0.5) return ukrainian ? "uk" : "ru";
  if (share(Script::kGreek) > 0.5) return "el";
  if (share(Script::kArabic) > 0.5) return "ar";
  if (share(Script::kHebrew) > 0.5) return "he";
  if (share(Script::kThai) > 0.5) return "th";
  if (share(Script::kDevanagari) > 0.5) return "hi";
  if (share(Script::kLatin) > 0.5) return latin_language(text);
  return "";
}

}  // namespace clearpage::meta
