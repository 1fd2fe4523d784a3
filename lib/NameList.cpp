//===- NameList.cpp - check options that list names -----------------------===//

#include "lib/NameList.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::atomics {

bool isCIdentifier(llvm::StringRef S) {
  if (S.empty() || llvm::isDigit(S.front()))
    return false;
  return llvm::all_of(S, [](char C) { return llvm::isAlnum(C) || C == '_'; });
}

NameListParse parseNameList(llvm::StringRef Text, bool AllowValues) {
  NameListParse Result;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    auto [Name, Value] = Part.split('=');
    Name = Name.trim();
    Value = Value.trim();
    bool HasValue = Part.contains('=');
    bool Ok = isCIdentifier(Name) && (!HasValue || (AllowValues && isCIdentifier(Value)));
    if (!Ok) {
      if (Result.Error.empty())
        Result.Error = ("invalid entry '" + Part + "': expected " +
                        (AllowValues ? "a C identifier, optionally followed by "
                                       "'=' and another C identifier"
                                     : "a C identifier") +
                        ", entries separated by ';'")
                           .str();
      continue;
    }
    Result.Entries.push_back({Name.str(), Value.str()});
  }
  return Result;
}

NamePatterns::NamePatterns(llvm::StringRef Text, std::string &Error) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  // The patterns point into these strings: no push_back may move them.
  Texts.reserve(Parts.size());
  auto Invalid = [&](llvm::StringRef Entry, const llvm::Twine &Why) {
    if (Error.empty())
      Error = ("invalid entry '" + Entry + "': " + Why).str();
  };
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    // What can be in a name, or stand for part of one.
    if (!llvm::all_of(Part, [](char C) {
          return llvm::isAlnum(C) || llvm::StringRef("_*?[]^!-\\").contains(C);
        })) {
      Invalid(Part, "expected a C identifier or a glob pattern of one, "
                    "entries separated by ';'");
      continue;
    }
    Texts.push_back(Part.str());
    llvm::Expected<llvm::GlobPattern> G = llvm::GlobPattern::create(Texts.back());
    if (G)
      Globs.push_back(std::move(*G));
    else
      Invalid(Part, llvm::toString(G.takeError()));
  }
}

bool NamePatterns::matches(llvm::StringRef Name) const {
  return llvm::any_of(Globs,
                      [&](const llvm::GlobPattern &G) { return G.match(Name); });
}

std::string formatNameList(llvm::ArrayRef<NameListEntry> Entries) {
  std::string Out;
  for (const NameListEntry &E : Entries) {
    if (!Out.empty())
      Out += ';';
    Out += E.Name;
    if (!E.Value.empty())
      Out += "=" + E.Value;
  }
  return Out;
}

} // namespace clang::tidy::atomics
