#include "tools/scopes-json.h"

#include <nlohmann/json.hpp>

namespace jsvm {

nlohmann::ordered_json ScopesToJson(const std::vector<ScopeEntry>& scopes) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ScopeEntry& s : scopes) {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (const ScopeVariable& v : s.variables) {
      names.push_back(v.name);
      values[v.name] = v.value;
    }
    nlohmann::ordered_json entry;
    entry["type"] = s.type;
    entry["name"] = s.name;
    entry["variables"] = std::move(names);
    entry["values"] = std::move(values);
    list.push_back(std::move(entry));
  }
  return list;
}

nlohmann::ordered_json InspectionToJson(const ScopeInspection& inspection) {
  nlohmann::ordered_json j;
  j["label"] = inspection.label;
  if (inspection.function) j["function"] = *inspection.function;
  j["scopes"] = ScopesToJson(inspection.scopes);
  return j;
}

nlohmann::ordered_json ScopesReportJson(const std::string& program, const std::string& engine,
                                        const std::vector<ScopeInspection>& inspections) {
  nlohmann::ordered_json j;
  j["program"] = program;
  j["engine"] = engine;
  j["convention"] = "__inspect(fn, label) records fn's [[Scopes]]; program runs as a classic script";
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ScopeInspection& i : inspections) list.push_back(InspectionToJson(i));
  j["inspections"] = std::move(list);
  return j;
}

}  // namespace jsvm
