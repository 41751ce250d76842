#include "tools/trace-common.h"

#include "vm/execution/job-queue.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/string.h"

namespace jsvm {

std::string TraceFunctionName(const FunctionInfo* info) {
  if (info->direct_eval) return "<eval>";  // the code of a direct eval
  if (info->flavor == FunctionFlavor::kTopLevel) {
    bool module = info->scope_info && info->scope_info->type() == ScopeType::kModule;
    return module ? "<module>" : "<script>";
  }
  std::string name = info->debug_name ? info->debug_name->ToUtf8() : info->name ? info->name->ToUtf8() : "";
  return name.empty() ? "<anonymous>" : name;
}

Value JobHandler(const Job& job) {
  if (job.kind == JobKind::kReaction || job.kind == JobKind::kAwait) {
    if (job.reaction.native) return job.reaction.target ? Value::FromCell(job.reaction.target) : Value::Undefined();
    return job.rejected ? job.reaction.on_rejected : job.reaction.on_fulfilled;
  }
  return job.handler;
}

std::string TraceCalleeName(Value callee) {
  if (callee.IsCellOfKind(CellKind::kNativeFunction)) {
    String* name = static_cast<NativeFunction*>(callee.AsCell())->name();
    std::string text = name ? name->ToUtf8() : "";
    return text.empty() ? "<anonymous>" : text;
  }
  if (callee.IsCellOfKind(CellKind::kBoundFunction)) {
    return static_cast<BoundFunction*>(callee.AsCell())->SnapshotName();
  }
  if (callee.IsCellOfKind(CellKind::kFunction)) {
    return TraceFunctionName(static_cast<Function*>(callee.AsCell())->info());
  }
  return "<not callable>";
}

bool NativeCallAt(const Frame& frame, const uint8_t* pc, Value* callee, bool* construct) {
  auto op = static_cast<Bytecode>(*pc);
  if (!CallsNativesWithHook(op)) return false;
  *callee = frame.fp[ReadOperand(pc, 0)];
  *construct = IsConstruct(op);
  // A closure either gets a frame (OnCall) or, called the wrong way, throws.
  return !callee->IsCellOfKind(CellKind::kFunction);
}

Tracer::Tracer(Runtime& rt, std::FILE* out, TraceOptions options)
    : rt_(rt), options_(std::move(options)), filter_(options_.functions), out_(out) {}

Tracer::~Tracer() {
  if (!attached_) return;
  if (rt_.trace_hooks() == this) rt_.set_trace_hooks(nullptr);
  rt_.heap().RemoveObserver(this);
}

void Tracer::Attach() {
  rt_.set_trace_hooks(this);
  rt_.heap().AddObserver(this);
  attached_ = true;
}

size_t Tracer::DepthOf(const Frame& frame) const {
  return static_cast<size_t>(&frame - rt_.interpreter().frames().data());
}

void Tracer::WriteOutcome(uint64_t recorded, bool truncated, const std::string& outcome, const std::string& message,
                          int exit_code) {
  out_.Field("steps", rt_.interpreter().steps());
  out_.Field("recorded", recorded);
  out_.Field("truncated", truncated);
  out_.Field("outcome", outcome);
  out_.Field("message", message);
  out_.Field("exitCode", static_cast<int64_t>(exit_code));
}

std::vector<std::string> SplitFunctionList(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace jsvm
