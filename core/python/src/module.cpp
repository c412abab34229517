// The Python binding of the in-process API: clearpage._clearpage, re-exported by the
// `clearpage` package. Documents cross as the JSONL writer's JSON form, as dicts.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <deque>

#include "clearpage/pipeline.hpp"

namespace py = pybind11;

namespace clearpage {
namespace {

// str is encoded as UTF-8, and then says so, so that a <meta charset> cannot re-decode
// text Python already decoded. bytes are passed as they are.
struct PageBytes {
  std::string owned;
  std::string_view borrowed;  // into a bytes object the caller holds
  bool is_borrowed = false;
  bool from_str = false;
  std::string_view view() const { return is_borrowed ? borrowed : std::string_view(owned); }
};

PageBytes page_bytes(const py::handle& html) {
  PageBytes out;
  if (PyBytes_Check(html.ptr())) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    PyBytes_AsStringAndSize(html.ptr(), &data, &size);
    out.borrowed = std::string_view(data, static_cast<std::size_t>(size));
    out.is_borrowed = true;
  } else if (PyByteArray_Check(html.ptr()) || PyMemoryView_Check(html.ptr())) {
    out.owned = std::string(py::bytes(py::reinterpret_borrow<py::object>(html)));
  } else if (PyUnicode_Check(html.ptr())) {
    // Lone surrogates (from a surrogateescape decode) cannot be UTF-8: they are replaced.
    py::object encoded = py::reinterpret_steal<py::object>(
        PyUnicode_AsEncodedString(html.ptr(), "utf-8", "replace"));
    if (!encoded) throw py::error_already_set();
    out.owned = std::string(py::bytes(encoded));
    out.from_str = true;
  } else {
    throw py::type_error("html must be bytes or str, not " +
                         std::string(py::str(py::type::handle_of(html).attr("__name__"))));
  }
  return out;
}

std::string optional_str(const py::object& value) {
  return value.is_none() ? std::string() : py::cast<std::string>(value);
}

// json.loads, looked up when the module is imported; never released.
py::object* json_loads = nullptr;

py::object to_dict(const Document& doc) {
  return (*json_loads)(py::bytes(to_json(doc)));
}

Pipeline make_pipeline(const py::object& config, const py::object& plugin_dirs) {
  PipelineOptions options;
  if (!plugin_dirs.is_none()) {
    for (const auto& dir : plugin_dirs) {
      options.plugin_dirs.push_back(
          py::cast<std::string>(py::module_::import("os").attr("fsdecode")(dir)));
    }
  }
  if (config.is_none()) {
    py::gil_scoped_release release;
    return Pipeline::from_default(options);
  }
  const py::object os = py::module_::import("os");
  const bool path_like = py::isinstance(config, os.attr("PathLike"));
  std::string text = py::cast<std::string>(path_like ? os.attr("fsdecode")(config) : config);
  // A path: a PathLike, or one line naming a file (or a .toml that does not exist, so that
  // the error names the file). Anything else is the job's TOML text.
  const bool is_file =
      path_like ||
      (text.find('\n') == std::string::npos &&
       (py::cast<bool>(os.attr("path").attr("isfile")(text)) || text.ends_with(".toml")));
  py::gil_scoped_release release;
  if (is_file) return Pipeline::from_file(text, options);
  options.name = "<config>";
  return Pipeline::from_toml(text, options);
}

// A page whose bytes stay owned by `keep` (the Python object) or by `storage`.
Page make_page(const py::handle& item, py::list& keep, std::deque<std::string>& storage) {
  Page page;
  py::object html = py::reinterpret_borrow<py::object>(item);
  if (py::isinstance<py::dict>(item)) {
    const py::dict record = py::reinterpret_borrow<py::dict>(item);
    if (!record.contains("html")) throw py::value_error("a page dict needs an 'html' key");
    html = record["html"];
    for (auto [key, field] :
         {std::pair{"url", &page.url}, std::pair{"content_type", &page.content_type},
          std::pair{"id", &page.id}, std::pair{"source", &page.source}}) {
      if (record.contains(key)) *field = optional_str(record[key]);
    }
  } else if (py::isinstance<py::tuple>(item)) {
    const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
    if (pair.size() != 2) throw py::value_error("a page tuple is (html, url)");
    html = pair[0];
    page.url = optional_str(pair[1]);
  }
  PageBytes bytes = page_bytes(html);
  if (bytes.from_str && page.content_type.empty()) page.content_type = "text/html; charset=utf-8";
  if (bytes.is_borrowed) {
    keep.append(html);
    page.bytes = bytes.borrowed;
  } else {
    page.bytes = storage.emplace_back(std::move(bytes.owned));
  }
  return page;
}

py::object process(const Pipeline& pipeline, const py::object& html, const py::object& url,
                   const py::object& content_type, const py::object& id, const py::object& source) {
  const PageBytes bytes = page_bytes(html);
  Page page;
  page.url = optional_str(url);
  page.content_type = optional_str(content_type);
  if (bytes.from_str && page.content_type.empty()) page.content_type = "text/html; charset=utf-8";
  page.id = optional_str(id);
  page.source = optional_str(source);
  page.bytes = bytes.view();  // held by `html` or `bytes` for the call
  Document doc;
  {
    py::gil_scoped_release release;
    doc = pipeline.process_record(page);
  }
  if (doc.failed()) throw ProcessError(std::move(doc));
  return to_dict(doc);
}

py::list process_many(const Pipeline& pipeline, const py::iterable& pages, int threads) {
  if (threads < 0) throw py::value_error("threads must be 0 (all cores) or more");
  // Taken in batches, so that a long iterable (a generator over a crawl) is never
  // held whole in memory as bytes, and results come back in input order.
  const std::size_t batch = static_cast<std::size_t>(std::max(threads, 1)) * 32;
  py::list out;
  std::vector<Page> chunk;
  py::list keep;
  std::deque<std::string> storage;
  const auto flush = [&] {
    std::vector<Document> docs;
    {
      py::gil_scoped_release release;
      docs = pipeline.process_many(chunk, threads);
    }
    chunk.clear();
    keep = py::list();
    storage.clear();
    for (const auto& doc : docs) out.append(to_dict(doc));
  };
  for (const auto& item : pages) {
    chunk.push_back(make_page(item, keep, storage));
    if (chunk.size() >= batch) flush();
  }
  if (!chunk.empty()) flush();
  return out;
}

const Pipeline& default_pipeline() {
  // Built once, holding the GIL throughout, so that no second thread builds it too;
  // never destroyed (plugin code must outlive it).
  static Pipeline* pipeline = nullptr;
  if (!pipeline) pipeline = new Pipeline(Pipeline::from_default());
  return *pipeline;
}

}  // namespace
}  // namespace clearpage

PYBIND11_MODULE(_clearpage, m) {
  using namespace clearpage;
  m.doc() = "The binding of clearpage's in-process C++ API (clearpage/pipeline.hpp).";
  json_loads = new py::object(py::module_::import("json").attr("loads"));

  static py::exception<Error> error(m, "Error");
  static py::exception<ConfigError> config_error(m, "ConfigError", error.ptr());
  static py::exception<PluginError> plugin_error(m, "PluginError", error.ptr());
  static py::exception<ProcessError> process_error(m, "ProcessError", error.ptr());
  error.doc() = "Base of every clearpage error; str(e) is the reason the CLI would record.";
  config_error.doc() = "The job (file or TOML text) does not check; .messages lists each problem.";
  plugin_error.doc() = "No plugin could be loaded, or a stage the job names is missing.";
  process_error.doc() =
      "A page failed; .record is the error record the CLI would write (a dict with 'errors').";
  py::register_exception_translator([](std::exception_ptr thrown) {
    const auto raise = [](py::handle type, const Error& e, const char* attr, py::object value) {
      py::object instance = py::reinterpret_borrow<py::object>(type)(e.reason());
      instance.attr(attr) = std::move(value);
      PyErr_SetObject(type.ptr(), instance.ptr());
    };
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const ProcessError& e) {
      raise(process_error, e, "record", to_dict(e.document()));
    } catch (const ConfigError& e) {
      raise(config_error, e, "messages", py::cast(e.messages()));
    } catch (const PluginError& e) {
      PyErr_SetString(plugin_error.ptr(), e.what());
    } catch (const Error& e) {
      PyErr_SetString(error.ptr(), e.what());
    }
  });

  py::class_<Pipeline>(m, "Pipeline", R"doc(
A job's stage chain, run in this process on pages held in memory.

Pipeline(config=None, plugin_dirs=None)

config: None for the built-in default job; a path (str or os.PathLike) to a job file;
or the TOML text of a job. Its [job] inputs and output, and its writer stages, are not
used. Plugins are loaded once per process and shared by every Pipeline.

Safe to use from many threads at once; the GIL is released while pages are processed.
)doc")
      .def(py::init(&make_pipeline), py::arg("config") = py::none(),
           py::arg("plugin_dirs") = py::none())
      .def("process", &process, py::arg("html"), py::arg("url") = py::none(),
           py::arg("content_type") = py::none(), py::kw_only(), py::arg("id") = py::none(),
           py::arg("source") = py::none(), R"doc(
Processes one page; returns its document as the JSONL writer writes it (a dict).

html: bytes (decoded by the page's own evidence: BOM, content_type charset, <meta>) or
str (taken as already decoded). Raises ProcessError when the page fails; its .record is
the error record the CLI would write.
)doc")
      .def("process_many", &process_many, py::arg("pages"), py::arg("threads") = 0, R"doc(
Processes many pages over `threads` threads (0: all cores); returns a list of dicts in
input order. Each page is html (bytes or str), an (html, url) tuple, or a dict with
"html" and optional "url", "content_type", "id" and "source". Failed pages come back as
error records (a non-empty "errors" list) instead of raising.
)doc")
      .def(
          "open",
          [](const Pipeline& pipeline, const py::iterable& inputs) {
            std::vector<std::string> specs;
            const py::object fsdecode = py::module_::import("os").attr("fsdecode");
            for (const auto& input : inputs)
              specs.push_back(py::cast<std::string>(fsdecode(input)));
            return pipeline.open(std::move(specs));
          },
          py::arg("inputs"), R"doc(
Opens input files as `clearpage run` reads them (HTML or text files, directories, globs,
.gz, JSONL and WARC record files); returns an Inputs reader.
)doc")
      .def_property_readonly("plugins", &Pipeline::plugins,
                             "Names of the plugins loaded in this process.");

  py::class_<Inputs>(m, "Inputs", "Pages of input files, read and processed a batch at a time.")
      .def(
          "next",
          [](Inputs& inputs, std::size_t max_pages, int threads) {
            if (threads < 0) throw py::value_error("threads must be 0 (all cores) or more");
            std::vector<Document> docs;
            {
              py::gil_scoped_release release;
              docs = inputs.next(max_pages, threads);
            }
            py::list out;
            for (const auto& doc : docs) out.append(to_dict(doc));
            return out;
          },
          py::arg("max_pages") = 64, py::arg("threads") = 1, R"doc(
The next documents (dicts), up to max_pages, in input order; an empty list at the end.
Inputs that cannot be read come back as error records.
)doc")
      .def_property_readonly("not_documents", &Inputs::not_documents,
                             "WARC records seen so far that are not documents.");

  m.def(
      "extract",
      [](const py::object& html, const py::object& url) {
        return process(default_pipeline(), html, url, py::none(), py::none(), py::none());
      },
      py::arg("html"), py::arg("url") = py::none(), R"doc(
Extracts one page with the built-in default job; returns the JSONL writer's dict.
Raises ProcessError when the page fails.
)doc");
  m.def("version", &version, "The library's version.");
}
