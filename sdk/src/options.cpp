#include "clearpage/options.hpp"

#include <sstream>

namespace clearpage {

const char* to_string(OptionType type) {
  switch (type) {
    case OptionType::kString:
      return "string";
    case OptionType::kInteger:
      return "integer";
    case OptionType::kFloat:
      return "float";
    case OptionType::kBoolean:
      return "boolean";
    case OptionType::kStringList:
      return "string list";
  }
  return "string";
}

std::string describe_value(const OptionValue& value) {
  std::ostringstream out;
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          out << '"' << v << '"';
        } else if constexpr (std::is_same_v<T, bool>) {
          out << (v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          out << '[';
          for (std::size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << '"' << v[i] << '"';
          out << ']';
        } else {
          out << v;
        }
      },
      value);
  return out.str();
}

template <typename T>
const T& Options::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw std::out_of_range("option '" + name + "' is not declared");
  const T* value = std::get_if<T>(&it->second);
  if (!value) throw std::invalid_argument("option '" + name + "' has another type");
  return *value;
}

const std::string& Options::get_string(const std::string& name) const {
  return get<std::string>(name);
}
std::int64_t Options::get_int(const std::string& name) const {
  return get<std::int64_t>(name);
}
double Options::get_float(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end()) {
    if (const auto* i = std::get_if<std::int64_t>(&it->second)) return static_cast<double>(*i);
  }
  return get<double>(name);
}
bool Options::get_bool(const std::string& name) const {
  return get<bool>(name);
}
const std::vector<std::string>& Options::get_list(const std::string& name) const {
  return get<std::vector<std::string>>(name);
}

Options default_options(const std::vector<OptionSpec>& specs) {
  std::map<std::string, OptionValue> values;
  for (const auto& spec : specs) values[spec.name] = spec.default_value;
  return Options(std::move(values));
}

}  // namespace clearpage
