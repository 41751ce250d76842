#include "compiler/ast.h"

namespace jsvm {

const char* NodeKindName(NodeKind kind) {
  switch (kind) {
#define JSVM_AST_KIND_NAME(name) \
  case NodeKind::k##name:        \
    return #name;
    JSVM_AST_NODE_LIST(JSVM_AST_KIND_NAME)
#undef JSVM_AST_KIND_NAME
  }
  return "?";
}

bool FunctionLiteral::simple_params() const {
  for (const Node* param : params) {
    if (!param->Is<Identifier>()) return false;
  }
  return true;
}

}  // namespace jsvm
