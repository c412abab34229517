// WeChat official-account articles (mp.weixin.qq.com), 2017-18 and 2020+ layouts, and
// their reposts on other sites. The account name is the publisher the page credits, so
// it goes to meta.source_name; meta.site stays the platform ("微信公众号").
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "clearpage/extract/fields.hpp"
#include "clearpage/extract/page.hpp"
#include "clearpage/extract/site.hpp"
#include "clearpage/extract/site_flow.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/chinese_date.hpp"

namespace clearpage::plugins {
namespace {

constexpr const char* kPlugin = "wechat";

// The quoted value of `var <name> = "..."` in the page's inline scripts, or "".
std::string script_var(const HtmlDom& dom, std::string_view name) {
  const std::string needle = "var " + std::string(name);
  for (const std::string& script : html::script_texts(dom)) {
    std::size_t at = script.find(needle);
    while (at != std::string::npos) {
      std::size_t pos = at + needle.size();
      const bool word_end = pos < script.size() && (script[pos] == ' ' || script[pos] == '=');
      while (pos < script.size() && script[pos] == ' ') ++pos;
      if (word_end && pos < script.size() && script[pos] == '=') {
        ++pos;
        while (pos < script.size() && script[pos] == ' ') ++pos;
        if (pos < script.size() && (script[pos] == '"' || script[pos] == '\'')) {
          const char quote = script[pos];
          const std::size_t end = script.find(quote, pos + 1);
          if (end != std::string::npos) {
            std::string value = script.substr(pos + 1, end - pos - 1);
            if (!value.empty()) return value;
          }
        }
      }
      at = script.find(needle, at + needle.size());
    }
  }
  return "";
}

// Unix seconds as ISO 8601 China time, e.g. "2020-02-12T22:17:54+08:00".
std::string iso_china_time(std::int64_t seconds) {
  using namespace std::chrono;
  const sys_seconds local{std::chrono::seconds{seconds} + hours{8}};
  const sys_days day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss clock{local - day};
  auto two = [](long value) {
    return std::string(1, static_cast<char>('0' + value / 10)) +
           static_cast<char>('0' + value % 10);
  };
  return std::to_string(static_cast<int>(date.year())) + "-" +
         two(static_cast<unsigned>(date.month())) + "-" + two(static_cast<unsigned>(date.day())) +
         "T" + two(clock.hours().count()) + ":" + two(clock.minutes().count()) + ":" +
         two(clock.seconds().count()) + "+08:00";
}

bool all_digits(std::string_view value) {
  if (value.empty() || value.size() > 12) return false;
  for (char c : value) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The 2017-18 layout's free-text author: a meta_text <em> that is neither the date nor
// the account name.
std::string old_layout_author(const HtmlDom& dom) {
  for (html::Node node : html::select(dom, "#meta_content .rich_media_meta_text")) {
    if (html::id(node) == "post-date" || html::id(node) == "publish_time") continue;
    if (html::has_class(node, "rich_media_meta_nickname")) continue;
    std::string value = html::text_content(node);
    if (!value.empty() && !text::find_date(value)) return value;
  }
  return "";
}

class WechatCleaner : public Cleaner {
 public:
  int probe(const Document& doc) const override {
    const HtmlDom* parsed = html::html_dom(doc);
    if (!parsed) return kProbeDecline;
    const HtmlDom& dom = *parsed;
    const html::Node content = html::find_by_id(dom, "js_content");
    if (html::host_in(html::url_host(html::page_url(doc)), "mp.weixin.qq.com") && content) {
      return kProbeCertain;
    }
    if (content && (html::find_by_id(dom, "activity-name") ||
                    !html::find_by_class(dom, "rich_media_title").empty())) {
      return kProbeCertain;
    }
    // A repost keeps WeChat's content wrapper but not its page frame.
    if (!html::find_by_class(dom, "rich_media_content").empty()) return kProbeLikely;
    return kProbeDecline;
  }

  void clean(Document& doc) override {
    html::SiteFlow flow;
    flow.plugin = kPlugin;
    flow.content_root = [](const HtmlDom& dom) {
      const html::Node root = html::find_by_id(dom, "js_content");
      return root ? root : html::first_with_text(dom, {".rich_media_content"}, 1);
    };
    flow.find_metadata = find_metadata;
    html::run_site_flow(doc, flow);
  }

 private:
  static void find_metadata(Document& doc, const HtmlDom& dom, html::Node /*root*/) {
    const std::string by = kPlugin;
    html::set_meta_field(doc, "title",
                         html::text_of_first(dom, {"#activity-name", ".rich_media_title"}),
                         by + ":activity_name");
    html::set_meta_field(doc, "title", script_var(dom, "msg_title"), by + ":var_msg_title");
    html::set_meta_field(doc, "title", html::meta_content(dom, "og:title"), by + ":og_title");

    html::set_meta_field(doc, "source_name", html::text_of_first(dom, {"#js_name", "#post-user"}),
                         by + ":account_name");
    html::set_meta_field(doc, "source_name", script_var(dom, "nickname"), by + ":var_nickname");
    html::set_meta_field(doc, "source_name",
                         html::text_of_first(dom, {".rich_media_meta_nickname"}),
                         by + ":nickname_class");
    if (!doc.meta.source_name.empty())
      html::set_meta_field(doc, "site", "微信公众号", by + ":platform");

    const std::string ct = script_var(dom, "ct");
    if (all_digits(ct)) {
      html::set_meta_field(doc, "published", iso_china_time(std::stoll(ct)), by + ":var_ct");
    }
    for (std::string_view selector : {"#publish_time", "#post-date"}) {
      if (auto date = text::parse_date(html::text_of_first(dom, {selector}))) {
        html::set_meta_field(doc, "published", *date, by + ":publish_time");
      }
    }
    if (auto date = text::parse_date(script_var(dom, "publish_time"))) {
      html::set_meta_field(doc, "published", *date, by + ":var_publish_time");
    }

    html::set_meta_field(doc, "author", html::text_of_first(dom, {"#js_author_name"}),
                         by + ":js_author_name");
    html::set_meta_field(doc, "author", html::meta_content(dom, "author"), by + ":meta_author");
    html::set_meta_field(doc, "author", old_layout_author(dom), by + ":meta_text");
  }
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "wechat";
  info.description =
      "WeChat official-account articles (mp.weixin.qq.com, 2017-18 and 2020+ layouts) and "
      "their reposts: body from #js_content, title, account name (source_name), publish time";
  registry.add_cleaner(std::move(info),
                       [](const StageContext&) { return std::make_unique<WechatCleaner>(); });
}

}  // namespace
}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("wechat", "1.0.0", clearpage::plugins::register_stages)
