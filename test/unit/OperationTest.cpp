//===- OperationTest.cpp - classification and location naming ------------===//
//
// What the checks see of an operation, from small C snippets: its access,
// memory order and classes (lib/AtomicOperation.h), and the location it
// names (lib/MemoryLocation.h). The QEMU names come from the lit tests'
// copy of qemu/atomic.h (test/Inputs/qemu).
//
//===----------------------------------------------------------------------===//

#include "lib/AtomicOperation.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <set>
#include <vector>

namespace clang::tidy::atomics {
namespace {

class Operations : public ::testing::Test {
protected:
  /// The operations of function f() in \p Code (after the QEMU header),
  /// in source order, one per expansion of a name-classified operation.
  std::vector<AtomicOperation> in(llvm::StringRef Code,
                                  std::vector<std::string> Args = {}) {
    std::string Source = "#include \"qemu/atomic.h\"\n" + Code.str();
    Args.insert(Args.end(), {"-std=gnu11", "-target", "x86_64-linux-gnu",
                             "-I" ATOMICS_TIDY_TEST_INPUTS});
    AST = tooling::buildASTFromCodeWithArgs(Source, Args, "input.c");
    EXPECT_TRUE(AST);
    if (!AST)
      return {};
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred()) << Code.str();
    Classifier.emplace(AST->getASTContext(), Options);
    const FunctionDecl *F = nullptr;
    for (const Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->getName() == "f" && FD->hasBody())
          F = FD;
    EXPECT_TRUE(F) << "no function f() in: " << Code.str();
    std::vector<AtomicOperation> Out;
    if (F)
      collect(F->getBody(), Out);
    return Out;
  }

  /// The one operation of f().
  AtomicOperation only(llvm::StringRef Code) {
    std::vector<AtomicOperation> Ops = in(Code);
    EXPECT_EQ(Ops.size(), 1u) << Code.str();
    return Ops.empty() ? AtomicOperation() : Ops.front();
  }

  ClassifierOptions Options;

private:
  void collect(const Stmt *S, std::vector<AtomicOperation> &Out) {
    if (!S)
      return;
    if (std::optional<AtomicOperation> Op = Classifier->classify(S)) {
      if (!Op->Site.isValid() ||
          Sites.insert(Op->Site.getRawEncoding()).second)
        Out.push_back(*Op);
    }
    for (const Stmt *Child : S->children())
      collect(Child, Out);
  }

  std::unique_ptr<ASTUnit> AST;
  std::optional<OperationClassifier> Classifier;
  std::set<SourceLocation::UIntTy> Sites;
};

TEST_F(Operations, QemuFetchOrIsSeqCstRmwNotFullBarrier) {
  AtomicOperation Op = only("int x; void f(void) { qatomic_fetch_or(&x, 1); }");
  EXPECT_EQ(Op.Name, "qatomic_fetch_or");
  EXPECT_EQ(Op.Kind, Access::ReadModifyWrite);
  EXPECT_EQ(Op.Ordering, Order::SeqCst);
  EXPECT_TRUE(Op.is(SeqCstRMW));
  EXPECT_TRUE(Op.isSeqCstRmw());
  EXPECT_FALSE(Op.isFullBarrier());
  EXPECT_EQ(Op.describe(), "seq-cst read-modify-write");
}

TEST_F(Operations, QemuReadIsRelaxedLoad) {
  AtomicOperation Op = only("int x; void f(void) { (void)qatomic_read(&x); }");
  EXPECT_EQ(Op.Name, "qatomic_read");
  EXPECT_EQ(Op.Kind, Access::Load);
  EXPECT_EQ(Op.Ordering, Order::Relaxed);
  EXPECT_TRUE(Op.is(RelaxedLoad));
  EXPECT_TRUE(Op.isWeakLoad());
  EXPECT_EQ(Op.describe(), "relaxed load");
}

TEST_F(Operations, SmpMbIsFullBarrierAcquireAndRelease) {
  AtomicOperation Op = only("void f(void) { smp_mb(); }");
  EXPECT_EQ(Op.Kind, Access::Fence);
  EXPECT_TRUE(Op.isFullBarrier());
  EXPECT_TRUE(Op.is(AcquireOp));
  EXPECT_TRUE(Op.is(ReleaseOp));
  EXPECT_TRUE(Op.Location.isNone());
}

// On x86 (the target here) smp_mb__after_rmw() expands to barrier(): the
// name still makes it a full barrier, whatever the target.
TEST_F(Operations, SmpMbAfterRmwIsFullBarrierOnX86) {
  AtomicOperation Op = only("void f(void) { smp_mb__after_rmw(); }");
  EXPECT_EQ(Op.Name, "smp_mb__after_rmw");
  EXPECT_TRUE(Op.isFullBarrier());
}

TEST_F(Operations, DeprecatedMbRead) {
  AtomicOperation Op =
      only("int x; void f(void) { (void)qatomic_mb_read(&x); }");
  EXPECT_EQ(Op.Name, "qatomic_mb_read");
  EXPECT_TRUE(Op.is(Deprecated));
}

TEST_F(Operations, BarrierIsCompilerOnly) {
  AtomicOperation Op = only("void f(void) { barrier(); }");
  EXPECT_EQ(Op.Kind, Access::CompilerBarrier);
  EXPECT_TRUE(Op.is(CompilerOnly));
  EXPECT_FALSE(Op.isFullBarrier());
}

// The __atomic builtins, written directly, with each memory order.
struct BuiltinCase {
  const char *Call;
  Access Kind;
  Order Ordering;
  unsigned Classes; ///< Classes the operation must have.
};

void PrintTo(const BuiltinCase &C, std::ostream *OS) { *OS << C.Call; }

class Builtins : public Operations,
                 public ::testing::WithParamInterface<BuiltinCase> {};

TEST_P(Builtins, AccessOrderAndClasses) {
  const BuiltinCase &C = GetParam();
  AtomicOperation Op =
      only(std::string("int x; void f(void) { (void)") + C.Call + "; }");
  EXPECT_EQ(Op.Kind, C.Kind) << C.Call;
  EXPECT_EQ(Op.Ordering, C.Ordering) << C.Call;
  EXPECT_TRUE(Op.OrderKnown) << C.Call;
  EXPECT_EQ(Op.Classes & C.Classes, C.Classes) << C.Call;
}

INSTANTIATE_TEST_SUITE_P(
    MemoryOrders, Builtins,
    ::testing::Values(
        BuiltinCase{"__atomic_load_n(&x, __ATOMIC_RELAXED)", Access::Load,
                    Order::Relaxed, RelaxedLoad},
        BuiltinCase{"__atomic_load_n(&x, __ATOMIC_CONSUME)", Access::Load,
                    Order::Consume, AcquireOp},
        BuiltinCase{"__atomic_load_n(&x, __ATOMIC_ACQUIRE)", Access::Load,
                    Order::Acquire, AcquireOp},
        BuiltinCase{"__atomic_load_n(&x, __ATOMIC_SEQ_CST)", Access::Load,
                    Order::SeqCst, 0},
        BuiltinCase{"__atomic_store_n(&x, 1, __ATOMIC_RELAXED)",
                    Access::Store, Order::Relaxed, RelaxedStore},
        BuiltinCase{"__atomic_store_n(&x, 1, __ATOMIC_RELEASE)",
                    Access::Store, Order::Release, ReleaseOp},
        BuiltinCase{"__atomic_fetch_add(&x, 1, __ATOMIC_ACQ_REL)",
                    Access::ReadModifyWrite, Order::AcqRel, 0},
        BuiltinCase{"__atomic_fetch_add(&x, 1, __ATOMIC_SEQ_CST)",
                    Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW},
        BuiltinCase{"__atomic_thread_fence(__ATOMIC_ACQUIRE)", Access::Fence,
                    Order::Acquire, AcquireOp},
        BuiltinCase{"__atomic_thread_fence(__ATOMIC_RELEASE)", Access::Fence,
                    Order::Release, ReleaseOp},
        BuiltinCase{"__atomic_thread_fence(__ATOMIC_SEQ_CST)", Access::Fence,
                    Order::SeqCst, FullBarrier},
        BuiltinCase{"__sync_fetch_and_add(&x, 1)", Access::ReadModifyWrite,
                    Order::SeqCst, FullBarrier}));

// C11: the generic functions expand to __c11_atomic_* (as <stdatomic.h>
// defines them), and operators on _Atomic objects are seq-cst.
TEST_F(Operations, C11FetchAddIsSeqCstRmw) {
  AtomicOperation Op = only(
      "#define c11_fetch_add(o, v) __c11_atomic_fetch_add(o, v, __ATOMIC_SEQ_CST)\n"
      "_Atomic int a; void f(void) { (void)c11_fetch_add(&a, 1); }");
  EXPECT_EQ(Op.Kind, Access::ReadModifyWrite);
  EXPECT_TRUE(Op.isSeqCstRmw());
}

TEST_F(Operations, C11RelaxedLoad) {
  AtomicOperation Op = only(
      "_Atomic int a; "
      "void f(void) { (void)__c11_atomic_load(&a, __ATOMIC_RELAXED); }");
  EXPECT_EQ(Op.Kind, Access::Load);
  EXPECT_EQ(Op.Ordering, Order::Relaxed);
}

TEST_F(Operations, CompoundAssignmentToAtomicIsSeqCstRmw) {
  AtomicOperation Op = only("_Atomic int a; void f(void) { a += 2; }");
  EXPECT_TRUE(Op.isSeqCstRmw());
  EXPECT_EQ(Op.Location.Key, "g:a");
}

TEST_F(Operations, OrderNotConstant) {
  AtomicOperation Op =
      only("int x; void f(int mo) { (void)__atomic_load_n(&x, mo); }");
  EXPECT_FALSE(Op.OrderKnown);
  EXPECT_FALSE(Op.isWeakLoad());
}

TEST_F(Operations, PlainCodeHasNoOperations) {
  EXPECT_TRUE(in("int x; int f(void) { x = 1; return x + 1; }").empty());
}

TEST_F(Operations, WrapperFromOptions) {
  Options.Wrappers["my_or"] = *lookupApiName("qatomic_or");
  AtomicOperation Op = only(
      "void my_or(int *p, int v); int x; void f(void) { my_or(&x, 1); }");
  EXPECT_EQ(Op.Name, "my_or");
  EXPECT_TRUE(Op.isSeqCstRmw());
}

// Location naming: what "the same variable" means for every check.
TEST_F(Operations, GlobalByName) {
  AtomicOperation Op = only("int count; void f(void) { qatomic_inc(&count); }");
  EXPECT_EQ(Op.Location.Kind, MemoryLocation::Global);
  EXPECT_EQ(Op.Location.Key, "g:count");
  EXPECT_EQ(Op.Location.Spelling, "count");
}

TEST_F(Operations, FieldByRecordTypeWhateverTheObject) {
  std::vector<AtomicOperation> Ops =
      in("typedef struct AioContext { int notify_me; } AioContext;\n"
         "AioContext global_ctx;\n"
         "void f(AioContext *ctx) {\n"
         "  (void)qatomic_read(&ctx->notify_me);\n"
         "  qatomic_set(&global_ctx.notify_me, 1);\n"
         "}");
  ASSERT_EQ(Ops.size(), 2u);
  EXPECT_EQ(Ops[0].Location.Kind, MemoryLocation::Field);
  EXPECT_EQ(Ops[0].Location.Key, "f:AioContext::notify_me");
  EXPECT_EQ(Ops[0].Location.Spelling, "ctx->notify_me");
  EXPECT_TRUE(Ops[0].Location.sameAs(Ops[1].Location));
}

TEST_F(Operations, UnionMembersAreOneLocation) {
  std::vector<AtomicOperation> Ops =
      in("union U { int a; unsigned b; };\n"
         "void f(union U *u) { (void)qatomic_read(&u->a); "
         "qatomic_set(&u->b, 1); }");
  ASSERT_EQ(Ops.size(), 2u);
  EXPECT_TRUE(Ops[0].Location.sameAs(Ops[1].Location));
}

TEST_F(Operations, ParameterByIndex) {
  AtomicOperation Op =
      only("void f(int unused, int *p) { (void)qatomic_read(p); }");
  EXPECT_EQ(Op.Location.Kind, MemoryLocation::Param);
  EXPECT_EQ(Op.Location.Key, "p:1");
  EXPECT_EQ(Op.Location.ParamIndex, 1u);
}

TEST_F(Operations, DifferentGlobalsDiffer) {
  std::vector<AtomicOperation> Ops =
      in("int x, y; void f(void) { qatomic_inc(&x); (void)qatomic_read(&y); }");
  ASSERT_EQ(Ops.size(), 2u);
  EXPECT_FALSE(Ops[0].Location.sameAs(Ops[1].Location));
}

} // namespace
} // namespace clang::tidy::atomics
