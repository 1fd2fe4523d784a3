//===- FactsRecords.cpp - the records of the whole-program database -------===//

#include "lib/FactsRecords.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::atomics {

std::string absolutePath(llvm::StringRef FileName) {
  llvm::SmallString<256> Path(FileName);
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path.str());
}

UnitSource unitSource(llvm::StringRef MainFileName) {
  UnitSource U;
  U.Path = absolutePath(MainFileName);
  llvm::SmallString<256> Source(U.Path);
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Source, Status))
    U.MTime = (long long)llvm::sys::toTimeT(Status.getLastModificationTime());
  return U;
}

std::optional<Access> accessNamed(llvm::StringRef Text) {
  for (Access A : {Access::Load, Access::Store, Access::ReadModifyWrite,
                   Access::Fence, Access::CompilerBarrier})
    if (accessName(A) == Text)
      return A;
  return std::nullopt;
}

std::optional<Order> orderNamed(llvm::StringRef Text) {
  for (Order O : {Order::Relaxed, Order::Consume, Order::Acquire,
                  Order::Release, Order::AcqRel, Order::SeqCst})
    if (orderName(O) == Text)
      return O;
  return std::nullopt;
}

std::optional<MemoryLocation::KindType> locationKindNumbered(int64_t N) {
  for (MemoryLocation::KindType K :
       {MemoryLocation::None, MemoryLocation::Global, MemoryLocation::Field,
        MemoryLocation::Param, MemoryLocation::Pointer})
    if (int64_t(K) == N)
      return K;
  return std::nullopt;
}

} // namespace clang::tidy::atomics
