// `jsvm trace`: records every executed bytecode with its effects in jsvm's
// own trace format (docs/trace-format.md, docs/trace-format.schema.json),
// from which a viewer can rebuild the machine at any step without running the
// program again: the frames with their registers and the accumulator, the
// contexts with their slots, closures and what they captured, objects, the
// collections and the program's output.
//
// The file is written as the program runs, through a buffered writer: a
// header (scripts, functions with their bytecode listings and source
// positions, scopes), then one record per executed instruction carrying only
// what the instruction changed, with a keyframe of the whole state every N
// recorded steps, then a footer.
#pragma once

#include <concepts>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tools/trace-common.h"
#include "vm/interpreter/bytecodes.h"
#include "vm/objects/write-observer.h"

namespace jsvm {

class JsonTracer final : public Tracer, public WriteObserver {
 public:
  // Writes the trace to `out` (not owned).
  JsonTracer(Runtime& rt, std::FILE* out, TraceOptions options);
  // Detaches from the object model's writes (see write-observer.h).
  ~JsonTracer() override;

  // Writes the header (the scripts, functions and scopes reachable from
  // `top`) and attaches to the runtime and the heap.
  void Begin(const FunctionInfo* top) override;
  // Closes the last record and writes the footer (see Tracer::Finish).
  void Finish(const std::string& outcome, const std::string& message, int exit_code) override;

  // TraceHooks.
  void OnInstruction(const Frame& frame, const uint8_t* pc, Value acc) override;
  void OnPushContext(const Frame& frame, Value context) override;
  void OnPopContext(const Frame& frame, Value context) override;
  void OnCall(const Frame& callee) override;
  void OnReturn(const Frame& frame, Value result) override;
  void OnNativeReturn(const Frame& frame, Value result) override;
  void OnCatch(const Frame& frame, Value exception) override;
  void OnUnwind(const Frame& frame) override;
  void OnOutput(int stream, std::string_view text) override;
  void OnRegExpRun(const RegExpRun& run) override;
  void OnSuspend(const Frame& frame, Value generator, Value result) override;
  void OnResume(const Frame& frame, Value generator) override;
  void OnJobEnqueued(const Job& job) override;
  void OnJobStart(const Job& job) override;
  void OnJobEnd(const Job& job) override;
  void OnTimerArmed(uint32_t id, double delay_ms, bool repeat, Value callback) override;
  void OnTimerFired(uint32_t id) override;
  void OnTimerDone(uint32_t id) override;
  void OnTimerCleared(uint32_t id) override;

  // HeapObserver.
  void OnAllocate(Cell* cell, size_t bytes) override;
  void OnCollectStart(const char* reason, size_t heap_bytes) override;
  void OnFree(Cell* cell) override;
  void OnCollectEnd(const CollectionRecord& record) override;

  // WriteObserver: an object allocated while tracing is about to change.
  void OnCellWrite(Cell* cell) override;

 private:
  // Properties (and Map/Set entries) an object in a keyframe lists; the rest is "more".
  static constexpr size_t kMaxListed = 100;
  // The trace's id of a cell: objects and contexts get ids in one sequence.
  struct CellId {
    uint32_t id;
    bool user;  // allocated while tracing (else a built-in the trace refers to)
  };
  struct FunctionData {
    const FunctionInfo* info;
    bool selected;                        // --functions
    std::vector<std::string> reg_names;   // <this>, a0.., <closure>, <context>, r0..
  };
  // One JavaScript frame on the interpreter's stack, by depth.
  struct FrameState {
    uint64_t id = 0;
    uint32_t function = 0;
    bool recorded = false;
    const Value* regs = nullptr;  // the receiver's slot; the named registers follow
    std::vector<Value> shadow;    // the registers as the trace last reported them
  };
  struct NativeCall {
    size_t depth;   // of the calling frame
    bool recorded;
  };
  // A heap write an instruction is about to make, checked once it is done.
  enum class WriteKind : uint8_t { kNone, kSlot, kProperty, kDelete, kGlobal, kModuleCell };
  enum class Pending : uint8_t { kNone, kStep, kGap };

  // Ids, introducing a built-in cell the first time the trace mentions it.
  uint32_t IdOf(const Cell* cell);
  uint32_t FunctionIndex(const FunctionInfo* info);
  uint32_t ScopeIndex(const ScopeInfo* info);
  uint32_t ScriptIndex(const Script* script);
  // Adds a description to the header (while writing it) or to this record's introductions.
  void Introduce(const char* tag, std::string&& json);
  // The index of `code` in `index`; the first time, the next of `count`, and
  // its description (describe(index)) is introduced.
  template <class T, class Describe>
  uint32_t CodeIndex(std::unordered_map<const T*, uint32_t>& index, uint32_t& count, const T* code, const char* tag,
                     Describe describe) {
    auto it = index.find(code);
    if (it != index.end()) return it->second;
    uint32_t i = count++;
    index.emplace(code, i);
    Introduce(tag, describe(i));
    return i;
  }

  // What the trace shows of an object (an "init" event's contents), each
  // part as JSON text, so that two views compare as the trace would print them.
  struct ObjectView {
    std::string cls, proto;
    int64_t length = -1;  // arrays
    int64_t size = -1;    // Map and Set
    std::vector<std::pair<std::string, std::string>> props;  // [key, value], at most kMaxListed
    std::vector<std::string> entries;                        // Map: [key,value], Set: [value]
    bool more = false;
  };
  // The same, unrendered: what a view is made of, cheap to take and to
  // compare. Valid while the cells it points to live (until a collection).
  struct RawView {
    struct Prop {
      uintptr_t key;  // (index << 1) | 1, or the key's cell
      Value value;
      uint8_t attrs;
      bool operator==(const Prop&) const = default;
    };
    Object* proto = nullptr;
    int64_t length = -1;
    int64_t size = -1;
    std::vector<Prop> props;
    std::vector<std::pair<Value, Value>> entries;  // Map: key, value; Set: value, value
    bool more = false;
    bool operator==(const RawView&) const = default;
  };
  // `limit`: how many properties (and entries) at most; the rest is "more".
  RawView RawViewOf(const Object* o, size_t limit = kMaxListed) const;
  // Renders `raw` (of `o`, which gives the class) as the trace writes it.
  ObjectView Render(const Object* o, const RawView& raw);
  ObjectView ViewOf(Object* o) { return Render(o, RawViewOf(o)); }
  void AppendView(std::string& out, const ObjectView& view);
  // A property key as a view lists it (an index or a name), as JSON text.
  void RenderKey(uintptr_t key, std::string& out);
  // A property as a view lists it: the key and the value, as JSON text.
  void RenderProp(const RawView::Prop& p, std::string& key, std::string& value);
  // Whether `cell` is allocated while tracing (its contents are in keyframes).
  bool IsFollowed(const Cell* cell) const;
  // Whether this step's writes to `cell` are reported by ReportWrittenCells
  // (followed, or an older cell OnCellWrite copied whole), not by the bytecode.
  bool Reported(const Cell* cell) const;
  // Events for what changed in the objects written during this step
  // (OnCellWrite kept how they were): prop, delete, length or a whole state.
  void ReportWrittenCells();
  // The same for an older cell (a built-in, the global object, in no keyframe):
  // only the properties that changed are rendered, so that its other values
  // are not introduced.
  void ReportOlderCellProps(Cell* cell, const RawView& before, const RawView& after);

  // Value text: "@id" for objects and contexts, "<hole>", else RenderScopeValue.
  void AppendValue(std::string& out, Value v);
  // A string's text as a trace value: JSON-quoted, or its preview when long.
  void AppendStringValue(std::string& out, std::u16string_view text);
  void AppendRef(std::string& out, const Cell* cell);
  // The mutable state of a cell: a context's slots, an object's properties.
  void AppendContents(std::string& out, Cell* cell);
  void AppendRegisters(std::string& out, const FrameState& fs, size_t begin, size_t end);
  std::string DescribeFunction(uint32_t index, const FunctionInfo* info);
  std::string DescribeScope(uint32_t index, const ScopeInfo* info);
  std::string DescribeScript(uint32_t index, const Script* script);

  // Starts an event in this record: `,["tag"` (the caller appends the rest and `]`).
  std::string& BeginEvent(const char* tag);
  // Appends the event ["tag", args...] to this record, each argument written
  // by its type (see EventArg).
  template <class... Args>
  void Event(const char* tag, const Args&... args) {
    std::string& e = BeginEvent(tag);
    ((e += ',', EventArg(e, args)), ...);
    e += ']';
  }
  // An event argument: a number, a value, a cell's "@ID" (null for nullptr),
  // a string, a boolean, an optional index, or JSON text as is (Json).
  struct Json {
    std::string_view text;
  };
  void EventArg(std::string& e, std::integral auto v) { e += std::to_string(v); }
  void EventArg(std::string& e, bool v) { e += v ? "true" : "false"; }
  void EventArg(std::string& e, Value v) { AppendValue(e, v); }
  void EventArg(std::string& e, const Cell* c);
  void EventArg(std::string& e, std::string_view s) { AppendJsonString(e, s); }
  void EventArg(std::string& e, const char* s) { AppendJsonString(e, s); }
  void EventArg(std::string& e, const std::string& s) { AppendJsonString(e, s); }
  void EventArg(std::string& e, std::optional<uint32_t> index) {
    e += index ? std::to_string(*index) : std::string("null");
  }
  void EventArg(std::string& e, Json j) { e += j.text; }
  // `[a,b,...]`, each written as EventArg writes it.
  template <class... Args>
  void AppendArray(std::string& out, const Args&... args) {
    out += '[';
    bool first = true;
    ((out += first ? "" : ",", first = false, EventArg(out, args)), ...);
    out += ']';
  }
  // `,"key":value` for each key and value.
  void AppendFields(std::string&) {}
  template <class V, class... Rest>
  void AppendFields(std::string& out, const char* key, const V& value, const Rest&... rest) {
    out += ",\"";
    out += key;
    out += "\":";
    EventArg(out, value);
    AppendFields(out, rest...);
  }
  // Remembers what the instruction at pc will write to the heap.
  void Decode(const Frame& frame, const uint8_t* pc, Value acc);
  // Reports the heap writes of the instruction that just ended and the
  // state of the cells it allocated.
  void CompleteInstruction();
  // Writes the pending record; `acc` is the accumulator now.
  void CloseRecord(Value acc);
  void BeginRecordText();
  void WriteKeyframe(Value acc);
  void Stop();
  // A native call begins in the instruction starting now in `frame`.
  void BeginNative(const Frame& frame, Value callee, bool construct);
  // Closes natives called from frames at `depth` or deeper (an exception left them).
  void UnwindNatives(size_t depth);
  std::string OpenFrames() const;
  // `,"site":{...}`: where the frame running now is (its function, the
  // offset of its instruction, line and column), or `,"site":null`.
  void AppendSite(std::string& out);
  // Closes the record open now and opens a gap of no steps, in which a task
  // or a microtask starts (its events come before its first bytecode).
  void BeginTaskRecord();
  // The event loop as the records left it, for keyframes: `,"jobs":[...],
  // "timers":[...],"suspended":[...],"running":...`.
  void AppendLoopState(std::string& out) const;

  bool in_header_ = false;
  bool stopped_ = false;
  bool truncated_ = false;
  bool first_record_ = true;

  std::unordered_map<const Cell*, CellId> ids_;
  uint32_t next_id_ = 1;
  std::unordered_map<const FunctionInfo*, uint32_t> function_index_;
  std::vector<FunctionData> functions_;
  std::unordered_map<const ScopeInfo*, uint32_t> scope_index_;
  uint32_t scope_count_ = 0;
  std::unordered_map<const Script*, uint32_t> script_index_;
  uint32_t script_count_ = 0;
  std::string header_functions_, header_scopes_, header_scripts_;

  std::vector<FrameState> frames_;
  std::vector<NativeCall> natives_;
  uint64_t next_frame_id_ = 1;
  // Contexts aliased by mapped arguments objects (written through arguments[i]), with their last reported slots.
  std::unordered_map<Context*, std::vector<Value>> aliased_;

  // The record being built.
  Pending pending_ = Pending::kNone;
  uint64_t pending_n_ = 0;        // step number (steps executed so far, this one included)
  uint32_t pending_function_ = 0;
  uint32_t pending_offset_ = 0;
  Bytecode pending_op_ = Bytecode::kCount;
  uint64_t gap_steps_ = 0;        // unrecorded steps in a gap record
  std::string intros_;            // introductions of this record ("ref", "function", "scope", "script")
  std::string events_;            // its other events, in the order they happened
  std::vector<std::pair<Cell*, uint32_t>> new_cells_;  // allocated since the last instruction began
  uint32_t step_first_id_ = 1;    // the first id allocated in this step
  // Older objects written in this step, with how they were before (and in
  // order): unrendered, until a collection makes rendering necessary.
  struct Written {
    size_t limit;  // kMaxListed for objects in keyframes; older cells (built-ins): all, or 0 in their own named store
    RawView raw;
    std::optional<ObjectView> rendered;
  };
  std::unordered_map<const Cell*, Written> written_cells_;
  std::vector<std::pair<Cell*, uint32_t>> written_order_;
  const Cell* last_written_ = nullptr;

  // The instruction running now.
  bool interrupted_ = false;      // a call, return, catch or unwind happened during it
  int written_count_ = 0;
  int32_t written_[kMaxWrittenRegisters] = {};
  Value context_before_;
  WriteKind write_ = WriteKind::kNone;
  Context* write_context_ = nullptr;
  uint32_t write_slot_ = 0;
  int32_t write_cell_ = 0;  // StaModuleVariable's cell
  // Module contexts (they live as long as the runtime): where module cells
  // are shown.
  std::vector<Context*> module_contexts_;
  Value write_object_, write_key_, write_value_;

  Value acc_;                     // the accumulator as last reported
  Value last_result_;             // the last value returned by a frame
  size_t last_heap_bytes_ = 0;
  uint64_t recorded_ = 0;
  uint64_t collections_ = 0;
  std::string open_frames_at_stop_;
  // The event loop as the records describe it. Each entry is the JSON object
  // of the event that introduced it (jobEnqueue, timerArm, suspend).
  std::vector<std::pair<uint64_t, std::string>> queued_jobs_;  // by job id, oldest first
  struct TimerState {
    std::string json;   // its timerArm object without "due"
    double delay = 0;
    double due = -1;    // on the loop clock; -1 for an immediate
    bool repeat = false;
  };
  std::map<uint32_t, TimerState> timers_;
  std::map<uint32_t, std::string> suspended_;  // by the generator's id
  std::unordered_map<const Cell*, uint32_t> suspended_cells_;
  std::string running_ = "null";  // {"job":N} or {"timer":N} while one runs
  double loop_now_ = 0;           // the loop clock (ms): the due time of the last timer fired

  // The collection in progress.
  std::vector<uint32_t> freed_ids_;
  std::string scratch_;
};

}  // namespace jsvm
