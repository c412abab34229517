// A static HTML review site: an index of every document and one page per document that shows
// the cleaned article beside the original blocks, the removals and the repairs.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "clearpage/plugin.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins {

namespace {

namespace fs = std::filesystem;

// Valid UTF-8 and nothing the browser could read as markup.
std::string esc(std::string_view raw) {
  const std::string text = text::sanitize_utf8(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // C0 controls other than tab/newline are not allowed in HTML text.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += "&#xFFFD;";
        } else {
          out += c;
        }
    }
  }
  return out;
}

// Page names come from ids; anything but a safe ASCII set is percent-encoded so the name is
// also a valid relative URL.
std::string page_stem(const std::string& id) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : id) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || c == '-' ||
        c == '_' || c == '.') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  if (out.empty() || out == "." || out == "..") out = "doc" + out;
  if (out.size() > 150) out = out.substr(0, 150);
  return out;
}

// A file name whose percent signs are themselves encoded, so the browser finds the file.
std::string href_for(const std::string& file_name) {
  std::string out;
  for (const char c : file_name) out += (c == '%') ? std::string("%25") : std::string(1, c);
  return out;
}

std::string block_text(const Block& block) {
  if (!block.text.empty()) return block.text;
  std::string out;
  if (block.kind == BlockKind::kList) {
    for (const auto& item : block.items) out += (out.empty() ? "" : "\n") + item;
  } else if (block.kind == BlockKind::kTable) {
    for (const auto& row : block.rows) {
      std::string line;
      for (const auto& cell : row) line += (line.empty() ? "" : " | ") + cell;
      out += (out.empty() ? "" : "\n") + line;
    }
  } else if (block.kind == BlockKind::kImage) {
    out = block.alt;
  }
  return out;
}

constexpr const char* kStyle = R"css(
:root{--fg:#1d232a;--muted:#5d6b78;--line:#d7dde3;--bg:#f6f7f9;--accent:#1f5fa8;
--removed:#fdecec;--removed-line:#d9534f;--ins:#e6f6e9;--del:#fbe3e3}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",
"PingFang SC",system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:12px 24px}
header h1{margin:4px 0;font-size:20px}
main{padding:16px 24px}
a{color:var(--accent)}
nav a{text-decoration:none;font-size:13px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}
.meta td:first-child{color:var(--muted);white-space:nowrap}
.rule{font:12px/1.4 ui-monospace,monospace;color:var(--muted)}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-top:16px}
section.panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 16px}
section.panel h2{font-size:16px;margin:8px 0;color:var(--muted)}
.article p{margin:.6em 0}
.article figure{margin:.6em 0;padding:8px;border:1px dashed var(--line);color:var(--muted)}
.article .caption{font-style:italic;color:var(--muted)}
.article blockquote{margin:.6em 0;padding-left:12px;border-left:3px solid var(--line)}
ol.blocks{list-style:none;margin:0;padding:0}
ol.blocks li{border-left:3px solid #8fb98f;padding:4px 8px;margin:4px 0;background:#fbfdfb}
ol.blocks li.removed{border-left-color:var(--removed-line);background:var(--removed)}
ol.blocks li.removed .text{text-decoration:line-through;color:#7a4a4a}
.tag{display:inline-block;font-size:11px;padding:0 6px;border-radius:8px;background:#e3e8ee;
color:var(--muted);margin-right:6px}
.removal{font-size:12px;font-weight:600;color:var(--removed-line)}
.text{white-space:pre-wrap;word-break:break-word}
del{background:var(--del)} ins{background:var(--ins);text-decoration:none}
.errors{color:#a12622}
.controls{margin:0 0 12px;display:flex;gap:12px;flex-wrap:wrap;align-items:center}
#docs th{cursor:pointer;user-select:none}
#docs th.sorted-asc::after{content:" ▲"} #docs th.sorted-desc::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
)css";

constexpr const char* kIndexScript = R"js(
(function(){
  var table=document.getElementById('docs'),body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var q=document.getElementById('q'),err=document.getElementById('err'),
      plugin=document.getElementById('plugin'),count=document.getElementById('count');
  function apply(){
    var text=q.value.toLowerCase(),e=err.value,p=plugin.value,shown=0;
    rows.forEach(function(r){
      var ok=(!text||r.textContent.toLowerCase().indexOf(text)>=0)&&
        (e===''||r.dataset.error===e)&&
        (p===''||(' '+r.dataset.plugins+' ').indexOf(' '+p+' ')>=0);
      r.hidden=!ok; if(ok) shown++;
    });
    count.textContent=shown+' / '+rows.length;
  }
  [q,err,plugin].forEach(function(el){el.addEventListener('input',apply);});
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    th.addEventListener('click',function(){
      var asc=!th.classList.contains('sorted-asc'),num=th.dataset.type==='num';
      Array.prototype.forEach.call(th.parentNode.cells,function(c){
        c.classList.remove('sorted-asc','sorted-desc');});
      th.classList.add(asc?'sorted-asc':'sorted-desc');
      rows.sort(function(a,b){
        var x=a.cells[i].dataset.sort||a.cells[i].textContent,
            y=b.cells[i].dataset.sort||b.cells[i].textContent;
        var d=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y);
        return asc?d:-d;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  apply();
})();
)js";

void page_head(std::ostream& out, const std::string& title) {
  out << "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         // Nothing in the report may load from the network.
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
         "<title>"
      << esc(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n";
}

void render_kept_block(std::ostream& out, const Block& block) {
  switch (block.kind) {
    case BlockKind::kHeading: {
      // h1 is the page title; article headings start one level below.
      const int level = std::min(6, std::max(2, block.level + 1));
      out << "<h" << level << ">" << esc(block.text) << "</h" << level << ">\n";
      break;
    }
    case BlockKind::kList:
      out << "<ul>";
      if (block.items.empty()) {
        out << "<li>" << esc(block.text) << "</li>";
      } else {
        for (const auto& item : block.items) out << "<li>" << esc(item) << "</li>";
      }
      out << "</ul>\n";
      break;
    case BlockKind::kTable:
      if (block.rows.empty()) {
        out << "<p class=\"text\">" << esc(block.text) << "</p>\n";
        break;
      }
      out << "<table>";
      for (std::size_t r = 0; r < block.rows.size(); ++r) {
        out << "<tr>";
        for (const auto& cell : block.rows[r]) {
          out << (r == 0 ? "<th>" : "<td>") << esc(cell) << (r == 0 ? "</th>" : "</td>");
        }
        out << "</tr>";
      }
      out << "</table>\n";
      break;
    case BlockKind::kImage:
      // Shown as a placeholder: a remote image would be a request to the network.
      out << "<figure class=\"image\">[image] " << esc(block.alt.empty() ? block.text : block.alt)
          << "<br><span class=\"rule\">" << esc(block.src) << "</span></figure>\n";
      break;
    case BlockKind::kCaption:
      out << "<p class=\"caption\">" << esc(block.text) << "</p>\n";
      break;
    case BlockKind::kQuote:
      out << "<blockquote class=\"text\">" << esc(block.text) << "</blockquote>\n";
      break;
    case BlockKind::kParagraph:
      out << "<p>" << esc(block.text) << "</p>\n";
      break;
  }
}

struct IndexRow {
  std::string id;
  std::string title;
  std::string published;
  std::string source;
  std::size_t kept_chars = 0;
  std::size_t removed_chars = 0;
  std::string errors;
  std::set<std::string> removed_by;
  std::string file;
};

class ReportWriter final : public Writer {
 public:
  explicit ReportWriter(const StageContext& context)
      : title_(context.options.get_string("title")) {}

  ~ReportWriter() override {
    std::error_code ec;
    if (!temp_.empty()) fs::remove(temp_, ec);
  }

  void open(const std::string& path) override {
    if (path.empty() || path == "-")
      throw std::runtime_error("report: 'path' must name a directory");
    dir_ = path;
    fs::create_directories(dir_ / "docs");
  }

  void write(const Document& doc) override {
    IndexRow row;
    row.id = doc.id;
    row.title = doc.meta.title;
    row.published = doc.meta.published;
    row.source = doc.source;
    for (const auto& block : doc.blocks) {
      const std::size_t chars = text::count_code_points(text::sanitize_utf8(block_text(block)));
      if (block.kept()) {
        row.kept_chars += chars;
      } else {
        row.removed_chars += chars;
        row.removed_by.insert(block.removed->plugin);
      }
    }
    for (const auto& error : doc.errors) {
      if (!row.errors.empty()) row.errors += "; ";
      row.errors += error.plugin + ": " + error.message;
    }
    std::string stem = page_stem(doc.id);
    if (!used_.insert(stem).second) {
      int n = 2;
      while (!used_.insert(stem + "-" + std::to_string(n)).second) ++n;
      stem += "-" + std::to_string(n);
    }
    row.file = "docs/" + stem + ".html";
    write_atomically(dir_ / row.file, [&](std::ostream& out) { document_page(out, doc); });
    rows_.push_back(std::move(row));
  }

  void close() override {
    write_atomically(dir_ / "index.html", [&](std::ostream& out) { index_page(out); });
  }

 private:
  template <typename Fn>
  void write_atomically(const fs::path& final_path, Fn&& fill) {
    temp_ = final_path;
    temp_ += ".partial-" + std::to_string(::getpid());
    {
      std::ofstream out(temp_, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("report: cannot open " + temp_.string() + " for writing");
      fill(out);
      out.close();
      if (!out) throw std::runtime_error("report: write failed: " + temp_.string());
    }
    fs::rename(temp_, final_path);
    temp_.clear();
  }

  static void meta_row(std::ostream& out, const Document& doc, const char* name,
                       const std::string& value) {
    auto it = doc.meta.found_by.find(name);
    if (value.empty() && it == doc.meta.found_by.end()) return;
    out << "<tr><td>" << name << "</td><td>" << esc(value) << "</td><td class=\"rule\">"
        << (it == doc.meta.found_by.end() ? "" : esc(it->second)) << "</td></tr>\n";
  }

  void document_page(std::ostream& out, const Document& doc) const {
    const std::string heading = doc.meta.title.empty() ? doc.id : doc.meta.title;
    page_head(out, heading);
    out << "<body class=\"document\">\n<header><nav><a href=\"../index.html\">&larr; "
        << esc(title_) << "</a></nav><h1>" << esc(heading) << "</h1></header>\n<main>\n";
    out << "<table class=\"meta\">\n<tr><th>field</th><th>value</th><th>found by</th></tr>\n";
    out << "<tr><td>id</td><td>" << esc(doc.id) << "</td><td></td></tr>\n";
    out << "<tr><td>source</td><td>" << esc(doc.source) << "</td><td></td></tr>\n";
    if (!doc.url.empty()) out << "<tr><td>url</td><td>" << esc(doc.url) << "</td><td></td></tr>\n";
    out << "<tr><td>format</td><td>" << esc(doc.format)
        << (doc.layout.empty() ? "" : " / " + esc(doc.layout)) << "</td><td></td></tr>\n";
    meta_row(out, doc, "title", doc.meta.title);
    meta_row(out, doc, "published", doc.meta.published);
    meta_row(out, doc, "site", doc.meta.site);
    meta_row(out, doc, "source_name", doc.meta.source_name);
    meta_row(out, doc, "author", doc.meta.author);
    meta_row(out, doc, "editor", doc.meta.editor);
    std::string keywords;
    for (const auto& keyword : doc.meta.keywords)
      keywords += (keywords.empty() ? "" : ", ") + keyword;
    meta_row(out, doc, "keywords", keywords);
    meta_row(out, doc, "language", doc.meta.language);
    meta_row(out, doc, "script", doc.meta.script);
    out << "</table>\n";

    if (!doc.errors.empty()) {
      out << "<section class=\"panel errors\"><h2>Errors</h2><ul>\n";
      for (const auto& error : doc.errors) {
        out << "<li><span class=\"rule\">" << esc(error.plugin) << " / " << esc(error.stage)
            << "</span> " << esc(error.message) << "</li>\n";
      }
      out << "</ul></section>\n";
    }

    std::size_t removed = 0;
    for (const auto& block : doc.blocks) removed += block.kept() ? 0 : 1;
    out << "<div class=\"columns\">\n<section class=\"panel article\"><h2>Cleaned article</h2>\n";
    for (const auto& block : doc.blocks) {
      if (block.kept()) render_kept_block(out, block);
    }
    out << "</section>\n<section class=\"panel original\"><h2>Original blocks ("
        << doc.blocks.size() << ", " << removed << " removed)</h2>\n<ol class=\"blocks\">\n";
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& block = doc.blocks[i];
      out << "<li class=\"block " << (block.kept() ? "kept" : "removed") << "\" data-kind=\""
          << to_string(block.kind) << "\"";
      if (block.removed) {
        out << " data-removed-by=\"" << esc(block.removed->plugin) << "\" data-rule=\""
            << esc(block.removed->rule) << "\"";
      }
      out << "><span class=\"tag\">" << i << " " << to_string(block.kind)
          << "</span><span class=\"rule\">" << esc(block.provenance) << "</span>";
      if (block.removed) {
        out << " <span class=\"removal\">removed by " << esc(block.removed->plugin) << ": "
            << esc(block.removed->rule) << "</span>";
      }
      out << "<div class=\"text\">" << esc(block_text(block)) << "</div></li>\n";
    }
    out << "</ol>\n</section>\n</div>\n";

    if (!doc.repairs.empty()) {
      out << "<section class=\"panel repairs\"><h2>Repairs (" << doc.repairs.size()
          << ")</h2>\n<table>\n<tr><th>plugin: "
             "rule</th><th>before</th><th>after</th><th>detail</th></tr>\n";
      for (const auto& repair : doc.repairs) {
        out << "<tr class=\"repair\"><td class=\"rule\">" << esc(repair.plugin) << ": "
            << esc(repair.rule) << "</td><td><del>" << esc(repair.before) << "</del></td><td><ins>"
            << esc(repair.after) << "</ins></td><td>" << esc(repair.detail) << "</td></tr>\n";
      }
      out << "</table>\n</section>\n";
    }
    out << "</main>\n</body>\n</html>\n";
  }

  void index_page(std::ostream& out) const {
    std::set<std::string> plugins;
    std::size_t failed = 0;
    for (const auto& row : rows_) {
      plugins.insert(row.removed_by.begin(), row.removed_by.end());
      failed += row.errors.empty() ? 0 : 1;
    }
    page_head(out, title_);
    out << "<body class=\"index\">\n<header><h1>" << esc(title_) << "</h1><div class=\"rule\">"
        << rows_.size() << " documents, " << failed << " with errors</div></header>\n<main>\n";
    out << "<div class=\"controls\"><input id=\"q\" type=\"search\" placeholder=\"filter\">"
           "<label>errors <select id=\"err\"><option value=\"\">all</option>"
           "<option value=\"1\">with errors</option><option value=\"0\">without errors</option>"
           "</select></label><label>removed by <select id=\"plugin\"><option value=\"\">any "
           "plugin</option>";
    for (const auto& plugin : plugins) {
      out << "<option value=\"" << esc(plugin) << "\">" << esc(plugin) << "</option>";
    }
    out << "</select></label><span id=\"count\" class=\"rule\"></span></div>\n";
    out << "<table id=\"docs\">\n<thead><tr><th>id</th><th>title</th><th>published</th>"
           "<th>source</th><th data-type=\"num\">kept chars</th><th data-type=\"num\">removed "
           "chars</th><th>removed by</th><th>errors</th></tr></thead>\n<tbody>\n";
    for (const auto& row : rows_) {
      std::string by;
      for (const auto& plugin : row.removed_by) by += (by.empty() ? "" : " ") + plugin;
      out << "<tr data-error=\"" << (row.errors.empty() ? 0 : 1) << "\" data-plugins=\"" << esc(by)
          << "\"><td><a href=\"" << esc(href_for(row.file)) << "\">" << esc(row.id)
          << "</a></td><td>" << esc(row.title) << "</td><td>" << esc(row.published) << "</td><td>"
          << esc(row.source) << "</td><td class=\"num\">" << row.kept_chars
          << "</td><td class=\"num\">" << row.removed_chars << "</td><td>" << esc(by)
          << "</td><td class=\"errors\">" << esc(row.errors) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</main>\n<script>" << kIndexScript
        << "</script>\n</body>\n</html>\n";
  }

  std::string title_;
  fs::path dir_;
  fs::path temp_;
  std::set<std::string> used_;
  std::vector<IndexRow> rows_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "report";
  info.description =
      "static HTML review site: index.html plus one page per document with removals and "
      "repairs (docs/inspect.md); no network access needed to view it";
  info.options = {
      {"path", OptionType::kString, std::string(), "output directory; empty means the job's output",
       false, true},
      {"title", OptionType::kString, std::string("clearpage report"), "the index page's title",
       false},
  };
  registry.add_writer(std::move(info), [](const StageContext& context) {
    return std::make_unique<ReportWriter>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("report", "0.1.0", clearpage::plugins::register_stages)
