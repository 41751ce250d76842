// [[Scopes]] as JSON: what `jsvm scopes` prints, in the shape of
// ../shared/scopes/*.scopes.json. The scopes themselves are collected by
// vm/debug/debug-scopes.h; this file only writes them (vm/ does not see
// nlohmann_json).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "vm/debug/debug-scopes.h"

namespace jsvm {

// {"type", "name", "variables": [...], "values": {...}} for each entry.
nlohmann::ordered_json ScopesToJson(const std::vector<ScopeEntry>& scopes);

// {"label", "function", "scopes"} (the shape of one element of "inspections").
nlohmann::ordered_json InspectionToJson(const ScopeInspection& inspection);

// The whole document `jsvm scopes` prints: program, engine, convention and
// inspections, the shape of ../shared/scopes/*.scopes.json.
nlohmann::ordered_json ScopesReportJson(const std::string& program, const std::string& engine,
                                        const std::vector<ScopeInspection>& inspections);

}  // namespace jsvm
