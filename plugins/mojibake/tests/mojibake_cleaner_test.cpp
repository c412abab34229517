// Damage is produced here the way it happens in crawls: correct text is encoded to
// GBK, bytes are lost or inserted, and the result is decoded again.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "clearpage/text/charset.hpp"
#include "clearpage/text/normalize.hpp"
#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;

std::string gbk(const std::string& utf8) {
  return text::encode_to(utf8, "gbk");
}

// Decodes GBK like the damaging tool did: a lead byte with a bad trail becomes one '?'
// and takes the trail with it; the text then gets a full-width -> ASCII pass.
std::string lossy_decode(const std::string& bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      out += bytes[i++];
      continue;
    }
    if (i + 1 >= bytes.size()) {
      out += '?';
      ++i;
      continue;
    }
    std::size_t invalid = 0;
    const std::string c = text::decode_with(bytes.substr(i, 2), "gbk", &invalid);
    out += invalid ? std::string("?") : c;
    i += 2;
  }
  return text::fold_full_width_ascii(out);
}

// A multibyte-unsafe split: the text is cut `cut_after` bytes into the GBK of `damaged`
// and both halves are decoded on their own.
std::string split_damage(const std::string& before, const std::string& damaged,
                         const std::string& after, std::size_t cut_after) {
  const std::string bytes = gbk(damaged);
  return text::fold_full_width_ascii(before) + lossy_decode(bytes.substr(0, cut_after)) +
         lossy_decode(bytes.substr(cut_after) + gbk(after));
}

Document doc_of(const std::vector<std::string>& lines) {
  Document doc;
  for (const auto& line : lines) {
    Block b;
    b.text = line;
    doc.blocks.push_back(b);
  }
  return doc;
}

const std::string kTraditional =
    "為全面深化新的社會階層人士統戰工作先行區試點,"
    "積極探索網絡人士統戰工作和網絡素養教育工作方法路徑。"
    "打造網絡人士統戰工作實踐創新基地和網絡素養教育基地,定期開展各類網絡文化活動。"
    "活動上,互聯網企業代表發出網絡文明公約倡議。活動結束後,志愿者們將主動發揮示范引領作用。";

TEST(Mojibake, LostLeadBeforeFullWidthExclamationIsRealigned) {
  // 。“川香秋月”“農村 with the first byte of 。 cut off; 農 = DE 72 brings it back in step.
  const std::string damaged =
      split_damage("引領新風尚", "。“川香秋月”“農村四哥”", "等網絡人士助力宣傳。", 1);
  ASSERT_NE(damaged.find("?!"), std::string::npos) << damaged;
  Document doc = doc_of({kTraditional, "“川香秋月”榮獲全省殊榮,“農村四哥”傳幫帶。", damaged});
  auto cleaner = testkit::make_cleaner("mojibake");
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[2].text, "引領新風尚。“川香秋月”“農村四哥”等網絡人士助力宣傳。");
  ASSERT_EQ(doc.repairs.size(), 1u);
  EXPECT_EQ(doc.repairs[0].plugin, "mojibake");
  EXPECT_EQ(doc.repairs[0].after, "。“川香秋月”“農");
  EXPECT_NE(doc.repairs[0].detail.find("A1*"), std::string::npos) << doc.repairs[0].detail;
}

TEST(Mojibake, ShortRunEndsOnAsciiRangeTrail) {
  // 趕 = DA 73: its trail is 's'.
  const std::string damaged = split_damage("助力暢銷全網", "。“趕場天”", "電商平臺建立網點。", 1);
  ASSERT_NE(damaged.find("?!"), std::string::npos) << damaged;
  Document doc = doc_of({kTraditional, "“趕場天”和中愛科技公司。", damaged});
  testkit::make_cleaner("mojibake")->clean(doc);
  EXPECT_EQ(doc.blocks[2].text, "助力暢銷全網。“趕場天”電商平臺建立網點。");
}

TEST(Mojibake, PinyinInsideRunGivesTheLostTrail) {
  // Pinyin inserted after 動 at byte level, then the first byte of 。 lost:
  // "?;顒?dòng)" - the second '?' is D3 plus the '(' it swallowed.
  const std::string bytes = gbk("。活動") + gbk("(dòng)") + gbk("上,互聯網企業代表發出倡議。");
  const std::string damaged =
      "和努力" + lossy_decode(bytes.substr(0, 1)) + lossy_decode(bytes.substr(1));
  ASSERT_NE(damaged.find("?;"), std::string::npos) << damaged;
  ASSERT_NE(damaged.find("?dòng)"), std::string::npos) << damaged;
  Document doc = doc_of({kTraditional, damaged});
  testkit::make_cleaner("mojibake")->clean(doc);
  EXPECT_EQ(doc.blocks[1].text, "和努力。活動(dòng)上,互聯網企業代表發出倡議。");
  ASSERT_EQ(doc.repairs.size(), 1u);
  EXPECT_NE(doc.repairs[0].detail.find("84 D3 = 動 read dòng"), std::string::npos)
      << doc.repairs[0].detail;

  // Through pinyin, the annotation goes too once the document has enough of them.
  Document chained = doc_of({"網(wǎng)絡(luò)統(tǒng)戰(zhàn)" + kTraditional, damaged});
  testkit::make_cleaner("mojibake")->clean(chained);
  testkit::make_cleaner("pinyin")->clean(chained);
  EXPECT_EQ(chained.blocks[1].text, "和努力。活動上,互聯網企業代表發出倡議。");
}

TEST(Mojibake, SpuriousAnnotationAcrossACharacterBoundaryIsDropped) {
  // A byte-level inserter matched 務 (84 D5) across 獎|者 (AA 84|D5 DF) and put "(wù)"
  // after D5; it also annotated 獎 itself.
  const std::string clean = gbk("獲獎者頒獎");
  ASSERT_EQ(clean.substr(2, 4), std::string("\xAA\x84\xD5\xDF"));
  const std::string bytes = clean.substr(0, 4) + gbk("(jiǎng)") + clean.substr(4, 1) + gbk("(wù)") +
                            clean.substr(5) + gbk("(jiǎng)。");
  const std::string damaged = "大賽" + lossy_decode(bytes);
  ASSERT_NE(damaged.find("?wù)"), std::string::npos) << damaged;
  Document doc = doc_of({kTraditional + "志愿者們和獲獎者。", damaged});
  testkit::make_cleaner("mojibake")->clean(doc);
  EXPECT_EQ(doc.blocks[1].text, "大賽獲獎(jiǎng)者頒獎(jiǎng)。");
  ASSERT_EQ(doc.repairs.size(), 1u);
  EXPECT_NE(doc.repairs[0].detail.find("dropped (wù)"), std::string::npos) << doc.repairs[0].detail;
}

TEST(Mojibake, SimplifiedTextToo) {
  const std::string simplified =
      "为全面深化新的社会阶层人士统战工作先行区试点,积极探索网络人士统战工作方法路径。"
      "活动上,互联网企业代表发出网络文明公约倡议。活动结束后,志愿者们主动发挥示范引领作用。";
  const std::string bytes = gbk("。活动") + gbk("(dòng)") + gbk("上,代表发言。");
  const std::string damaged =
      "大家共同努力" + lossy_decode(bytes.substr(0, 1)) + lossy_decode(bytes.substr(1));
  ASSERT_EQ(damaged.find("活动"), std::string::npos) << damaged;
  Document doc = doc_of({simplified, damaged});
  testkit::make_cleaner("mojibake")->clean(doc);
  EXPECT_EQ(doc.blocks[1].text, "大家共同努力。活动(dòng)上,代表发言。");
}

TEST(Mojibake, CleanTextStaysByteIdentical) {
  const std::vector<std::string> lines = {
      kTraditional,
      "你知道吗?我不知道。怎么做?请往下看——",
      "怎么“聚”?",
      "What is this? A question. Really?",
      "详见 https://www.gov.cn/zhengce/content.php?id=3&page=2 和 http://a.cn/?q=网络",
      "2021年9月13日(星期一),公司(集团)于(2021年)成立?是的。",
      "问题?答案!结果;完毕?",
      "乱码测试 ?? 和 ? 以及 �",
  };
  Document doc = doc_of(lines);
  testkit::make_cleaner("mojibake")->clean(doc);
  for (std::size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(doc.blocks[i].text, lines[i]);
  EXPECT_TRUE(doc.repairs.empty()) << doc.repairs[0].before << " -> " << doc.repairs[0].after;
}

// UTF-8 bytes read as windows-1252 or Latin-1 (through ICU, as a crawler's decoder
// would) and stored as UTF-8 again.
std::string read_as(const std::string& utf8, const char* charset) {
  return text::decode_with(utf8, charset);
}

TEST(Mojibake, Utf8ReadAsWindows1252OrLatin1IsDecodedAgain) {
  const std::vector<std::string> clean = {
      "It isn’t “just” SEO — it’s 50 € and café crème…",
      "中文网页的标题，第二段。",
      "Zürich, São Paulo, Œuvre, naïve Ü ß © 2025 · 10 °C, Łódź, Привет",
      "Emoji 🙂 and a dash – here",
  };
  for (const char* charset : {"windows-1252", "iso-8859-1"}) {
    SCOPED_TRACE(charset);
    std::vector<std::string> damaged;
    for (const auto& line : clean) damaged.push_back(read_as(line, charset));
    ASSERT_NE(damaged[0], clean[0]);
    Document doc = doc_of(damaged);
    doc.meta.title = damaged[1];
    doc.meta.author = read_as("José Núñez", charset);
    testkit::make_cleaner("mojibake")->clean(doc);
    for (std::size_t i = 0; i < clean.size(); ++i) EXPECT_EQ(doc.blocks[i].text, clean[i]);
    EXPECT_EQ(doc.meta.title, clean[1]);
    EXPECT_EQ(doc.meta.author, "José Núñez");
    ASSERT_FALSE(doc.repairs.empty());
    bool apostrophe = false;
    for (const Repair& r : doc.repairs) {
      EXPECT_EQ(r.rule, "utf8-as-cp1252");
      if (r.after == "’") {
        apostrophe = true;
        EXPECT_EQ(r.before, read_as("’", charset));
        EXPECT_NE(r.detail.find("E2 80 99"), std::string::npos) << r.detail;
        EXPECT_NE(r.detail.find("2 times"), std::string::npos) << r.detail;
      }
    }
    EXPECT_TRUE(apostrophe);
  }
}

TEST(Mojibake, LatinTextThatOnlyLooksDamagedStays) {
  const std::vector<std::string> lines = {
      "Der Fuß“ und «café», l’été… à€ Ã",
      "SÃO PAULO e JOÃO; Âge d’or",
      "naïve ÷ ß‘ é» è… ñ¿",
      "Ã",
      "â€",
  };
  Document doc = doc_of(lines);
  testkit::make_cleaner("mojibake")->clean(doc);
  for (std::size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(doc.blocks[i].text, lines[i]);
  EXPECT_TRUE(doc.repairs.empty()) << doc.repairs[0].before << " -> " << doc.repairs[0].after;
}

// Seeds through the real CLI: text reader, mojibake, then pinyin.
TEST(Mojibake, SeedsThroughTheChain) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const fs::path dir =
      fs::temp_directory_path() / ("clearpage_mojibake_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "job.toml") << "[job]\noutput = \"" << (dir / "out.jsonl").string()
                                  << "\"\n\n[[stage]]\nplugin = \"text\"\n\n[[stage]]\nplugin = "
                                     "\"mojibake\"\n\n[[stage]]\nplugin = \"pinyin\"\n\n[["
                                     "stage]]\nplugin = \"jsonl\"\n";
  std::vector<fs::path> seeds;
  for (const auto& entry : fs::directory_iterator(shared / "seeds")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("000_", 0) == 0 || name.rfind("002_", 0) == 0) seeds.push_back(entry.path());
  }
  ASSERT_EQ(seeds.size(), 2u);
  std::string inputs;
  for (const auto& p : seeds) inputs += " " + p.string();
  // Run in the job's folder: a job file may only write below the directory it runs in.
  const auto result =
      testkit::run_command("cd " + dir.string() + " && " + testkit::clearpage_binary().string() +
                           " run --config " + (dir / "job.toml").string() + inputs);
  ASSERT_EQ(result.status, 0) << result.output;
  std::ifstream in(dir / "out.jsonl");
  std::string line;
  std::size_t records = 0;
  while (std::getline(in, line)) {
    const auto record = nlohmann::json::parse(line);
    ++records;
    const std::string id = record["id"].get<std::string>();
    const std::string out = record["text"].get<std::string>();
    EXPECT_EQ(out.find("?;"), std::string::npos) << id;
    EXPECT_EQ(out.find("?!"), std::string::npos) << id;
    // No "(syllable)" annotation is left.
    for (std::size_t open = out.find('('); open != std::string::npos;
         open = out.find('(', open + 1)) {
      const std::size_t close = out.find(')', open);
      if (close == std::string::npos) break;
      const std::string inner = out.substr(open + 1, close - open - 1);
      bool latin_only = !inner.empty();
      for (const unsigned char c : inner) {
        if (!(std::islower(c) || c >= 0x80)) latin_only = false;
      }
      // Pinyin uses a-z and Latin tone vowels (two-byte UTF-8), never CJK (three bytes).
      if (latin_only) {
        for (std::size_t k = 0; k < inner.size(); ++k) {
          if (static_cast<unsigned char>(inner[k]) >= 0xE0) latin_only = false;
        }
      }
      EXPECT_FALSE(latin_only) << id << ": annotation (" << inner << ") left";
    }
    // The id is the seed's path as given; the gold is named after its file.
    const auto gold = nlohmann::json::parse(
        testkit::read_file(shared / "gold" / (fs::path(id).stem().string() + ".json")));
    for (const auto& repair : gold["repairs"]) {
      EXPECT_NE(out.find(repair["clean_text"].get<std::string>()), std::string::npos)
          << id << ": " << repair["clean_text"];
    }
    EXPECT_GE(record["repairs"].size(), gold["repairs"].size()) << id;
  }
  EXPECT_EQ(records, 2u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace clearpage
