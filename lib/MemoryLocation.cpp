//===- MemoryLocation.cpp - which shared variable an access names ---------===//

#include "lib/MemoryLocation.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::atomics {

namespace {

std::string printed(const Expr *E, const ASTContext &Ctx) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  return OS.str();
}

/// The field or variable declared with the anonymous record \p RD
/// (`QLIST_ENTRY(T) node;` declares one per field). It is among the
/// declarations that follow the record's in its context (those of the same
/// declaration): a few are looked at, not the whole translation unit.
const DeclaratorDecl *declaredWith(const RecordDecl *RD) {
  unsigned Left = 8;
  for (const Decl *D = RD->getNextDeclInContext(); D && Left;
       D = D->getNextDeclInContext(), --Left) {
    const auto *DD = dyn_cast<DeclaratorDecl>(D);
    if (!DD || !isa<FieldDecl, VarDecl>(DD))
      continue;
    QualType T = DD->getType();
    while (const ArrayType *A = T->getAsArrayTypeUnsafe())
      T = A->getElementType();
    if (T->getAsRecordDecl() == RD)
      return DD;
  }
  return nullptr;
}

std::string recordName(const RecordDecl *RD) {
  if (!RD->getName().empty())
    return RD->getName().str();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName().str();
  // An anonymous struct is named after what is declared with it: QEMU's
  // list macros give each entry field and each head its own, and the
  // links of a struct's two lists, or of two lists of a file, are other
  // locations.
  const DeclaratorDecl *Named = declaredWith(RD);
  if (const auto *Parent = dyn_cast<RecordDecl>(RD->getDeclContext()))
    return recordName(Parent) + "::" +
           (Named ? Named->getName().str() : std::string("<anonymous>"));
  return Named ? "<" + Named->getName().str() + ">" : "<anonymous>";
}

/// The field that names the storage of \p FD. The members of a union share
/// their storage, and a struct member of a union shares its first field's
/// with the others: QEMU's QTAILQ heads are unions of a first-element pointer
/// and a QTailQLink, and QTAILQ_INSERT_TAIL_RCU() publishes through
/// tql_prev->tql_next what QTAILQ_FOREACH_RCU() reads as tqh_first.
const FieldDecl *storageField(const FieldDecl *FD) {
  const RecordDecl *RD = FD->getParent();
  if (!RD->isUnion() || RD->field_empty())
    return FD;
  for (const FieldDecl *Member : RD->fields())
    if (const RecordDecl *Inner = Member->getType()->getAsRecordDecl();
        Inner && !Inner->isUnion() && !Inner->field_empty())
      return *Inner->field_begin();
  return *RD->field_begin();
}

MemoryLocation make(MemoryLocation::KindType K, std::string Key,
                    std::string Spelling, unsigned Param = 0) {
  MemoryLocation L;
  L.Kind = K;
  L.Key = std::move(Key);
  L.Spelling = std::move(Spelling);
  L.ParamIndex = Param;
  return L;
}

MemoryLocation ofVariable(const VarDecl *VD, const ASTContext &Ctx) {
  std::string Name = VD->getName().str();
  if (VD->hasGlobalStorage()) {
    MemoryLocation L;
    // A static local is one object, named after its function.
    if (const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext()))
      L = make(MemoryLocation::Global,
               "g:" + Fn->getName().str() + "::" + Name, Name);
    else
      L = make(MemoryLocation::Global, "g:" + VD->getQualifiedNameAsString(),
               Name);
    L.Decl = VD;
    return L;
  }
  // An automatic variable: identity is the declaration.
  return make(MemoryLocation::Pointer,
              "l:" + Name + "@" +
                  std::to_string(reinterpret_cast<uintptr_t>(
                      VD->getCanonicalDecl())),
              Name);
}

} // namespace

MemoryLocation locationOfLValue(const Expr *LV, const ASTContext &Ctx) {
  if (!LV)
    return {};
  const Expr *E = LV->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return ofVariable(VD, Ctx);
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (const auto *Member = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
      const FieldDecl *FD = storageField(Member);
      MemoryLocation L = make(MemoryLocation::Field,
                              "f:" + recordName(FD->getParent()) + "::" +
                                  FD->getName().str(),
                              printed(ME, Ctx));
      L.Decl = FD;
      // storageField() moved to a named record's field: a type of its own
      // that the unions of every list of the kind embed.
      const RecordDecl *Storage = FD->getParent();
      L.EveryList = FD != Member && (!Storage->getName().empty() ||
                                     Storage->getTypedefNameForAnonDecl());
      return L;
    }
  // An element of an array: the array (indices are not tracked).
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    MemoryLocation L = locationOfPointer(ASE->getBase(), Ctx);
    L.Spelling = printed(ASE, Ctx);
    return L;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref)
      return locationOfPointer(UO->getSubExpr(), Ctx);
  std::string Text = printed(E, Ctx);
  return make(MemoryLocation::Pointer, "e:&" + Text, Text);
}

MemoryLocation locationOfPointer(const Expr *Ptr, const ASTContext &Ctx) {
  if (!Ptr)
    return {};
  const Expr *E = Ptr->IgnoreParenCasts();
  // An array used as a pointer (after decay): the array itself.
  if (E->getType()->isArrayType())
    return locationOfLValue(E, Ctx);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      return locationOfLValue(UO->getSubExpr(), Ctx);
  // p + i, i + p: the object p points into.
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAdditiveOp()) {
      const Expr *Base = BO->getLHS()->getType()->isPointerType()
                             ? BO->getLHS()
                             : BO->getRHS();
      if (Base->getType()->isPointerType() || Base->getType()->isArrayType())
        return locationOfPointer(Base, Ctx);
    }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      return make(MemoryLocation::Param,
                  "p:" + std::to_string(PVD->getFunctionScopeIndex()),
                  "*" + PVD->getName().str(), PVD->getFunctionScopeIndex());
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      // A local pointer initialised from another pointer expression (what
      // macros do with their argument: "__typeof__(p) tmp = (p);") points
      // where its initialiser points. Reassignments are not followed.
      const Expr *Init = VD->getInit();
      if (VD->hasLocalStorage() && Init && Init->getType()->isPointerType() &&
          Init->IgnoreParenCasts() != E)
        return locationOfPointer(Init, Ctx);
      MemoryLocation L = ofVariable(VD, Ctx);
      // What the variable points to, not the variable.
      L.Kind = MemoryLocation::Pointer;
      L.Key = "*" + L.Key;
      L.Spelling = "*" + L.Spelling;
      L.Decl = nullptr;
      return L;
    }
  }
  std::string Text = printed(E, Ctx);
  return make(MemoryLocation::Pointer, "e:" + Text, "*(" + Text + ")");
}

MemoryLocation locationAtCall(const MemoryLocation &Callee,
                              const CallExpr &Call, const ASTContext &Ctx) {
  if (Callee.Kind != MemoryLocation::Param ||
      Callee.ParamIndex >= Call.getNumArgs())
    return Callee;
  return locationOfPointer(Call.getArg(Callee.ParamIndex), Ctx);
}

} // namespace clang::tidy::atomics
