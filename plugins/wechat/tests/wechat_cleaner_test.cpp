#include <gtest/gtest.h>

#include "plugin_fixture.hpp"
#include "site_fixture.hpp"

namespace clearpage {
namespace {

const char* kNewLayout = R"(<html><head><title>x</title></head><body>
<h1 class="rich_media_title" id="activity-name"> 春季植树活动回顾 </h1>
<div id="meta_content"><span id="js_author_name">王小明</span>
<a id="js_name"> 绿色家园 </a><em id="publish_time">前天</em></div>
<div id="js_content" style="visibility: hidden;">
<p>三月十二日，志愿者们在河堤两侧种下了三百棵树苗。</p>
<p><img data-src="https://mmbiz.example.org/a.jpg"></p>
<p>活动结束后，大家一起清理了河道垃圾。</p></div>
<script>var nickname = "绿色家园"; var ct = "1584000000"; var msg_title = "春季植树活动回顾";</script>
</body></html>)";

const char* kOldLayout = R"(<html><body>
<h2 class="rich_media_title" id="activity-name">早间新闻速览</h2>
<div class="rich_media_meta_list" id="meta_content">
<em id="post-date" class="rich_media_meta rich_media_meta_text">2018-04-06</em>
<em class="rich_media_meta rich_media_meta_text">小编阿亮</em>
<a class="rich_media_meta rich_media_meta_link rich_media_meta_nickname" id="post-user">城市晚报</a></div>
<div class="rich_media_content" id="js_content"><p>今天白天晴转多云，最高气温二十二度，适宜出行。</p></div>
<script>var publish_time = "2018-04-06" || "";</script>
</body></html>)";

const char* kBlog = R"(<html><head><title>我的周末 - 小李的博客</title></head><body>
<div class="header">小李的博客</div><article><h1>我的周末</h1>
<p>周六去爬了山，山顶的风景非常好，拍了很多照片。</p>
<p>周日在家看书，读完了一本关于历史的小说。</p></article>
<div class="comments">评论（3）</div></body></html>)";

const char* kRepost = R"(<html><head><title>转载：乡村振兴的新路子_某某资讯网</title></head><body>
<div class="rich_media_content">
<p>点击右上角“…”分享到朋友圈</p>
<p>原标题：乡村振兴的新路子</p>
<p>来源：微信公众号 农业观察</p>
<p>近年来，某县依托特色产业发展乡村旅游，带动农民增收致富。</p>
<p>当地还建立了合作社，统一销售农产品，提高了农户收入。</p></div></body></html>)";

TEST(WechatCleaner, ProbeClaimsBothLayoutsAndDeclinesOthers) {
  auto cleaner = testkit::make_cleaner("wechat");
  EXPECT_EQ(cleaner->probe(testkit::html_document(kNewLayout)), kProbeCertain);
  EXPECT_EQ(cleaner->probe(testkit::html_document(kOldLayout)), kProbeCertain);
  EXPECT_EQ(cleaner->probe(testkit::html_document(kRepost)), kProbeLikely);
  EXPECT_EQ(cleaner->probe(testkit::html_document(kBlog)), kProbeDecline);
  // Only the URL says WeChat: not enough without the article frame.
  EXPECT_EQ(cleaner->probe(testkit::html_document(kBlog, "https://mp.weixin.qq.com/s/abc")),
            kProbeDecline);
  Document text_doc;
  text_doc.format = "text";
  EXPECT_EQ(cleaner->probe(text_doc), kProbeDecline);
}

TEST(WechatCleaner, GenericBlogIsDeclinedByAllSiteCleaners) {
  for (const char* stage : {"wechat", "sites"}) {
    EXPECT_EQ(testkit::make_cleaner(stage)->probe(testkit::html_document(kBlog)), kProbeDecline)
        << stage;
  }
}

TEST(WechatCleaner, NewLayoutMetadataAndBody) {
  auto cleaner = testkit::make_cleaner("wechat");
  Document doc = testkit::html_document(kNewLayout);
  cleaner->clean(doc);
  EXPECT_EQ(doc.layout, "wechat");
  EXPECT_EQ(doc.meta.title, "春季植树活动回顾");
  EXPECT_EQ(doc.meta.found_by["title"], "wechat:activity_name");
  EXPECT_EQ(doc.meta.source_name, "绿色家园");
  EXPECT_EQ(doc.meta.found_by["source_name"], "wechat:account_name");
  EXPECT_EQ(doc.meta.site, "微信公众号");
  // 1584000000 is 2020-03-12 08:00 UTC.
  EXPECT_EQ(doc.meta.published, "2020-03-12T16:00:00+08:00");
  EXPECT_EQ(doc.meta.found_by["published"], "wechat:var_ct");
  EXPECT_EQ(doc.meta.author, "王小明");
  EXPECT_EQ(
      doc.text(),
      "三月十二日，志愿者们在河堤两侧种下了三百棵树苗。\n活动结束后，大家一起清理了河道垃圾。");
  bool image = false;
  for (const Block& block : doc.blocks) {
    if (block.kind == BlockKind::kImage && block.kept()) {
      image = true;
      EXPECT_EQ(block.src, "https://mmbiz.example.org/a.jpg");
    }
  }
  EXPECT_TRUE(image) << "data-src image lost";
}

TEST(WechatCleaner, LayoutRulesOverrideTheReadersGuessesAndKeepTheRest) {
  auto cleaner = testkit::make_cleaner("wechat");
  Document doc = testkit::html_document(kNewLayout);
  doc.meta.title = "x";
  doc.meta.found_by["title"] = "html:title_tag";
  doc.meta.keywords = {"植树"};
  doc.meta.found_by["keywords"] = "html:meta_keywords";
  cleaner->clean(doc);
  EXPECT_EQ(doc.meta.title, "春季植树活动回顾");
  EXPECT_EQ(doc.meta.found_by["title"], "wechat:activity_name");
  EXPECT_EQ(doc.meta.keywords, std::vector<std::string>{"植树"});
  EXPECT_EQ(doc.meta.found_by["keywords"], "html:meta_keywords");
}

TEST(WechatCleaner, OldLayoutFallsBackToPostUserAndPostDate) {
  auto cleaner = testkit::make_cleaner("wechat");
  Document doc = testkit::html_document(kOldLayout);
  cleaner->clean(doc);
  EXPECT_EQ(doc.meta.title, "早间新闻速览");
  EXPECT_EQ(doc.meta.source_name, "城市晚报");
  EXPECT_EQ(doc.meta.published, "2018-04-06");
  EXPECT_EQ(doc.meta.found_by["published"], "wechat:publish_time");
  EXPECT_EQ(doc.meta.author, "小编阿亮");
  EXPECT_EQ(doc.text(), "今天白天晴转多云，最高气温二十二度，适宜出行。");
}

TEST(WechatCleaner, RepostOverlaysAndOriginLinesAreRemoved) {
  auto cleaner = testkit::make_cleaner("wechat");
  Document doc = testkit::html_document(kRepost);
  cleaner->clean(doc);
  EXPECT_EQ(doc.text(),
            "近年来，某县依托特色产业发展乡村旅游，带动农民增收致富。\n"
            "当地还建立了合作社，统一销售农产品，提高了农户收入。");
  EXPECT_TRUE(testkit::has_removed(doc, "share"));
  EXPECT_TRUE(testkit::has_removed(doc, "repost_header"));
}

TEST(WechatCleaner, NoParsedPageIsAClearError) {
  auto cleaner = testkit::make_cleaner("wechat");
  Document doc;
  EXPECT_THROW(cleaner->clean(doc), std::runtime_error);
}

TEST(WechatCleaner, SampleMatchesExpected) {
  testkit::expect_site_sample("wechat", "wechat_sample", kProbeLikely);
}

struct CorpusPage {
  const char* path;
  const char* title;
  const char* account;
  const char* published;
};

// Checked by hand against each page's #activity-name, #js_name / #post-user and var ct.
const CorpusPage kCorpus[] = {
    {"corpus/gne/tests/wechat/1.html", "三星 Galaxy S20 系列手机正式发布", "爱否科技",
     "2020-02-12T22:17:54+08:00"},
    {"corpus/gne/tests/wechat/2.html", "一日一技：在 Python 中实现延迟调用", "未闻Code",
     "2020-02-11T18:47:50+08:00"},
    {"corpus/wechatsogou/article_detail_backgroud-image.html", "4月6日周五【新闻速览一分钟】",
     "华商报", "2018-04-06T06:56:20+08:00"},
    {"corpus/wechatsogou/article_detail_iframe.html", "【视频】石榴花开", "共产党员",
     "2018-03-20T11:19:59+08:00"},
    {"corpus/wechatsogou/article_detail_mpvoice.html", "语音 | 早安武汉〔2018.3.19 周一〕",
     "长江日报", "2018-03-19T05:30:00+08:00"},
    {"corpus/wechatsogou/article_detail_qqmusic.html", "关于音乐", "闲云野鹤古刹",
     "2018-04-07T22:21:55+08:00"},
    {"corpus/magic-html/7e99760d0920deb0.html", "绥德：33名退役军人被表彰", "掌上绥德",
     "2022-07-31T21:34:31+08:00"},
};

TEST(WechatCleaner, SharedCorpusPagesGetTitleAccountAndDate) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  auto cleaner = testkit::make_cleaner("wechat");
  for (const CorpusPage& page : kCorpus) {
    SCOPED_TRACE(page.path);
    Document doc = testkit::html_document(testkit::read_file(shared / page.path));
    EXPECT_EQ(cleaner->probe(doc), kProbeCertain);
    cleaner->clean(doc);
    EXPECT_EQ(doc.meta.title, page.title);
    EXPECT_EQ(doc.meta.source_name, page.account);
    EXPECT_EQ(doc.meta.published, page.published);
    EXPECT_GT(doc.text().size(), 30u) << "empty body";
  }
}

TEST(WechatCleaner, ExpiredArticleStubIsNotClaimed) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  // The stub has no article frame, so the generic extractor handles it.
  Document doc = testkit::html_document(
      testkit::read_file(shared / "corpus/wechatsogou/article_detail_expired.html"));
  EXPECT_EQ(testkit::make_cleaner("wechat")->probe(doc), kProbeDecline);
}

}  // namespace
}  // namespace clearpage
