#include <gtest/gtest.h>

#include "plugin_fixture.hpp"
#include "site_fixture.hpp"

// The portal and newssite layouts, as profiles (configs/sites/portal.toml and
// newssite.toml) run by the sites cleaner.
namespace clearpage {
namespace portal {

const char* kPortal =
    R"(<html><head><title>关于做好冬季供暖工作的通知_石门市人民政府</title></head><body>
<div class="crumb">您当前的位置：首页 > 政务公开 > 通知公告</div>
<h2 class="article-title">关于做好冬季供暖工作的通知</h2>
<p class="info">发布时间：2022年11月02日 来源：市住建局 浏览次数：</p>
<div class="article-content">
<p>各县区住建部门：为保障群众温暖过冬，现就做好今冬供暖工作通知如下。</p>
<p>一、各供热企业要在十一月十五日前完成管网检修和试运行。</p>
<p>二、各县区要建立供暖投诉快速处理机制，及时回应群众诉求。</p>
</div>
<div class="foot">主办单位：石门市人民政府办公室 网站标识码：1300000000 冀ICP备00000000号</div>
</body></html>)";

// An institutional page: no 来源 value, so the site's owner is the source.
const char* kInstitution = R"(<html><head><title>学术报告会通知-示范学院</title></head><body>
<table><tr><td>当前位置：首页 >> 学院新闻</td></tr></table>
<h1>学术报告会通知</h1>
<div>来源: | 发布时间: 2021-05-12 | 浏览次数: 120</div>
<div id="vsb_content"><p>本周五下午在图书馆报告厅举行学术报告会，欢迎师生参加。</p>
<p>报告人将介绍近年来在新材料领域的研究进展。</p></div>
<div>主办单位：示范学院党委宣传部 版权所有</div>
</body></html>)";

const char* kNews = R"(<html><head><title>球队晋级决赛</title></head><body>
<h1>球队晋级决赛</h1><p>2023-05-01 10:00 来源：体育周报 责任编辑：李四</p>
<div class="content"><p>昨晚的半决赛中，主队以三比一战胜对手，晋级决赛。</p></div></body></html>)";

TEST(SitesPortal, ProbeUsesHostSiteCodeAndFooterMarkers) {
  auto cleaner = testkit::make_cleaner("sites");
  EXPECT_EQ(cleaner->probe(testkit::html_document(kPortal)), kProbeCertain);  // 网站标识码
  EXPECT_EQ(cleaner->probe(testkit::html_document(kInstitution)), kProbeLikely);
  EXPECT_EQ(cleaner->probe(testkit::html_document("<html><body><p>正文</p></body></html>",
                                                  "http://www.example.gov.cn/a.html")),
            kProbeCertain);
  // Not a portal page: the newssite profile's editor-and-source rule claims it.
  EXPECT_EQ(cleaner->probe(testkit::html_document(kNews)), kProbeLikely - 10);
  Document no_dom;
  EXPECT_EQ(cleaner->probe(no_dom), kProbeDecline);
}

TEST(SitesPortal, MetadataAndCleanBody) {
  auto cleaner = testkit::make_cleaner("sites");
  Document doc = testkit::html_document(kPortal);
  cleaner->clean(doc);
  EXPECT_EQ(doc.layout, "portal");
  EXPECT_EQ(doc.meta.title, "关于做好冬季供暖工作的通知");
  EXPECT_EQ(doc.meta.found_by["title"], "portal:heading_matches_title");
  EXPECT_EQ(doc.meta.published, "2022-11-02");
  EXPECT_EQ(doc.meta.found_by["published"], "portal:published_label");
  EXPECT_EQ(doc.meta.source_name, "市住建局");
  EXPECT_EQ(doc.meta.site, "石门市人民政府");
  EXPECT_EQ(doc.text(),
            "各县区住建部门：为保障群众温暖过冬，现就做好今冬供暖工作通知如下。\n"
            "一、各供热企业要在十一月十五日前完成管网检修和试运行。\n"
            "二、各县区要建立供暖投诉快速处理机制，及时回应群众诉求。");
}

TEST(SitesPortal, EmptySourceFallsBackToSiteOwner) {
  auto cleaner = testkit::make_cleaner("sites");
  Document doc = testkit::html_document(kInstitution);
  cleaner->clean(doc);
  EXPECT_EQ(doc.meta.title, "学术报告会通知");
  EXPECT_EQ(doc.meta.published, "2021-05-12");
  EXPECT_EQ(doc.meta.source_name, "示范学院党委宣传部");
  EXPECT_EQ(doc.meta.found_by["source_name"], "portal:footer_owner");
  EXPECT_EQ(doc.text().find("主办单位"), std::string::npos);
}

TEST(SitesPortal, ChromeInsideTheContainerIsRemovedWithReasons) {
  auto cleaner = testkit::make_cleaner("sites");
  Document doc =
      testkit::html_document(R"(<html><head><title>通知</title></head><body><div id="zoom">
<p>当前位置：首页 > 通知</p><p>字号：[大][中][小] [打印] [关闭窗口]</p>
<p>全市中小学将于九月一日正式开学，请各校做好准备工作。</p>
<p>主办单位：某市教育局 网站标识码：0000000001</p></div></body></html>)");
  cleaner->clean(doc);
  EXPECT_EQ(doc.text(), "全市中小学将于九月一日正式开学，请各校做好准备工作。");
  EXPECT_TRUE(testkit::has_removed(doc, "breadcrumb"));
  EXPECT_TRUE(testkit::has_removed(doc, "toolbar"));
  EXPECT_TRUE(testkit::has_removed(doc, "footer"));
}

TEST(SitesPortal, SampleMatchesExpected) {
  testkit::expect_site_sample("sites", "portal_sample", kProbeLikely);
}

// The gov and institutional rows of corpus/gne/INDEX.md.
const char* const kGovPages[] = {
    "tests/gzggw/1.html",        "tests/shanxi/1.html", "tests/other/1.html", "tests/cmse/1.html",
    "visiable_test/cmse/1.html", "tests/sxmu/1.html",   "tests/zyyfy/1.html", "tests/gsc/1.html"};

TEST(SitesPortal, SharedGovPagesGetMetadataAndNoChrome) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  auto cleaner = testkit::make_cleaner("sites");
  for (const char* page : kGovPages) {
    SCOPED_TRACE(page);
    Document doc = testkit::html_document(testkit::read_file(shared / "corpus/gne" / page));
    EXPECT_GE(cleaner->probe(doc), kProbeLikely);
    cleaner->clean(doc);
    EXPECT_FALSE(doc.meta.title.empty());
    EXPECT_FALSE(doc.meta.published.empty());
    EXPECT_FALSE(doc.meta.source_name.empty());
    const std::string text = doc.text();
    EXPECT_GT(text.size(), 60u);
    for (const char* chrome : {"主办单位", "ICP备", "网站标识码", "当前位置"}) {
      EXPECT_EQ(text.find(chrome), std::string::npos) << chrome;
    }
  }
}

}  // namespace portal

namespace newssite {

const char* kNews = R"(<html><head><title>新能源汽车销量创新高--财经--示例网</title></head><body>
<div class="nav">首页 财经 科技</div>
<h1>新能源汽车销量创新高</h1>
<div class="info">来源：经济日报2023年10月09日 09:15 作者：赵一</div>
<div id="p-detail">
<p>十月第一周，全国新能源汽车零售量同比增长超过三成，创下同期新高。</p>
<p>业内人士认为，充电设施的完善和新车型的密集上市是主要原因。</p>
<p>【责任编辑：钱二 孙三】</p>
</div>
<div class="share">分享到：</div>
<p class="kw">关键词：新能源 汽车 销量</p>
</body></html>)";

TEST(SitesNewssite, ProbeKnownHostsAndEditorCreditPages) {
  auto cleaner = testkit::make_cleaner("sites");
  EXPECT_EQ(cleaner->probe(testkit::html_document(kNews)), kProbeLikely - 10);
  EXPECT_EQ(cleaner->probe(testkit::html_document("<html><body><p>正文</p></body></html>",
                                                  "http://culture.people.com.cn/n1/2020/a.html")),
            kProbeCertain - 10);
  EXPECT_EQ(cleaner->probe(testkit::html_document("<html><body><p>正文</p></body></html>",
                                                  "http://www.example.com/a.html")),
            kProbeDecline);
  // A WeChat article frame is the wechat cleaner's, wherever it is hosted.
  EXPECT_EQ(cleaner->probe(testkit::html_document(R"(<html><body><h1 id="activity-name">标题</h1>
<div id="js_content"><p>责任编辑：某 来源：某</p></div></body></html>)",
                                                  "http://www.qq.com/x")),
            kProbeDecline);
}

TEST(SitesNewssite, MetadataEditorKeywordsAndBody) {
  auto cleaner = testkit::make_cleaner("sites");
  Document doc = testkit::html_document(kNews);
  cleaner->clean(doc);
  EXPECT_EQ(doc.layout, "newssite");
  EXPECT_EQ(doc.meta.title, "新能源汽车销量创新高");
  EXPECT_EQ(doc.meta.published, "2023-10-09T09:15:00+08:00");
  EXPECT_EQ(doc.meta.source_name, "经济日报");
  EXPECT_EQ(doc.meta.author, "赵一");
  EXPECT_EQ(doc.meta.editor, "钱二 孙三");
  EXPECT_EQ(doc.meta.site, "示例网");
  EXPECT_EQ(doc.meta.keywords, (std::vector<std::string>{"新能源", "汽车", "销量"}));
  EXPECT_EQ(doc.text(),
            "十月第一周，全国新能源汽车零售量同比增长超过三成，创下同期新高。\n"
            "业内人士认为，充电设施的完善和新车型的密集上市是主要原因。");
  EXPECT_TRUE(testkit::has_removed(doc, "editor_line"));
}

TEST(SitesNewssite, SourceFromAnElementClassedSourceWhenNoLabelNamesIt) {
  Document doc = testkit::html_document(R"(<html><head><title>有轨电车之困_新浪新闻</title></head>
<body><h1>有轨电车之困</h1><div class="date-source"><span class="date">2024年05月20日 10:12</span>
<a class="source" href="/m">每日经济新闻</a></div><div id="artibody">
<p>现代有轨电车的发展，离既定目标还有相当的距离，其里程增速已明显放缓。</p>
<p>图片来源：城市轨道交通年度统计和分析报告</p></div></body></html>)",
                                        "https://news.sina.com.cn/c/2024-05-20/doc.shtml");
  testkit::make_cleaner("sites")->clean(doc);
  EXPECT_EQ(doc.meta.source_name, "每日经济新闻");
  EXPECT_EQ(doc.meta.found_by["source_name"], "sina:source_class");
}

TEST(SitesNewssite, SampleMatchesExpected) {
  testkit::expect_site_sample("sites", "newssite_sample", kProbeLikely - 10);
}

}  // namespace newssite
}  // namespace clearpage
