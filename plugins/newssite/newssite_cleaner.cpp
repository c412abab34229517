// Chinese news-site article pages (people.com.cn, xinhuanet/news.cn, gmw.cn,
// china.com.cn and sites built the same way): body from the article container, title,
// time, 来源 credit, 责任编辑, 关键词; editor lines, share and mood widgets and
// related-article lists are removed.
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/extract/fields.hpp"
#include "clearpage/extract/page.hpp"
#include "clearpage/extract/site.hpp"
#include "clearpage/extract/site_flow.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/plugin.hpp"

namespace clearpage::plugins {
namespace {

constexpr const char* kPlugin = "newssite";

// National and large regional news sites whose article pages share this layout.
const std::vector<std::string_view>& news_domains() {
  static const std::vector<std::string_view> domains = {
      "people.com.cn", "xinhuanet.com",    "news.cn",           "gmw.cn",      "china.com.cn",
      "chinanews.com", "chinanews.com.cn", "cctv.com",          "cnr.cn",      "youth.cn",
      "ce.cn",         "cri.cn",           "chinadaily.com.cn", "huanqiu.com", "thepaper.cn",
      "163.com",       "qq.com",           "ifeng.com",         "sina.com.cn", "sohu.com",
      "cjn.cn",        "southcn.com",      "cyol.com",          "workercn.cn", "legaldaily.com.cn"};
  return domains;
}

// Article containers of these sites' templates, most specific first.
const std::vector<std::string_view>& content_selectors() {
  static const std::vector<std::string_view> selectors = {
      "#rwb_zw",          ".rm_txt_con", "#p-detail",       "#detail",       ".u-mainText",
      "#articleText",     ".a-con",      "#endText",        ".post_body",    "#Cnt-Main-Article-QQ",
      ".content-article", ".news_txt",   "#artibody",       "#article_text", ".article-content",
      ".article_content", ".TRS_Editor", ".single-content", ".article-body", "#content",
      ".content",         ".article"};
  return selectors;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != s.npos;
}

class NewssiteCleaner : public Cleaner {
 public:
  int probe(const Document& doc) const override {
    if (!doc.dom) return kProbeDecline;
    const HtmlDom& dom = *doc.dom;
    // WeChat's own pages belong to the wechat cleaner even when hosted elsewhere.
    if (html::find_by_id(dom, "js_content") && html::find_by_id(dom, "activity-name")) {
      return kProbeDecline;
    }
    const std::string host = html::url_host(html::page_url(doc));
    for (std::string_view domain : news_domains()) {
      if (html::host_in(host, domain)) return kProbeCertain - 10;
    }
    const html::Node body = dom.body();
    if (!body) return kProbeDecline;
    const std::string& text = html::page_text(dom);
    const bool editor = contains(text, "责任编辑") || contains(text, "责编");
    const bool credit = contains(text, "来源：") || contains(text, "来源:") ||
                        !html::meta_content(dom, "source").empty();
    // Below portal's score for the same labels: portals carry editor lines too.
    if (editor && credit) return kProbeLikely - 10;
    return kProbeDecline;
  }

  void clean(Document& doc) override {
    html::SiteFlow flow;
    flow.plugin = kPlugin;
    flow.content_root = [](const HtmlDom& dom) {
      return html::content_root_or_main(dom, content_selectors(), 40);
    };
    flow.find_metadata = find_metadata;
    // Editor and keyword lines usually follow the body, outside its container.
    flow.after_chrome = [](Document& doc, const HtmlDom& dom) {
      html::find_keywords_and_editor(doc, dom, kPlugin);
    };
    html::run_site_flow(doc, flow);
  }

 private:
  static void find_metadata(Document& doc, const HtmlDom& dom, html::Node root) {
    const std::string by = kPlugin;
    html::find_layout_title(doc, dom, root, by);
    const html::Guess meta_published =
        html::meta_date(dom, {"publishdate", "PubDate", "pubdate", "article:published_time",
                              "og:release_date", "apub:time", "firstpublishedtime"});
    html::set_meta_field(doc, "published", meta_published.value, by + ":" + meta_published.rule);

    // people.com.cn writes <meta name="source" content="来源：人民网-文化频道">.
    const std::string meta_source = html::meta_content(dom, "source");
    if (auto credited = text::labelled_value(meta_source, {"来源"})) {
      html::set_meta_field(doc, "source_name", *credited, by + ":meta_source");
    } else {
      html::set_meta_field(doc, "source_name", meta_source, by + ":meta_source");
    }
    html::set_meta_field(doc, "source_name", html::meta_content(dom, "ContentSource"),
                         by + ":meta_ContentSource");

    html::find_labels_near_title(doc, dom, by);
    html::set_meta_field(doc, "source_name", html::source_element_text(dom), by + ":source_class");
    html::set_meta_field(doc, "author", html::meta_content(dom, "author"), by + ":meta_author");

    html::set_meta_field(doc, "site", html::meta_content(dom, "og:site_name"),
                         by + ":og_site_name");
    html::set_meta_field(doc, "site", html::meta_content(dom, "SiteName"), by + ":meta_SiteName");
    html::set_meta_field(doc, "site", html::title_suffix_site(dom), by + ":title_suffix");
  }
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "newssite";
  info.description =
      "Chinese news-site articles (people.com.cn, xinhuanet, gmw.cn, china.com.cn, ...): body, "
      "title, time, 来源, 责任编辑, 关键词, without share/mood widgets and related lists";
  registry.add_cleaner(std::move(info),
                       [](const StageContext&) { return std::make_unique<NewssiteCleaner>(); });
}

}  // namespace
}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("newssite", "1.0.0", clearpage::plugins::register_stages)
