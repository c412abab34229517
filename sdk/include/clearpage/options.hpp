// Typed stage options: each stage declares its options, the host checks the job file against them.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace clearpage {

enum class OptionType { kString, kInteger, kFloat, kBoolean, kStringList };

const char* to_string(OptionType type);

using OptionValue = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;

struct OptionSpec {
  std::string name;
  OptionType type = OptionType::kString;
  OptionValue default_value = std::string();
  std::string help;
  bool required = false;
  // The value names a file or directory the stage writes. A job file's value must stay
  // inside the job's output directory (docs/jobs.md).
  bool output_path = false;
};

std::string describe_value(const OptionValue& value);

// Validated option values of one stage: every declared option has a value.
class Options {
 public:
  Options() = default;
  explicit Options(std::map<std::string, OptionValue> values) : values_(std::move(values)) {}

  const std::string& get_string(const std::string& name) const;
  std::int64_t get_int(const std::string& name) const;
  double get_float(const std::string& name) const;
  bool get_bool(const std::string& name) const;
  const std::vector<std::string>& get_list(const std::string& name) const;
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  const std::map<std::string, OptionValue>& values() const { return values_; }

 private:
  template <typename T>
  const T& get(const std::string& name) const;
  std::map<std::string, OptionValue> values_;
};

// Defaults for every declared option, for tests and callers outside a job file.
Options default_options(const std::vector<OptionSpec>& specs);

}  // namespace clearpage
