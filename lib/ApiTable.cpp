//===- ApiTable.cpp - QEMU's atomics API, by name -------------------------===//
//
// QEMU's names in both generations, with the classes of
// docs/operation-model.md, which says where they come from.
//
//===----------------------------------------------------------------------===//

#include "lib/ApiTable.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"

namespace clang::tidy::atomics {

namespace {

constexpr unsigned AcqRelFull = AcquireOp | ReleaseOp | FullBarrier;

// clang-format off
// Prefixed operations: spelled atomic_<stem> (Legacy) or qatomic_<stem>.
constexpr ApiOperation PrefixedOps[] = {
  // Relaxed accesses: no ordering at all, only freedom from data races.
  {"read",          Access::Load,  Order::Relaxed, RelaxedLoad,  1, "", "relaxed load", true},
  {"read_i64",      Access::Load,  Order::Relaxed, RelaxedLoad,  1, "", "relaxed load", true},
  {"read_u64",      Access::Load,  Order::Relaxed, RelaxedLoad,  1, "", "relaxed load", true},
  {"read__nocheck", Access::Load,  Order::Relaxed, RelaxedLoad,  1, "", "relaxed load", true},
  {"set",           Access::Store, Order::Relaxed, RelaxedStore, 2, "", "relaxed store", true},
  {"set_i64",       Access::Store, Order::Relaxed, RelaxedStore, 2, "", "relaxed store", true},
  {"set_u64",       Access::Store, Order::Relaxed, RelaxedStore, 2, "", "relaxed store", true},
  {"set__nocheck",  Access::Store, Order::Relaxed, RelaxedStore, 2, "", "relaxed store", true},

  // Acquire and release accesses.
  {"load_acquire",  Access::Load,  Order::Acquire, AcquireOp, 1, "", "load-acquire", true},
  {"rcu_read",      Access::Load,  Order::Consume, AcquireOp, 1, "", "RCU load (consume)", true},
  {"store_release", Access::Store, Order::Release, ReleaseOp, 2, "", "store-release", true},
  {"rcu_set",       Access::Store, Order::Release, ReleaseOp, 2, "", "RCU store (release)", true},

  // A relaxed store followed by a full barrier (QEMU's replacement for
  // mb_set, the equivalent of Linux's smp_store_mb()).
  {"set_mb",        Access::Store, Order::Relaxed, RelaxedStore | FullBarrier, 2, "",
   "store followed by a full barrier", true},

  // Sequentially consistent read-modify-writes. Towards other accesses they
  // act as a load-acquire followed by a store-release, not as a full barrier.
  {"inc",            Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 1, "", "seq-cst RMW", true},
  {"dec",            Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 1, "", "seq-cst RMW", true},
  {"add",            Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"sub",            Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"and",            Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"or",             Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"xor",            Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"fetch_inc",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 1, "", "seq-cst RMW", true},
  {"fetch_dec",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 1, "", "seq-cst RMW", true},
  {"fetch_add",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"fetch_sub",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"fetch_and",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"fetch_or",       Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"fetch_xor",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"fetch_inc_nonzero", Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 1, "", "seq-cst RMW", true},
  {"inc_fetch",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 1, "", "seq-cst RMW", true},
  {"dec_fetch",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 1, "", "seq-cst RMW", true},
  {"add_fetch",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"sub_fetch",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"and_fetch",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"or_fetch",       Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"xor_fetch",      Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"xchg",           Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"xchg__nocheck",  Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 2, "", "seq-cst RMW", true},
  {"cmpxchg",        Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 3, "", "seq-cst RMW", true},
  {"cmpxchg__nocheck", Access::ReadModifyWrite, Order::SeqCst, SeqCstRMW, 3, "", "seq-cst RMW", true},

  // Deprecated in QEMU 5.0, removed in 8.x: they do not take part in the
  // total order of sequentially consistent operations. The replacements are
  // QEMU's own migration.
  {"mb_read", Access::Load,  Order::Acquire, Deprecated | AcquireOp, 1,
   "load_acquire", "load with acquire semantics", true},
  {"mb_set",  Access::Store, Order::Release, Deprecated | ReleaseOp | FullBarrier, 2,
   "set_mb", "store followed by a full barrier", true},
};

// Barriers: one spelling, no generation.
constexpr ApiOperation BarrierOps[] = {
  {"smp_mb",           Access::Fence, Order::SeqCst,  AcqRelFull, 0, "", "full barrier", false},
  // Full barriers that are compiled away where seq-cst RMWs already are
  // full barriers (x86, s390x); the analysis treats them as full barriers
  // whatever the target.
  {"smp_mb__before_rmw", Access::Fence, Order::SeqCst, AcqRelFull, 0, "", "full barrier", false},
  {"smp_mb__after_rmw",  Access::Fence, Order::SeqCst, AcqRelFull, 0, "", "full barrier", false},
  {"smp_rmb",          Access::Fence, Order::Acquire, AcquireOp, 0, "", "read barrier", false},
  {"smp_mb_acquire",   Access::Fence, Order::Acquire, AcquireOp, 0, "", "acquire barrier", false},
  {"smp_read_barrier_depends", Access::Fence, Order::Consume, AcquireOp, 0, "",
   "data-dependency barrier", false},
  {"smp_wmb",          Access::Fence, Order::Release, ReleaseOp, 0, "", "write barrier", false},
  {"smp_mb_release",   Access::Fence, Order::Release, ReleaseOp, 0, "", "release barrier", false},
  {"barrier",          Access::CompilerBarrier, Order::Relaxed, CompilerOnly, 0, "",
   "compiler barrier", false},
  {"signal_barrier",   Access::CompilerBarrier, Order::Relaxed, CompilerOnly, 0, "",
   "compiler barrier", false},
};
// clang-format on

struct Index {
  llvm::StringMap<ApiName> ByName;
  Index() {
    for (const ApiOperation &Op : PrefixedOps)
      for (Generation G : {Generation::Legacy, Generation::Current})
        ByName.try_emplace((generationPrefix(G) + Op.Stem).str(), ApiName{&Op, G});
    for (const ApiOperation &Op : BarrierOps)
      ByName.try_emplace(Op.Stem, ApiName{&Op, Generation::None});
  }
};

const Index &index() {
  static const Index I;
  return I;
}

} // namespace

llvm::StringRef generationPrefix(Generation G) {
  switch (G) {
  case Generation::None:
    return "";
  case Generation::Legacy:
    return "atomic_";
  case Generation::Current:
    return "qatomic_";
  }
  llvm_unreachable("unknown generation");
}

std::string ApiName::name() const {
  return (generationPrefix(Gen) + Op->Stem).str();
}

std::string ApiName::replacementName() const {
  if (Op->ReplacementStem.empty())
    return "";
  return (generationPrefix(Gen) + Op->ReplacementStem).str();
}

std::optional<ApiName> lookupApiName(llvm::StringRef Name) {
  const auto &ByName = index().ByName;
  auto It = ByName.find(Name);
  if (It == ByName.end())
    return std::nullopt;
  return It->second;
}

void forEachApiName(
    llvm::function_ref<void(llvm::StringRef, const ApiName &)> Fn) {
  for (const auto &Entry : index().ByName)
    Fn(Entry.getKey(), Entry.getValue());
}

} // namespace clang::tidy::atomics
