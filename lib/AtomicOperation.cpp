//===- AtomicOperation.cpp - classify the atomic operations of code -------===//

#include "lib/AtomicOperation.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::atomics {

namespace {

constexpr unsigned AcqRelFull = AcquireOp | ReleaseOp | FullBarrier;

/// The builtin's name for an AtomicExpr ("__c11_atomic_fetch_add").
StringRef atomicBuiltinName(AtomicExpr::AtomicOp Op) {
  switch (Op) {
#define BUILTIN(ID, TYPE, ATTRS)
#define ATOMIC_BUILTIN(ID, TYPE, ATTRS)                                        \
  case AtomicExpr::AO##ID:                                                     \
    return #ID;
#include "clang/Basic/Builtins.inc"
#undef BUILTIN
#undef ATOMIC_BUILTIN
  default:
    break;
  }
  return "__atomic";
}

/// The access an atomic builtin performs, from its name.
std::optional<Access> accessOfBuiltin(StringRef Name) {
  if (Name.ends_with("_init"))
    return std::nullopt;
  if (Name.ends_with("_load") || Name.ends_with("_load_n"))
    return Access::Load;
  if (Name.ends_with("_store") || Name.ends_with("_store_n") ||
      Name.ends_with("_clear"))
    return Access::Store;
  return Access::ReadModifyWrite;
}

/// The acquire/release classes an RMW or a fence of order \p O has, below
/// seq-cst.
unsigned orderingClasses(Order O) {
  switch (O) {
  case Order::AcqRel:
    return AcquireOp | ReleaseOp;
  case Order::Acquire:
  case Order::Consume:
    return AcquireOp;
  case Order::Release:
    return ReleaseOp;
  case Order::Relaxed:
  case Order::SeqCst:
    return 0;
  }
  return 0;
}

unsigned classesOf(Access Kind, Order O) {
  switch (Kind) {
  case Access::Load:
    if (O == Order::Relaxed)
      return RelaxedLoad;
    return O == Order::SeqCst ? 0u : unsigned(AcquireOp);
  case Access::Store:
    if (O == Order::Relaxed)
      return RelaxedStore;
    return O == Order::SeqCst ? 0u : unsigned(ReleaseOp);
  case Access::ReadModifyWrite:
    // Seq-cst: in the total order, yet not a full barrier.
    return O == Order::SeqCst ? unsigned(SeqCstRMW) : orderingClasses(O);
  case Access::Fence:
    return O == Order::SeqCst ? AcqRelFull : orderingClasses(O);
  case Access::CompilerBarrier:
    return CompilerOnly;
  }
  return 0;
}

/// Whether an asm statement's text contains an instruction that is a full
/// barrier on some architecture. Anything else with a "memory" clobber is a
/// compiler barrier (cpu_relax()'s "pause", for example).
bool asmIsFullBarrier(StringRef Text) {
  // Assemblers take mnemonics and their operands in either case ("MFENCE",
  // "LOCK; ORL"): the words are compared in lower case.
  llvm::SmallVector<std::string, 8> Words;
  // Split on everything that cannot be part of a mnemonic or operand.
  StringRef Rest = Text;
  while (!Rest.empty()) {
    Rest = Rest.drop_while([](char C) { return !llvm::isAlnum(C) && C != '_'; });
    StringRef Word =
        Rest.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
    if (!Word.empty())
      Words.push_back(Word.lower());
    Rest = Rest.drop_front(Word.size());
  }
  for (size_t I = 0; I < Words.size(); ++I) {
    StringRef W = Words[I];
    if (W == "mfence" || W == "sync" || W == "hwsync" || W == "mb" ||
        W == "lock" || W.starts_with("xchg") || W == "bcr")
      return true;
    if (W == "fence") // RISC-V: "fence" or "fence rw,rw" is full.
      return I + 1 >= Words.size() || Words[I + 1] == "rw" ||
             Words[I + 1] == "iorw";
    if (W == "dmb" || W == "dsb") { // Arm: not the ld/st-only variants.
      StringRef Opt = I + 1 < Words.size() ? Words[I + 1] : "";
      return !(Opt.ends_with("ld") || Opt.ends_with("st"));
    }
  }
  return false;
}

std::optional<Order> orderFromValue(int64_t V) {
  switch (V) {
  case 0:
    return Order::Relaxed;
  case 1:
    return Order::Consume;
  case 2:
    return Order::Acquire;
  case 3:
    return Order::Release;
  case 4:
    return Order::AcqRel;
  case 5:
    return Order::SeqCst;
  default:
    return std::nullopt;
  }
}

bool isSharedLValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    return VD && VD->hasGlobalStorage() && !VD->getType().isConstQualified();
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->isArrow() || isSharedLValue(ME->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref;
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    return !ASE->getBase()->IgnoreParenImpCasts()->getType()->isArrayType() ||
           isSharedLValue(ASE->getBase());
  return false;
}

} // namespace

bool isClassifiedByName(const ApiOperation &Op) {
  // qatomic_rcu_read() is a consume load in one configuration, and a
  // relaxed load plus smp_read_barrier_depends() (a compiler barrier on
  // most targets) in another: like a composite operation, its name says
  // what it is.
  return Op.Kind == Access::Fence || Op.Kind == Access::CompilerBarrier ||
         Op.is(FullBarrier) || Op.is(Deprecated) ||
         Op.Ordering == Order::Consume;
}

std::string AtomicOperation::describe() const {
  if (Plain)
    return Kind == Access::Store ? "plain store" : "plain load";
  if (!OrderKnown)
    return (Twine("atomic ") + accessName(Kind)).str();
  switch (Kind) {
  case Access::Load:
    switch (Ordering) {
    case Order::Relaxed:
      return "relaxed load";
    case Order::Consume:
      return "consume load";
    case Order::Acquire:
      return "load-acquire";
    default:
      return "seq-cst load";
    }
  case Access::Store:
    switch (Ordering) {
    case Order::Relaxed:
      return "relaxed store";
    case Order::Release:
      return "store-release";
    default:
      return "seq-cst store";
    }
  case Access::ReadModifyWrite:
    switch (Ordering) {
    case Order::Relaxed:
      return "relaxed read-modify-write";
    case Order::Consume:
      return "consume read-modify-write";
    case Order::Acquire:
      return "acquire read-modify-write";
    case Order::Release:
      return "release read-modify-write";
    case Order::AcqRel:
      return "acq-rel read-modify-write";
    case Order::SeqCst:
      return "seq-cst read-modify-write";
    }
    return "read-modify-write";
  case Access::Fence:
    return isFullBarrier() ? "full barrier" : "fence";
  case Access::CompilerBarrier:
    return "compiler barrier";
  }
  return "operation";
}

std::optional<ApiName> OperationClassifier::lookupName(StringRef Name) const {
  auto W = Opts.Wrappers.find(Name);
  if (W != Opts.Wrappers.end())
    return W->second;
  if (Opts.FullBarrierNames.contains(Name))
    return lookupApiName("smp_mb");
  return lookupApiName(Name);
}

std::optional<OperationClassifier::NamedFrame>
OperationClassifier::namedMacro(SourceLocation Loc, std::string *Innermost,
                                SourceLocation *InnermostLoc) const {
  std::optional<NamedFrame> Outermost;
  const LangOptions &LO = Ctx.getLangOpts();
  while (Loc.isMacroID()) {
    // A token that came from a macro argument: continue from where the
    // argument was written. The macro it was passed to does not perform it.
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    SourceLocation Start = SM.getImmediateExpansionRange(Loc).getBegin();
    SourceLocation NameLoc = SM.getSpellingLoc(Start);
    unsigned Len = Lexer::MeasureTokenLength(NameLoc, SM, LO);
    StringRef Name(SM.getCharacterData(NameLoc), Len);
    if (Innermost && Innermost->empty()) {
      *Innermost = Name.str();
      *InnermostLoc = NameLoc;
    }
    if (std::optional<ApiName> Api = lookupName(Name))
      Outermost = NamedFrame{*Api, Name, Start};
    Loc = Start;
  }
  return Outermost;
}

void OperationClassifier::setOrder(AtomicOperation &Op,
                                   const Expr *OrderArg) const {
  Expr::EvalResult R;
  std::optional<Order> O;
  if (OrderArg && !OrderArg->isValueDependent() &&
      OrderArg->EvaluateAsInt(R, Ctx))
    O = orderFromValue(R.Val.getInt().getExtValue());
  Op.OrderKnown = O.has_value();
  Op.Ordering = O.value_or(Order::SeqCst);
  Op.Classes = Op.OrderKnown ? classesOf(Op.Kind, Op.Ordering) : 0;
}

std::optional<AtomicOperation>
OperationClassifier::classifyBuiltinCall(const CallExpr *CE,
                                         unsigned BuiltinID) const {
  std::string Name = std::string(Ctx.BuiltinInfo.getName(BuiltinID));
  StringRef N(Name);
  AtomicOperation Op;
  Op.Node = CE;
  Op.Name = Name;
  auto Arg = [&](unsigned I) -> const Expr * {
    return I < CE->getNumArgs() ? CE->getArg(I) : nullptr;
  };
  if (N.starts_with("__sync_")) {
    // GCC's legacy builtins: full barriers, except the two documented as
    // acquire-only and release-only.
    if (N == "__sync_synchronize") {
      Op.Kind = Access::Fence;
      Op.Classes = AcqRelFull;
      return Op;
    }
    Op.Location = locationOfPointer(Arg(0), Ctx);
    if (N.starts_with("__sync_lock_test_and_set")) {
      Op.Kind = Access::ReadModifyWrite;
      Op.Ordering = Order::Acquire;
      Op.Classes = AcquireOp;
    } else if (N.starts_with("__sync_lock_release")) {
      Op.Kind = Access::Store;
      Op.Ordering = Order::Release;
      Op.Classes = ReleaseOp;
    } else {
      Op.Kind = Access::ReadModifyWrite;
      Op.Classes = AcqRelFull;
    }
    return Op;
  }
  if (N == "__atomic_thread_fence" || N == "__c11_atomic_thread_fence") {
    Op.Kind = Access::Fence;
    setOrder(Op, Arg(0));
    if (!Op.OrderKnown) // Unknown order: assume the strongest.
      Op.Classes = AcqRelFull;
    return Op;
  }
  if (N == "__atomic_signal_fence" || N == "__c11_atomic_signal_fence") {
    Op.Kind = Access::CompilerBarrier;
    Op.Classes = CompilerOnly;
    return Op;
  }
  if (N == "__atomic_test_and_set" || N == "__atomic_clear") {
    Op.Kind = N == "__atomic_clear" ? Access::Store : Access::ReadModifyWrite;
    Op.Location = locationOfPointer(Arg(0), Ctx);
    setOrder(Op, Arg(1));
    return Op;
  }
  return std::nullopt;
}

std::optional<AtomicOperation>
OperationClassifier::classifyPlain(const Stmt *S) const {
  AtomicOperation Op;
  Op.Node = S;
  Op.Plain = true;
  Op.Ordering = Order::Relaxed;
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(S)) {
    if (ICE->getCastKind() != CK_LValueToRValue ||
        ICE->getSubExpr()->getType()->isAtomicType() ||
        !isSharedLValue(ICE->getSubExpr()))
      return std::nullopt;
    Op.Kind = Access::Load;
    Op.Location = locationOfLValue(ICE->getSubExpr(), Ctx);
    Op.Name = "load";
    return Op;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (!BO->isAssignmentOp() || BO->getLHS()->getType()->isAtomicType() ||
        !isSharedLValue(BO->getLHS()))
      return std::nullopt;
    // "x += 1" reads x as well.
    Op.Kind = BO->isCompoundAssignmentOp() ? Access::ReadModifyWrite
                                           : Access::Store;
    Op.Location = locationOfLValue(BO->getLHS(), Ctx);
    Op.Name = BO->getOpcodeStr().str();
    return Op;
  }
  // "x++" reads and writes x.
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (!UO->isIncrementDecrementOp() || !isSharedLValue(UO->getSubExpr()))
      return std::nullopt;
    Op.Kind = Access::ReadModifyWrite;
    Op.Location = locationOfLValue(UO->getSubExpr(), Ctx);
    Op.Name = UnaryOperator::getOpcodeStr(UO->getOpcode()).str();
    return Op;
  }
  return std::nullopt;
}

std::optional<AtomicOperation>
OperationClassifier::classifyNode(const Stmt *S) const {
  if (const auto *AE = dyn_cast<AtomicExpr>(S)) {
    StringRef Name = atomicBuiltinName(AE->getOp());
    std::optional<Access> Kind = accessOfBuiltin(Name);
    if (!Kind)
      return std::nullopt;
    AtomicOperation Op;
    Op.Node = S;
    Op.Kind = *Kind;
    Op.Name = Name.str();
    Op.Location = locationOfPointer(AE->getPtr(), Ctx);
    setOrder(Op, AE->getOrder());
    return Op;
  }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    if (unsigned ID = CE->getBuiltinCallee())
      return classifyBuiltinCall(CE, ID);
    return classifyNamedCall(CE);
  }
  if (const auto *Asm = dyn_cast<GCCAsmStmt>(S)) {
    bool ClobbersMemory = false;
    for (unsigned I = 0; I < Asm->getNumClobbers(); ++I)
      ClobbersMemory |= Asm->getClobber(I) == "memory";
    std::string Text = Asm->generateAsmString(Ctx);
    AtomicOperation Op;
    Op.Node = S;
    Op.Name = "asm";
    if (asmIsFullBarrier(Text)) {
      Op.Classes = AcqRelFull;
      // A locked instruction on a memory operand ("lock subq %1, %0" :
      // "+m"(*p)) is a read-modify-write of that operand that is also a
      // full barrier (x86); one on no operand ("mfence", "lock; orl
      // $0,(%rsp)") is a fence.
      for (unsigned I = 0; I < Asm->getNumOutputs(); ++I)
        // A StringRef in LLVM 19, a std::string in LLVM 22.
        if (std::string Constraint(Asm->getOutputConstraint(I));
            Constraint.find('m') != std::string::npos) {
          Op.Kind = Access::ReadModifyWrite;
          Op.Ordering = Order::SeqCst;
          Op.OrderKnown = true;
          Op.Location = locationOfLValue(Asm->getOutputExpr(I), Ctx);
          return Op;
        }
      Op.Kind = Access::Fence;
      return Op;
    }
    if (!ClobbersMemory)
      return std::nullopt;
    Op.Kind = Access::CompilerBarrier;
    Op.Classes = CompilerOnly;
    return Op;
  }
  // Operators on _Atomic objects are seq-cst operations.
  if (const auto *CAO = dyn_cast<CompoundAssignOperator>(S)) {
    if (!CAO->getLHS()->getType()->isAtomicType())
      return Opts.PlainAccesses ? classifyPlain(S) : std::nullopt;
    AtomicOperation Op;
    Op.Node = S;
    Op.Kind = Access::ReadModifyWrite;
    Op.Classes = SeqCstRMW;
    Op.Name = CAO->getOpcodeStr().str();
    Op.Location = locationOfLValue(CAO->getLHS(), Ctx);
    return Op;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (!UO->isIncrementDecrementOp())
      return std::nullopt;
    if (!UO->getSubExpr()->getType()->isAtomicType())
      return Opts.PlainAccesses ? classifyPlain(S) : std::nullopt;
    AtomicOperation Op;
    Op.Node = S;
    Op.Kind = Access::ReadModifyWrite;
    Op.Classes = SeqCstRMW;
    Op.Name = UnaryOperator::getOpcodeStr(UO->getOpcode()).str();
    Op.Location = locationOfLValue(UO->getSubExpr(), Ctx);
    return Op;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign &&
        BO->getLHS()->getType()->isAtomicType()) {
      AtomicOperation Op;
      Op.Node = S;
      Op.Kind = Access::Store;
      Op.Name = "=";
      Op.Location = locationOfLValue(BO->getLHS(), Ctx);
      return Op;
    }
    return Opts.PlainAccesses ? classifyPlain(S) : std::nullopt;
  }
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(S)) {
    if (ICE->getCastKind() == CK_LValueToRValue &&
        ICE->getSubExpr()->getType()->isAtomicType()) {
      AtomicOperation Op;
      Op.Node = S;
      Op.Kind = Access::Load;
      Op.Name = "load";
      Op.Location = locationOfLValue(ICE->getSubExpr(), Ctx);
      return Op;
    }
    return Opts.PlainAccesses ? classifyPlain(S) : std::nullopt;
  }
  return std::nullopt;
}

bool OperationClassifier::isNamedOperation(const FunctionDecl *FD) const {
  if (!FD || !FD->getIdentifier())
    return false;
  std::optional<ApiName> Api = lookupName(FD->getName());
  if (!Api)
    return false;
  // The API's own accessors implemented as functions are analysed through
  // their bodies when those are visible; barriers and composite operations
  // are known by name whatever their body says.
  return isClassifiedByName(*Api->Op) || Opts.Wrappers.count(FD->getName()) ||
         !FD->hasBody();
}

std::optional<AtomicOperation>
OperationClassifier::classifyNamedCall(const CallExpr *CE) const {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!isNamedOperation(FD))
    return std::nullopt;
  ApiName Api = *lookupName(FD->getName());
  AtomicOperation Op;
  Op.Node = CE;
  Op.Kind = Api.Op->Kind;
  Op.Ordering = Api.Op->Ordering;
  Op.Classes = Api.Op->Classes;
  Op.Name = FD->getName().str();
  if (Op.Kind != Access::Fence && Op.Kind != Access::CompilerBarrier &&
      CE->getNumArgs() > 0)
    Op.Location = locationOfPointer(CE->getArg(0), Ctx);
  return Op;
}

std::optional<AtomicOperation>
OperationClassifier::classify(const Stmt *S) const {
  // Cheap rejection first: this runs on every node of every function.
  if (!isa<AtomicExpr, CallExpr, GCCAsmStmt, CompoundAssignOperator,
           UnaryOperator, BinaryOperator, ImplicitCastExpr>(S))
    return std::nullopt;
  if (isa<ImplicitCastExpr>(S) &&
      cast<ImplicitCastExpr>(S)->getCastKind() != CK_LValueToRValue)
    return std::nullopt;
  std::optional<AtomicOperation> Op = classifyNode(S);
  // A call that is no operation by itself may still be the expansion of a
  // name the options give a meaning (#define CPU_FENCE() os_fence()):
  // only when they give some (walking a call's macro expansions to find
  // out costs more than the rest of this, on code that calls through
  // macros at every line).
  bool CallInNamedMacro = !Op &&
                          !(Opts.Wrappers.empty() &&
                            Opts.FullBarrierNames.empty()) &&
                          isa<CallExpr>(S) &&
                          !cast<CallExpr>(S)->getBuiltinCallee() &&
                          S->getBeginLoc().isMacroID();
  if (!Op && !CallInNamedMacro)
    return std::nullopt;

  std::string Innermost;
  SourceLocation InnermostLoc;
  std::optional<NamedFrame> Named;
  if (S->getBeginLoc().isMacroID())
    Named = namedMacro(S->getBeginLoc(), &Innermost, &InnermostLoc);
  if (!Op) {
    if (!Named || !(Opts.Wrappers.count(Named->Spelled) ||
                    Opts.FullBarrierNames.contains(Named->Spelled)))
      return std::nullopt;
    Op.emplace();
    Op->Node = S;
    const auto *CE = cast<CallExpr>(S);
    if (CE->getNumArgs() > 0)
      Op->Location = locationOfPointer(CE->getArg(0), Ctx);
  }

  const Expr *Ptr = nullptr;
  if (const auto *AE = dyn_cast<AtomicExpr>(S))
    Ptr = AE->getPtr();
  else if (const auto *CE = dyn_cast<CallExpr>(S); CE && CE->getNumArgs() > 0)
    Ptr = CE->getArg(0);
  if (Ptr && Ptr->getType()->isPointerType())
    Op->FunctionPointerValue =
        Ptr->getType()->getPointeeType()->isFunctionPointerType();

  Op->WrittenAt = SM.getSpellingLoc(S->getBeginLoc());
  if (!Named) {
    // Not an API name: a library's macro (C11's atomic_fetch_add_explicit)
    // or the user's own; name the operation after it.
    if (!Innermost.empty()) {
      if (!Op->Plain)
        Op->Name = Innermost;
      Op->WrittenAt = InnermostLoc;
    }
    return Op;
  }
  Op->Name = Named->Spelled.str();
  Op->WrittenAt = SM.getSpellingLoc(Named->Site);
  const ApiOperation &Api = *Named->Api.Op;
  if (!isClassifiedByName(Api) &&
      !Opts.Wrappers.count(Named->Spelled) &&
      !Opts.FullBarrierNames.contains(Named->Spelled))
    return Op; // The node says what it does; the name is for messages.

  // The name decides, and every node of its expansion stands for it.
  Op->Kind = Api.Kind;
  Op->Ordering = Api.Ordering;
  Op->Classes = Api.Classes;
  Op->OrderKnown = true;
  Op->Plain = false;
  Op->Site = Named->Site;
  if (Api.Kind == Access::Fence || Api.Kind == Access::CompilerBarrier)
    Op->Location = MemoryLocation();
  return Op;
}

} // namespace clang::tidy::atomics
