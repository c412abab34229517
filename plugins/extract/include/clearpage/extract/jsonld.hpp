// What a page's JSON-LD says about its article: the schema.org object of the main work,
// found through @graph, arrays and @id references.
#pragma once

#include <string>
#include <vector>

namespace clearpage::html {

struct JsonLdArticle {
  std::string headline;
  std::string date_published;
  std::vector<std::string> authors;  // names in the page's order, each once
  std::string publisher;
  std::string language;     // inLanguage
  std::string type;         // the @type the facts came from ("" when none was found)
  std::string body;         // articleBody
  std::string description;  // the article's, else another work's (a product): not a page's
};

// Reads every <script type="application/ld+json"> text. The first article-like object
// (a type ending in Article or Posting, or Report, Review, HowTo, Recipe, Question) gives
// the facts; a WebPage object fills what it leaves empty. Scripts that are not valid JSON
// are skipped.
JsonLdArticle read_jsonld(const std::vector<std::string>& scripts);

}  // namespace clearpage::html
