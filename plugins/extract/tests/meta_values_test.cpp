// clearpage/extract/meta_values.hpp: what a metadata value must be before it is written.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clearpage/extract/meta_values.hpp"

namespace clearpage {
namespace {

using meta::CalendarDay;

const CalendarDay kLatest{2026, 12, 5};

TEST(MetaValues, DatesMustBeRealCalendarDaysInRange) {
  EXPECT_EQ(meta::valid_date("2021-09-13", kLatest), "2021-09-13");
  EXPECT_EQ(meta::valid_date("2021-09-13T14:57:00+08:00", kLatest), "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(meta::valid_date("2024-02-29T10:00Z", kLatest), "2024-02-29T10:00Z");
  EXPECT_EQ(meta::valid_date("2025-06-01 08:30:00.123-05:00", kLatest),
            "2025-06-01T08:30:00.123-05:00");  // the zone is kept
  EXPECT_EQ(meta::valid_date("2026-12-05", kLatest), "2026-12-05");
  std::string why;
  EXPECT_FALSE(meta::valid_date("2023-02-29", kLatest, &why));
  EXPECT_EQ(why, "no such calendar date");
  EXPECT_FALSE(meta::valid_date("2021-13-01", kLatest));
  EXPECT_FALSE(meta::valid_date("1989-12-31", kLatest, &why));
  EXPECT_EQ(why, "before 1990");
  EXPECT_FALSE(meta::valid_date("2026-12-06", kLatest, &why));
  EXPECT_EQ(why, "in the future");
  EXPECT_FALSE(meta::valid_date("2021-09-13T25:00", kLatest));
  EXPECT_FALSE(meta::valid_date("2021-09-13T10:00+25:00", kLatest));
  EXPECT_FALSE(meta::valid_date("13 September 2021", kLatest));
  EXPECT_FALSE(meta::valid_date("2021-9-13", kLatest));
  const CalendarDay tomorrow = meta::tomorrow_utc();
  EXPECT_GE(tomorrow.year, 2024);
}

TEST(MetaValues, EnglishDates) {
  EXPECT_EQ(meta::english_date("Posted on June 29, 2020 by Ann"), "2020-06-29");
  EXPECT_EQ(meta::english_date("Jul. 18 2022"), "2022-07-18");
  EXPECT_EQ(meta::english_date("29th September 2021"), "2021-09-29");
  EXPECT_EQ(meta::english_date("Sept 3, 2024"), "2024-09-03");
  EXPECT_EQ(meta::english_date("February 30, 2023"), "");  // no such day
  EXPECT_EQ(meta::english_date("Maybe 12, 2023"), "");
  EXPECT_EQ(meta::english_date("in March 2024"), "");  // no day, no date
  EXPECT_EQ(meta::english_date("June 2020 and 2021"), "");
}

TEST(MetaValues, NamesArePeopleOrOrganisations) {
  EXPECT_EQ(meta::valid_name("  Jane   Roe "), "Jane Roe");
  EXPECT_EQ(meta::valid_name("新华社"), "新华社");
  EXPECT_EQ(meta::valid_name("Jean-Luc Aufranc (CNXSoft)"), "Jean-Luc Aufranc (CNXSoft)");
  EXPECT_EQ(meta::valid_name("Doris Munoz-Mantilla, MD, FOMA, DABOM"),
            "Doris Munoz-Mantilla, MD, FOMA, DABOM");
  std::string why;
  EXPECT_FALSE(meta::valid_name("104363", {}, &why));
  EXPECT_EQ(why, "no letters (digits or punctuation only)");
  EXPECT_FALSE(meta::valid_name("2023-12-01"));
  EXPECT_FALSE(meta::valid_name("张三 size=\"20\"", {}, &why));
  EXPECT_EQ(why, "markup or an attribute fragment");
  EXPECT_FALSE(meta::valid_name("<span class", {}, &why));
  EXPECT_FALSE(meta::valid_name("{{ post.author }}"));
  EXPECT_FALSE(meta::valid_name("https://example.com/user/jane", {}, &why));
  EXPECT_EQ(why, "a URL");
  EXPECT_FALSE(meta::valid_name("www.example.com"));
  EXPECT_FALSE(meta::valid_name(std::string(61, 'a'), {}, &why));
  EXPECT_EQ(why, "longer than 60 characters");
  // Software credits: the name shares a word with the page's generator.
  EXPECT_FALSE(meta::valid_name("Discuz! Team and Comsenz UI Team", "Discuz! X3.4", &why));
  EXPECT_EQ(why, "the credit of the software that generated the page");
  EXPECT_TRUE(meta::valid_name("Discuz! Team and Comsenz UI Team"));  // no evidence, no verdict
  EXPECT_TRUE(meta::valid_name("Emily Baron Cadloff", "WordPress 6.9"));
}

TEST(MetaValues, LanguagesAreBcp47TagsNotCharsets) {
  EXPECT_EQ(meta::valid_language("en"), "en");
  EXPECT_EQ(meta::valid_language("en-us"), "en-US");
  EXPECT_EQ(meta::valid_language("pt_BR"), "pt-BR");
  EXPECT_EQ(meta::valid_language("zh-hans-cn"), "zh-Hans-CN");
  EXPECT_EQ(meta::valid_language("es-419"), "es-419");
  std::string why;
  EXPECT_FALSE(meta::valid_language("utf-8", &why));
  EXPECT_FALSE(meta::valid_language("UTF-8"));
  EXPECT_FALSE(meta::valid_language("gb2312"));
  EXPECT_FALSE(meta::valid_language("gbk"));
  EXPECT_FALSE(meta::valid_language("iso-8859-1"));
  EXPECT_FALSE(meta::valid_language("english language"));
  EXPECT_FALSE(meta::valid_language(""));
}

TEST(MetaValues, TitlesHoldNoMarkup) {
  EXPECT_EQ(meta::valid_title("<table>: The Table element"), "<table>: The Table element");
  EXPECT_EQ(meta::valid_title("E=mc2 explained"), "E=mc2 explained");
  EXPECT_EQ(meta::valid_title("2024"), "2024");
  EXPECT_FALSE(meta::valid_title("标题 <meta name=\"x\""));
  EXPECT_FALSE(meta::valid_title("Title</b>"));
  EXPECT_FALSE(meta::valid_title(" -- "));
  EXPECT_FALSE(meta::valid_title(""));
}

TEST(MetaValues, KeywordsSplitAtEveryListSeparatorAndDropMarkup) {
  EXPECT_EQ(meta::split_keywords("网络,人士，强国、 会议;杭州；网络"),
            (std::vector<std::string>{"网络", "人士", "强国", "会议", "杭州"}));
  EXPECT_EQ(meta::split_keywords("<meta, name=, 数据"), (std::vector<std::string>{"数据"}));
  EXPECT_EQ(meta::split_keywords("Lodge 12\" Cast Iron Skillet"),
            (std::vector<std::string>{"Lodge 12\" Cast Iron Skillet"}));
  EXPECT_TRUE(meta::split_keywords(" , ;").empty());
  EXPECT_FALSE(meta::valid_keyword("<meta"));
  EXPECT_FALSE(meta::valid_keyword("name="));
}

TEST(MetaValues, LanguageFromText) {
  EXPECT_EQ(meta::detect_language(
                "国务院办公厅关于进一步优化营商环境的通知，各地区各部门要认真贯彻执行。"),
            "zh");
  EXPECT_EQ(
      meta::detect_language("東京都は今日、新しい計画を発表しました。これは市民のためのものです。"),
      "ja");
  EXPECT_EQ(meta::detect_language(
                "서울시는 오늘 새로운 계획을 발표했습니다. 이것은 시민을 위한 것입니다."),
            "ko");
  EXPECT_EQ(meta::detect_language(
                "The council said that the plan is ready and that it will be put to a vote "
                "next week, with the support of most members of the board."),
            "en");
  EXPECT_EQ(meta::detect_language(
                "Der Rat sagte, dass der Plan fertig ist und dass er nächste Woche zur "
                "Abstimmung gestellt wird, mit der Unterstützung der meisten Mitglieder."),
            "de");
  EXPECT_EQ(
      meta::detect_language("Le conseil a dit que le plan est prêt et qu'il sera soumis au vote la "
                            "semaine prochaine, avec le soutien de la plupart des membres."),
      "fr");
  EXPECT_EQ(meta::detect_language(
                "El consejo dijo que el plan está listo y que se someterá a votación la "
                "próxima semana, con el apoyo de la mayoría de los miembros."),
            "es");
  EXPECT_EQ(meta::detect_language("Совет заявил, что план готов и будет вынесен на голосование."),
            "ru");
  EXPECT_EQ(meta::detect_language("Too short."), "");
  EXPECT_EQ(meta::detect_language("12345 67890 +++ --- 2021-09-13 14:57"), "");
}

TEST(MetaValues, TimezonesAreKeptAsWritten) {
  EXPECT_EQ(meta::valid_date("2021-09-13T10:00+05:30", kLatest), "2021-09-13T10:00+05:30");
  EXPECT_EQ(meta::valid_date("2021-09-13T10:00:00+0530", kLatest), "2021-09-13T10:00:00+0530");
  EXPECT_EQ(meta::valid_date("2021-09-13T10:00:00.5Z", kLatest), "2021-09-13T10:00:00.5Z");
  EXPECT_EQ(meta::valid_date(" 2021-09-13 10:00-03:00 ", kLatest), "2021-09-13T10:00-03:00");
  std::string why;
  EXPECT_FALSE(meta::valid_date("2021-09-13T10:00Zx", kLatest, &why));
  EXPECT_EQ(why, "not a timezone");
  EXPECT_FALSE(meta::valid_date("2021-09-13T10:00+05:60", kLatest, &why));
  EXPECT_EQ(why, "not a timezone");
  EXPECT_FALSE(meta::valid_date("2021-09-13T10", kLatest, &why));
  EXPECT_EQ(why, "not a time of day");
  EXPECT_FALSE(meta::valid_date("2021-09-13/10:00", kLatest, &why));
  EXPECT_EQ(why, "not an ISO 8601 date");
}

TEST(MetaValues, DatesLieBetween1990AndLatest) {
  EXPECT_EQ(meta::valid_date("1990-01-01", kLatest), "1990-01-01");
  EXPECT_EQ(meta::valid_date("1990-01-01T00:00:00Z", kLatest), "1990-01-01T00:00:00Z");
  std::string why;
  EXPECT_FALSE(meta::valid_date("1989-12-31T23:59:59Z", kLatest, &why));
  EXPECT_EQ(why, "before 1990");
  // `latest` is compared as year, month, day; the time of that day does not matter.
  EXPECT_EQ(meta::valid_date("2026-12-05T23:59:59-12:00", kLatest), "2026-12-05T23:59:59-12:00");
  EXPECT_EQ(meta::valid_date("2026-11-30", kLatest), "2026-11-30");
  EXPECT_FALSE(meta::valid_date("2027-01-01", kLatest, &why));
  EXPECT_EQ(why, "in the future");
  EXPECT_FALSE(meta::valid_date("2026-12-05", CalendarDay{2026, 12, 4}, &why));
  EXPECT_EQ(why, "in the future");
  EXPECT_EQ(meta::valid_date("2026-12-05", CalendarDay{2027, 1, 1}), "2026-12-05");
}

TEST(MetaValues, February29OnlyInLeapYears) {
  const CalendarDay far{2200, 1, 1};
  EXPECT_EQ(meta::valid_date("2024-02-29", far), "2024-02-29");
  EXPECT_EQ(meta::valid_date("2000-02-29", far), "2000-02-29");  // divisible by 400
  std::string why;
  EXPECT_FALSE(meta::valid_date("2100-02-29", far, &why));  // divisible by 100 only
  EXPECT_EQ(why, "no such calendar date");
  EXPECT_FALSE(meta::valid_date("2023-02-29", far, &why));
  EXPECT_EQ(why, "no such calendar date");
  // The calendar is checked before the range.
  EXPECT_FALSE(meta::valid_date("1900-02-29", far, &why));
  EXPECT_EQ(why, "no such calendar date");
  EXPECT_FALSE(meta::valid_date("2024-02-30", far));
  EXPECT_FALSE(meta::valid_date("2024-04-31", far));
  EXPECT_EQ(meta::valid_date("2024-12-31", far), "2024-12-31");
  EXPECT_EQ(meta::english_date("February 29, 2024"), "2024-02-29");
  EXPECT_EQ(meta::english_date("February 29, 2023"), "");
}

TEST(MetaValues, GeneratorWordsMarkSoftwareCredits) {
  std::string why;
  // Words are compared case-insensitively.
  EXPECT_FALSE(meta::valid_name("DISCUZ fans", "Discuz! X3.4", &why));
  EXPECT_EQ(why, "the credit of the software that generated the page");
  EXPECT_FALSE(meta::valid_name("WordPress.com VIP", "WordPress 6.4.2"));
  // Words shorter than three letters are no evidence.
  EXPECT_EQ(meta::valid_name("X Li", "Discuz! X3.4"), "X Li");
  EXPECT_EQ(meta::valid_name("新华社", "Discuz! X3.4"), "新华社");
}

TEST(MetaValues, NamesHoldNoUrl) {
  std::string why;
  EXPECT_FALSE(meta::valid_name("WWW.Example.com", {}, &why));
  EXPECT_EQ(why, "a URL");
  EXPECT_FALSE(meta::valid_name("Jane (ftp://files.example.com)", {}, &why));
  EXPECT_EQ(why, "a URL");
  EXPECT_EQ(meta::valid_name("Example.com Staff"), "Example.com Staff");
  EXPECT_EQ(meta::valid_name(std::string(60, 'a')), std::string(60, 'a'));
}

TEST(MetaValues, TitlesUpTo300Characters) {
  EXPECT_EQ(meta::valid_title(std::string(300, 'a')), std::string(300, 'a'));
  std::string why;
  EXPECT_FALSE(meta::valid_title(std::string(301, 'a'), &why));
  EXPECT_EQ(why, "longer than 300 characters");
  // Characters, not bytes.
  std::string chinese;
  for (int i = 0; i < 300; ++i) chinese += "标";
  EXPECT_EQ(meta::valid_title(chinese), chinese);
  EXPECT_FALSE(meta::valid_title(chinese + "题"));
  // Whitespace is normalised before it is counted.
  EXPECT_EQ(meta::valid_title("  " + std::string(300, 'a') + "  "), std::string(300, 'a'));
  EXPECT_FALSE(meta::valid_title(" -- ", &why));
  EXPECT_EQ(why, "no letters or digits");
}

TEST(MetaValues, Keywords) {
  EXPECT_TRUE(meta::valid_keyword("数据"));
  EXPECT_TRUE(meta::valid_keyword("2024"));
  EXPECT_TRUE(meta::valid_keyword("C++"));
  EXPECT_TRUE(meta::valid_keyword(std::string(60, 'k')));
  std::string why;
  EXPECT_FALSE(meta::valid_keyword("", &why));
  EXPECT_EQ(why, "empty");
  EXPECT_FALSE(meta::valid_keyword(std::string(61, 'k'), &why));
  EXPECT_EQ(why, "longer than 60 characters");
  EXPECT_FALSE(meta::valid_keyword("--", &why));
  EXPECT_EQ(why, "no letters or digits");
  EXPECT_FALSE(meta::valid_keyword("<meta", &why));
  EXPECT_EQ(why, "markup or an attribute fragment");
  EXPECT_EQ(meta::split_keywords("a b,  a   b ,--, x"), (std::vector<std::string>{"a b", "x"}));
}

TEST(MetaValues, UnderscoreTagsAreWrittenWithHyphens) {
  EXPECT_EQ(meta::valid_language("zh_cn"), "zh-CN");
  EXPECT_EQ(meta::valid_language("ZH_TW"), "zh-TW");
  EXPECT_EQ(meta::valid_language(" zh_hant_hk "), "zh-Hant-HK");
  std::string why;
  EXPECT_FALSE(meta::valid_language("utf_8", &why));
  EXPECT_EQ(why, "a charset name, not a language");
  EXPECT_FALSE(meta::valid_language("zh_c", &why));
  EXPECT_EQ(why, "not a BCP-47 language tag");
}

}  // namespace
}  // namespace clearpage
