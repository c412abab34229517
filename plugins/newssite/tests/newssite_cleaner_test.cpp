#include <gtest/gtest.h>

#include "plugin_fixture.hpp"
#include "site_fixture.hpp"

namespace clearpage {
namespace {

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

TEST(NewssiteCleaner, ProbeKnownHostsAndEditorCreditPages) {
  auto cleaner = testkit::make_cleaner("newssite");
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

TEST(NewssiteCleaner, MetadataEditorKeywordsAndBody) {
  auto cleaner = testkit::make_cleaner("newssite");
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

TEST(NewssiteCleaner, SourceFromAnElementClassedSourceWhenNoLabelNamesIt) {
  Document doc = testkit::html_document(R"(<html><head><title>有轨电车之困_新浪新闻</title></head>
<body><h1>有轨电车之困</h1><div class="date-source"><span class="date">2024年05月20日 10:12</span>
<a class="source" href="/m">每日经济新闻</a></div><div id="artibody">
<p>现代有轨电车的发展，离既定目标还有相当的距离，其里程增速已明显放缓。</p>
<p>图片来源：城市轨道交通年度统计和分析报告</p></div></body></html>)",
                                        "https://news.sina.com.cn/c/2024-05-20/doc.shtml");
  testkit::make_cleaner("newssite")->clean(doc);
  EXPECT_EQ(doc.meta.source_name, "每日经济新闻");
  EXPECT_EQ(doc.meta.found_by["source_name"], "newssite:source_class");
}

TEST(NewssiteCleaner, SampleMatchesExpected) {
  testkit::expect_site_sample("newssite", "newssite_sample", kProbeLikely - 10);
}

}  // namespace
}  // namespace clearpage
