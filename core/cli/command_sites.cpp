// clearpage sites: lists the site profiles the sites cleaner loads, and checks them.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "profile.hpp"

namespace clearpage::cli {

namespace {

using Json = nlohmann::ordered_json;

// The installed profiles: sites/ next to the first plugin directory that has one.
std::filesystem::path installed_profiles(const std::vector<std::string>& plugin_dirs) {
  for (const auto& dir : core::PluginHost::search_path(plugin_dirs)) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir / "sites", ec)) return dir / "sites";
  }
  return {};
}

std::string evidence_text(const sites::Evidence& e) {
  std::string out;
  const auto add = [&](const char* kind, const std::vector<std::string>& values) {
    if (values.empty()) return;
    out += out.empty() ? "" : " or ";
    out += kind;
    out += " ";
    for (std::size_t i = 0; i < values.size() && i < 3; ++i) out += (i ? "|" : "") + values[i];
    if (values.size() > 3) out += "|… (" + std::to_string(values.size()) + ")";
  };
  add("host", e.hosts);
  add("host contains", e.host_contains);
  add("meta", e.meta);
  add("text", e.text);
  add("element", e.selectors);
  add("title", e.title);
  return out;
}

std::string rule_text(const sites::ProbeRule& rule) {
  std::string out;
  for (const auto& e : rule.all) out += (out.empty() ? "" : " and ") + evidence_text(e);
  return out;
}

Json profile_json(const sites::SiteProfile& p) {
  Json out;
  out["name"] = p.name;
  out["file"] = p.path;
  out["description"] = p.description;
  out["probes"] = Json::array();
  for (const auto& rule : p.probes) {
    out["probes"].push_back({{"score", rule.score}, {"why", rule.why}, {"needs", rule_text(rule)}});
  }
  out["declines"] = Json::array();
  for (const auto& rule : p.declines) {
    out["declines"].push_back({{"why", rule.why}, {"needs", rule_text(rule)}});
  }
  out["body"] = p.body;
  return out;
}

}  // namespace

int sites_command(const Args& args) {
  po::options_description options(
      "clearpage sites [--profiles DIR] [--extra-profiles DIR] [--json]");
  options.add_options()("help,h", "show this help")(
      "profiles", po::value<std::string>(),
      "directory of site profiles (default: the installed ones)")(
      "extra-profiles", po::value<std::string>(), "directory of profiles added to those")(
      "plugin-dir", po::value<std::vector<std::string>>()->composing(),
      "extra directory to look for the installed profiles in (repeatable)")(
      "json", "print the profiles as JSON");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "clearpage sites: " << e.what() << "\n" << options;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  std::filesystem::path dir;
  if (vm.count("profiles")) {
    dir = vm["profiles"].as<std::string>();
  } else {
    dir =
        installed_profiles(vm.count("plugin-dir") ? vm["plugin-dir"].as<std::vector<std::string>>()
                                                  : std::vector<std::string>{});
    if (dir.empty()) {
      std::cerr << "clearpage sites: no installed site profiles found; give --profiles DIR\n";
      return kExitPluginError;
    }
  }
  std::vector<sites::SiteProfile> profiles;
  try {
    profiles = sites::load_profiles(
        dir, vm.count("extra-profiles") ? vm["extra-profiles"].as<std::string>() : std::string());
  } catch (const sites::ProfileError& e) {
    std::cerr << e.what() << "\n";
    return kExitInvalidJob;
  }
  if (vm.count("json")) {
    Json out = Json::array();
    for (const auto& p : profiles) out.push_back(profile_json(p));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& p : profiles) {
    std::cout << p.name << "  (" << p.path << ")\n";
    if (!p.description.empty()) std::cout << "  " << p.description << "\n";
    for (const auto& rule : p.declines) {
      std::cout << "  declines: " << (rule.why.empty() ? "" : rule.why + ": ") << rule_text(rule)
                << "\n";
    }
    for (const auto& rule : p.probes) {
      std::cout << "  " << rule.score << ": " << (rule.why.empty() ? "" : rule.why + ": ")
                << rule_text(rule) << "\n";
    }
  }
  std::cout << profiles.size() << " profile" << (profiles.size() == 1 ? "" : "s") << " in "
            << dir.string() << "\n";
  return kExitOk;
}

}  // namespace clearpage::cli
