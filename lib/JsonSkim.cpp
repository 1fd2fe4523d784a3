//===- JsonSkim.cpp - the parts of a JSON text, without parsing it --------===//

#include "lib/JsonSkim.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::atomics::skim {

namespace {

bool isSpace(char C) { return C == ' ' || C == '\t' || C == '\n' || C == '\r'; }

class Cursor {
public:
  explicit Cursor(llvm::StringRef Text) : Text(Text) {}

  void skipSpace() {
    while (Pos < Text.size() && isSpace(Text[Pos]))
      ++Pos;
  }
  bool atEnd() const { return Pos >= Text.size(); }
  char peek() const { return atEnd() ? '\0' : Text[Pos]; }
  size_t pos() const { return Pos; }

  llvm::Error fail(const llvm::Twine &What) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s at byte %zu", What.str().c_str(), Pos);
  }

  llvm::Error expect(char C) {
    skipSpace();
    if (peek() != C)
      return fail(llvm::Twine("expected '") + llvm::Twine(C) + "'");
    ++Pos;
    return llvm::Error::success();
  }

  /// Past the string that starts here; its text without the quotes.
  llvm::Expected<llvm::StringRef> string() {
    if (peek() != '"')
      return fail("expected a string");
    size_t Start = ++Pos;
    while (!atEnd()) {
      char C = Text[Pos];
      if (C == '\\') {
        Pos += 2;
        continue;
      }
      if (C == '"')
        return Text.slice(Start, Pos++);
      if (static_cast<unsigned char>(C) < 0x20)
        return fail("control character in a string");
      ++Pos;
    }
    return fail("unterminated string");
  }

  /// Past the value that starts here (after whitespace); its text.
  llvm::Expected<llvm::StringRef> value() {
    skipSpace();
    size_t Start = Pos;
    char C = peek();
    if (C == '"') {
      if (llvm::Expected<llvm::StringRef> S = string(); !S)
        return S.takeError();
    } else if (C == '{' || C == '[') {
      // To the matching bracket; strings may hold brackets.
      std::string Open;
      while (!atEnd()) {
        char D = Text[Pos];
        if (D == '"') {
          if (llvm::Expected<llvm::StringRef> S = string(); !S)
            return S.takeError();
          continue;
        }
        if (D == '{' || D == '[') {
          Open.push_back(D);
        } else if (D == '}' || D == ']') {
          if (Open.empty() || (Open.back() == '{') != (D == '}'))
            return fail("mismatched bracket");
          Open.pop_back();
          if (Open.empty()) {
            ++Pos;
            return Text.slice(Start, Pos);
          }
        }
        ++Pos;
      }
      return fail("unterminated array or object");
    } else {
      // A number or a literal: checked when parsed.
      while (!atEnd() && !isSpace(Text[Pos]) && Text[Pos] != ',' &&
             Text[Pos] != '}' && Text[Pos] != ']')
        ++Pos;
      if (Pos == Start)
        return fail("expected a value");
    }
    return Text.slice(Start, Pos);
  }

private:
  llvm::StringRef Text;
  size_t Pos = 0;
};

/// The value of a key that has escapes in it.
std::string unescaped(llvm::StringRef Raw) {
  if (!Raw.contains('\\'))
    return Raw.str();
  llvm::Expected<llvm::json::Value> V =
      llvm::json::parse(("\"" + Raw + "\"").str());
  if (!V) {
    llvm::consumeError(V.takeError());
    return Raw.str();
  }
  return V->getAsString() ? V->getAsString()->str() : Raw.str();
}

llvm::Error trailing(Cursor &C) {
  C.skipSpace();
  if (!C.atEnd())
    return C.fail("text after the value");
  return llvm::Error::success();
}

/// The items between \p Open and \p Close, separated by commas, each read
/// by \p Item; then nothing but whitespace.
llvm::Error sequence(Cursor &C, char Open, char Close,
                     llvm::function_ref<llvm::Error()> Item) {
  if (llvm::Error E = C.expect(Open))
    return E;
  C.skipSpace();
  if (C.peek() != Close) {
    for (;;) {
      if (llvm::Error E = Item())
        return E;
      C.skipSpace();
      if (C.peek() != ',')
        break;
      if (llvm::Error E = C.expect(','))
        return E;
    }
  }
  if (llvm::Error E = C.expect(Close))
    return E;
  return trailing(C);
}

} // namespace

llvm::Expected<std::vector<std::pair<std::string, llvm::StringRef>>>
members(llvm::StringRef Text) {
  Cursor C(Text);
  std::vector<std::pair<std::string, llvm::StringRef>> Out;
  if (llvm::Error E = sequence(C, '{', '}', [&]() -> llvm::Error {
        C.skipSpace();
        llvm::Expected<llvm::StringRef> Key = C.string();
        if (!Key)
          return Key.takeError();
        if (llvm::Error E = C.expect(':'))
          return E;
        llvm::Expected<llvm::StringRef> V = C.value();
        if (!V)
          return V.takeError();
        Out.push_back({unescaped(*Key), *V});
        return llvm::Error::success();
      }))
    return E;
  return Out;
}

llvm::Expected<std::vector<llvm::StringRef>> elements(llvm::StringRef Text) {
  Cursor C(Text);
  std::vector<llvm::StringRef> Out;
  if (llvm::Error E = sequence(C, '[', ']', [&]() -> llvm::Error {
        llvm::Expected<llvm::StringRef> V = C.value();
        if (!V)
          return V.takeError();
        Out.push_back(*V);
        return llvm::Error::success();
      }))
    return E;
  return Out;
}

} // namespace clang::tidy::atomics::skim
