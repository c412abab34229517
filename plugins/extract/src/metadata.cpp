#include "clearpage/extract/metadata.hpp"

#include <algorithm>
#include <ctime>
#include <optional>
#include <vector>

#include "clearpage/extract/fields.hpp"
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

// ---------------------------------------------------------------- titles

struct Segment {
  std::size_t begin;
  std::size_t end;
};

// Byte ranges of the title's separators: "_", "--", "|", "｜", "——", " - " and a "-"
// touching non-ASCII text (a bare "-" inside Latin words such as COVID-19 is not one).
std::vector<Segment> separators(std::string_view s) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (s.compare(i, 6, "——") == 0) {
      out.push_back({i, i + 6});
      i += 6;
    } else if (s.compare(i, 3, "｜") == 0) {
      out.push_back({i, i + 3});
      i += 3;
    } else if (b == '_' || b == '|') {
      std::size_t j = i;
      while (j < s.size() && s[j] == s[i]) ++j;
      out.push_back({i, j});
      i = j;
    } else if (b == '-') {
      std::size_t j = i;
      while (j < s.size() && s[j] == '-') ++j;
      const bool spaced = (i > 0 && s[i - 1] == ' ') || (j < s.size() && s[j] == ' ');
      const bool cjk_near = (i > 0 && static_cast<unsigned char>(s[i - 1]) >= 0x80) ||
                            (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80);
      if (j - i >= 2 || spaced || cjk_near) out.push_back({i, j});
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

bool site_like(std::string_view segment) {
  for (const char* marker : {"网", "频道", "新闻", "报", "首页", ".com", ".cn", "政府", "门户",
                             "官网", "中心", "在线", "资讯", "日报", "晚报", "电视台"}) {
    if (segment.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string strip_site_suffix(std::string_view title_in) {
  std::string title = text::normalize_whitespace(title_in);
  for (int round = 0; round < 4; ++round) {
    const auto seps = separators(title);
    if (seps.empty()) break;
    const Segment last = seps.back();
    const std::string head = text::trim(std::string_view(title).substr(0, last.begin));
    const std::string tail = text::trim(std::string_view(title).substr(last.end));
    const std::size_t head_chars = text::count_code_points(head);
    const std::size_t tail_chars = text::count_code_points(tail);
    if (head_chars < 4) break;
    // The first cut takes any short tail; later ones only names that look like sites or
    // channels, so that a title made of two clauses keeps both.
    const bool cut = round == 0 ? tail_chars <= 25 || site_like(tail)
                                : tail_chars <= 6 || (tail_chars <= 12 && site_like(tail));
    if (!cut) break;
    title = head;
  }
  return title;
}

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

// The value after a JSON key in raw JSON-LD text, string values only.
std::string json_string_after(std::string_view json, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  std::size_t pos = json.find(quoted);
  if (pos == std::string_view::npos) return "";
  pos = json.find(':', pos + quoted.size());
  if (pos == std::string_view::npos) return "";
  ++pos;
  while (pos < json.size() &&
         (json[pos] == ' ' || json[pos] == '\n' || json[pos] == '\t' || json[pos] == '\r')) {
    ++pos;
  }
  if (pos < json.size() && (json[pos] == '{' || json[pos] == '[')) {
    // author: {"@type": "Person", "name": "..."}
    const std::size_t name = json.find("\"name\"", pos);
    if (name == std::string_view::npos || name - pos > 200) return "";
    return json_string_after(json.substr(pos), "name");
  }
  if (pos >= json.size() || json[pos] != '"') return "";
  const std::size_t end = json.find('"', pos + 1);
  if (end == std::string_view::npos) return "";
  return std::string(json.substr(pos + 1, end - pos - 1));
}

// Value after a label such as 来源： up to the next gap or label.
std::string value_after(std::string_view line, std::size_t pos) {
  std::string_view rest = line.substr(pos);
  for (std::string_view colon : {"：", ":"}) {
    if (rest.substr(0, colon.size()) == colon) {
      rest.remove_prefix(colon.size());
      break;
    }
  }
  std::string value = text::trim(rest);
  std::size_t end = value.size();
  for (std::string_view stop : {" ", "|", "｜", "　", "】", "）", ")", "发布", "作者", "来源",
                                "编辑", "责任", "时间", "日期", "浏览", "点击", "字号"}) {
    const std::size_t at = value.find(stop);
    if (at != std::string::npos && at > 0 && at < end) end = at;
  }
  value = text::trim(std::string_view(value).substr(0, end));
  if (text::count_code_points(value) > 30) return "";
  return value;
}

struct LabelRule {
  std::string_view label;
  const char* field;
  const char* rule;
};

constexpr LabelRule kLabels[] = {
    {"责任编辑", "editor", "visible_editor"}, {"责编", "editor", "visible_editor"},
    {"编辑", "editor", "visible_editor"},     {"来源", "source_name", "visible_source"},
    {"作者", "author", "visible_author"},     {"记者", "author", "visible_author"},
};

// One short line being collected. Lines are kept only up to 160 characters, so a line
// stops collecting once it is surely longer: its count of the bytes that cannot be part
// of a space (no ASCII space, no lead byte a Unicode space starts with, no continuation
// byte) passes 160. Paragraphs run to thousands of bytes, and the rest of them is only
// searched for the next line break.
class ShortLine {
 public:
  static constexpr std::size_t kMaxChars = 160;

  bool dead() const { return kept_ > kMaxChars; }

  // Text without line breaks.
  void add(std::string_view piece) {
    if (dead()) return;
    for (const char c : piece) {
      const auto b = static_cast<unsigned char>(c);
      if (b < 0x80) {
        const bool space =
            b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
        kept_ += !space;
        // A newline here is one that does not break the line (inside an inline element).
        blank_ = blank_ && space;
        // Every rule that reads the short lines needs a digit (dates, times), a CJK
        // character (the labels, Chinese numerals, 昨天) or a full-width form.
        meta_ = meta_ || (b >= '0' && b <= '9');
      } else {
        blank_ = false;
        if (b >= 0xC0) kept_ += b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3 && b != 0xEF;
        meta_ = meta_ || (b >= 0xE3 && b <= 0xE9) || b == 0xEF;
      }
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

// Short text runs of the body in document order: each element's own text, with the
// text of its inline children, split at <br> and at newlines in its own text.
std::vector<std::string> short_lines(Node body, std::size_t limit) {
  static const TagSet kInline = {"span", "a", "em", "strong", "b", "font", "i", "time", "label"};
  std::vector<std::string> lines;
  ShortLine line;
  for_each_element(body, [&](Node n) {
    const std::string_view t = tag(n);
    if (t == "script" || t == "style" || t == "noscript") return false;
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
  return lines;
}

void set_field(Metadata& meta, const std::string& field, std::string value, std::string_view plugin,
               std::string_view rule) {
  value = text::normalize_whitespace(value);
  if (value.empty()) return;
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

std::vector<std::string> split_keywords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto push = [&]() {
    std::string k = text::normalize_whitespace(cur);
    cur.clear();
    if (!k.empty() && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  std::size_t pos = 0;
  bool has_delimiter = false;
  for (std::string_view d : {",", "，", ";", "；", "、", "|"}) {
    if (s.find(d) != std::string_view::npos) has_delimiter = true;
  }
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = text::next_code_point(s, pos);
    const bool delimiter = cp == U',' || cp == U'，' || cp == U';' || cp == U'；' || cp == U'、' ||
                           cp == U'|' || (!has_delimiter && (cp == U' ' || cp == U'　'));
    if (delimiter) {
      push();
    } else {
      cur.append(s.substr(start, pos - start));
    }
  }
  push();
  return out;
}

std::string script_from_language(std::string_view lang) {
  std::string l;
  for (const char c : lang) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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

}  // namespace

void extract_metadata(const HtmlDom& dom, std::string_view url, Metadata& meta,
                      std::string_view plugin) {
  // Title: og:title, else an <h1> that the <title> contains, else <title> without its site.
  {
    const std::string og = meta_content(dom, "og:title");
    std::string page_title;
    if (Node t = select_first(dom, "title")) page_title = text_content(t);
    if (!og.empty()) {
      set_field(meta, "title", strip_site_suffix(og), plugin, "og_title");
    } else {
      std::string h1_title;
      for (Node h : find_by_tag(dom, "h1")) {
        const std::string h1 = text_content(h);
        if (text::count_code_points(h1) >= 4 && !page_title.empty() &&
            text::normalize_whitespace(page_title).find(h1) != std::string::npos) {
          h1_title = h1;
          break;
        }
      }
      if (!h1_title.empty()) {
        set_field(meta, "title", h1_title, plugin, "h1");
      } else if (!page_title.empty()) {
        set_field(meta, "title", strip_site_suffix(page_title), plugin, "title_tag");
      } else if (Node h = select_first(dom, "h1")) {
        set_field(meta, "title", text_content(h), plugin, "h1");
      }
    }
  }

  // Published time: meta tags, JSON-LD, WeChat's ct, visible lines, the URL.
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
  const auto ld_scripts = script_texts(dom, "application/ld+json");
  for (const auto& ld : ld_scripts) {
    if (meta.published.empty()) {
      const std::string v = json_string_after(ld, "datePublished");
      if (auto d = v.empty() ? std::nullopt : date_in(v)) {
        set_field(meta, "published", *d, plugin, "jsonld_date_published");
      }
    }
    if (meta.author.empty()) {
      set_field(meta, "author", json_string_after(ld, "author"), plugin, "jsonld_author");
    }
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
  const std::vector<std::string> lines =
      body ? short_lines(body, 4000) : std::vector<std::string>{};
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
  if (meta.published.empty()) {
    set_field(meta, "published", date_from_url(url), plugin, "url_date");
  }

  // Source, author, editor from labelled lines; meta tags first where they exist.
  set_field(meta, "author", meta_content(dom, "author"), plugin, "meta_author");
  {
    std::string article_author = meta_content(dom, "article:author");
    if (article_author.find("://") == std::string::npos) {
      set_field(meta, "author", article_author, plugin, "meta_article_author");
    }
  }
  {
    std::string source = meta_content(dom, "source");
    for (std::string_view label : {"来源：", "来源:"}) {
      if (source.rfind(label, 0) == 0) source = text::trim(source.substr(label.size()));
    }
    set_field(meta, "source_name", source, plugin, "meta_source");
  }
  for (const auto& line : lines) {
    for (const auto& label : kLabels) {
      const std::string field = label.field;
      const std::string* current = field == "editor"        ? &meta.editor
                                   : field == "source_name" ? &meta.source_name
                                                            : &meta.author;
      if (!current->empty()) continue;
      std::size_t at = line.find(label.label);
      // "编辑" inside "责任编辑" was already handled by the longer label.
      if (at == std::string::npos || text::names_other_field(line, at)) continue;
      const std::size_t after = at + label.label.size();
      std::string_view rest = std::string_view(line).substr(after);
      if (!(rest.substr(0, 3) == "：" || rest.substr(0, 1) == ":" ||
            (label.label == "记者" && !rest.empty()))) {
        continue;
      }
      set_field(meta, field, value_after(line, after), plugin, label.rule);
    }
  }

  set_field(meta, "site", meta_content(dom, "og:site_name"), plugin, "og_site_name");
  set_field(meta, "site", meta_content(dom, "application-name"), plugin, "meta_application_name");

  if (meta.keywords.empty()) {
    std::string kw = meta_content(dom, "keywords");
    if (kw.empty()) kw = meta_content(dom, "news_keywords");
    meta.keywords = split_keywords(kw);
    if (!meta.keywords.empty()) meta.found_by["keywords"] = rule_name(plugin, "meta_keywords");
  }

  std::string lang;
  if (Node root = dom.root()) lang = text::trim(attr(root, "lang"));
  if (lang.empty()) lang = meta_content(dom, "content-language");
  if (!lang.empty()) {
    set_field(meta, "language", lang, plugin, "html_lang");
    set_field(meta, "script", script_from_language(lang), plugin, "html_lang");
  }
}

}  // namespace clearpage::html
