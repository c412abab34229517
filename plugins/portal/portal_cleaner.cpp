// Government and institutional portal pages (gov.cn and provincial sites, universities,
// hospitals, societies): TRS / Hanweb / VSB style article pages with a breadcrumb, a
// 发布日期/来源/字号/打印 line and a 主办单位/网站标识码/ICP footer.
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

constexpr const char* kPlugin = "portal";

// Content containers of the CMSs these portals run on, most specific first.
const std::vector<std::string_view>& content_selectors() {
  static const std::vector<std::string_view> selectors = {"#UCAP-CONTENT",
                                                          "#zoom",
                                                          "#dochtmlcon",
                                                          ".TRS_Editor",
                                                          "#vsb_content",
                                                          ".detailCon",
                                                          ".article_content_mix",
                                                          ".article-content",
                                                          ".article_content",
                                                          ".pages_content",
                                                          ".main-txt",
                                                          ".article-body",
                                                          "#content",
                                                          ".content",
                                                          ".article"};
  return selectors;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != s.npos;
}

// Page values that mean "this site itself" rather than naming a publisher.
bool names_this_site(std::string_view source) {
  for (std::string_view self : {"本站原创", "本站", "本网", "本网原创", "原创", "本院", "本校"}) {
    if (source == self) return true;
  }
  return false;
}

// Words that end the names of public institutions (政府, 医院, 大学, 学会 ...).
bool names_institution(std::string_view title) {
  for (std::string_view word : {"政府", "学会", "协会", "医院", "大学", "学院", "研究院", "研究所",
                                "委员会", "管理局", "法院", "检察院", "学校", "党委", "纪委"}) {
    if (contains(title, word)) return true;
  }
  return false;
}

class PortalCleaner : public Cleaner {
 public:
  int probe(const Document& doc) const override {
    if (!doc.dom) return kProbeDecline;
    const HtmlDom& dom = *doc.dom;
    const std::string host = html::url_host(html::page_url(doc));
    if (html::host_in(host, "gov.cn") || contains(host, ".gov.")) return kProbeCertain;
    // Chinese government sites must show a site ID code (网站标识码).
    if (!html::meta_content(dom, "SiteIDCode").empty()) return kProbeCertain;
    const std::string& text = html::page_text(dom);
    if (contains(text, "网站标识码")) return kProbeCertain;
    // 主办单位 footers are a government-site convention; a copyright footer counts when
    // the page names an institution.
    const html::Node head_title = html::select_first(dom, "title");
    const std::string title = head_title ? html::text_content(head_title) : std::string();
    const bool footer = contains(text, "主办单位") || contains(text, "主办：") ||
                        (contains(text, "版权所有") && names_institution(title));
    const bool article_labels = contains(text, "发布日期") || contains(text, "发布时间") ||
                                contains(text, "信息来源") || contains(text, "来源：") ||
                                contains(text, "来源:");
    const bool institutional = html::host_in(host, "edu.cn") || html::host_in(host, "org.cn");
    if (article_labels && (footer || institutional)) return kProbeLikely;
    return kProbeDecline;
  }

  void clean(Document& doc) override {
    html::SiteFlow flow;
    flow.plugin = kPlugin;
    flow.content_root = [](const HtmlDom& dom) {
      return html::content_root_or_main(dom, content_selectors(), 20);
    };
    flow.find_metadata = find_metadata;
    html::run_site_flow(doc, flow);
  }

 private:
  static void find_metadata(Document& doc, const HtmlDom& dom, html::Node root) {
    const std::string by = kPlugin;
    html::find_layout_title(doc, dom, root, by);
    const html::Guess meta_published =
        html::meta_date(dom, {"PubDate", "firstpublishedtime", "publishdate", "pubdate",
                              "article:published_time", "og:release_date"});
    html::set_meta_field(doc, "published", meta_published.value, by + ":" + meta_published.rule);

    html::find_labels_near_title(doc, dom, by);
    html::find_keywords_and_editor(doc, dom, by);

    // The site: what the page calls itself.
    html::set_meta_field(doc, "site", html::meta_content(dom, "SiteName"), by + ":meta_SiteName");
    html::set_meta_field(doc, "site", html::meta_content(dom, "og:site_name"),
                         by + ":og_site_name");
    html::set_meta_field(doc, "site", html::title_suffix_site(dom), by + ":title_suffix");

    const std::string& all = html::page_text(dom);
    const std::string owner = text::copyright_owner(all);
    html::set_meta_field(doc, "site", owner, by + ":copyright_owner");

    // A page that credits itself, or no one, was published by the site's owner.
    if (names_this_site(doc.meta.source_name)) {
      doc.meta.source_name.clear();
      doc.meta.found_by.erase("source_name");
      html::set_meta_field(doc, "source_name", doc.meta.site, by + ":source_is_site");
    }
    html::set_meta_field(doc, "source_name", html::meta_content(dom, "ContentSource"),
                         by + ":meta_ContentSource");
    if (auto host = text::labelled_value(all, {"主办单位", "主办"})) {
      html::set_meta_field(doc, "source_name", *host, by + ":footer_owner");
    }
    html::set_meta_field(doc, "source_name", doc.meta.site, by + ":source_is_site");
  }
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "portal";
  info.description =
      "Government and institutional portal pages: body from the CMS content container, "
      "title, 发布日期, 来源 (or the site owner), without breadcrumb, toolbar and footer";
  registry.add_cleaner(std::move(info),
                       [](const StageContext&) { return std::make_unique<PortalCleaner>(); });
}

}  // namespace
}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("portal", "1.0.0", clearpage::plugins::register_stages)
