//===- DatabaseTest.cpp - the whole-program database, written and read ----===//
//
// A unit's facts written by UnitFacts (lib/FactsWriter.h) into a new
// database file, and read back by FactsDatabase (lib/FactsDatabase.h) as
// the checks of another file read them.
//
//===----------------------------------------------------------------------===//

#include "lib/FactsDatabase.h"
#include "lib/FactsWriter.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

namespace clang::tidy::atomics {
namespace {

class Database : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("atomics-tidy-unit", Dir));
    Source = path("a.c");
    std::error_code EC;
    llvm::raw_fd_ostream(Source, EC) << "void event_wait(void) {}\n";
    ASSERT_FALSE(EC);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  std::string path(llvm::StringRef Name) const {
    llvm::SmallString<128> P(Dir);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }

  llvm::SmallString<128> Dir;
  std::string Source;
};

/// "" when \p E is success, else its message (LLVM's TestingSupport
/// matchers are not in Debian's packages).
std::string message(llvm::Error E) {
  return E ? llvm::toString(std::move(E)) : std::string();
}
template <typename T> std::string message(llvm::Expected<T> &V) {
  return V ? std::string() : llvm::toString(V.takeError());
}

RemoteAccess relaxedLoadOfShuttingDown() {
  RemoteAccess A;
  A.Name = "qatomic_read";
  A.Kind = Access::Load;
  A.Ordering = Order::Relaxed;
  A.Classes = RelaxedLoad;
  A.Location.Kind = MemoryLocation::Field;
  A.Location.Key = "f:Event::shutting_down";
  A.Location.Spelling = "ev->shutting_down";
  A.Function = "event_wait";
  A.Line = 41;
  A.Column = 12;
  return A;
}

TEST_F(Database, SummaryRoundTrip) {
  std::string DB = path("facts.db");
  RemoteSummary Written;
  Written.PassesWithoutBarrier = true;
  Written.EarlyLoads.push_back(relaxedLoadOfShuttingDown());
  Written.EarlyLoads.back().File = Source;
  {
    std::shared_ptr<UnitFacts> Facts = UnitFacts::join(DB);
    Facts->setSummaries({{"event_wait", Written}}, {});
    ASSERT_EQ(message(Facts->handIn(unitSource(Source))), "");
  }

  auto Opened = FactsDatabase::open(DB);
  ASSERT_EQ(message(Opened), "");
  auto Read = (*Opened)->summary("event_wait");
  ASSERT_EQ(message(Read), "");
  ASSERT_TRUE(Read->has_value());
  const RemoteSummary &S = **Read;
  EXPECT_TRUE(S.CanReturn);
  EXPECT_TRUE(S.PassesWithoutBarrier);
  EXPECT_TRUE(S.PendingRmws.empty());
  ASSERT_EQ(S.EarlyLoads.size(), 1u);
  const RemoteAccess &A = S.EarlyLoads[0];
  EXPECT_EQ(A.Name, "qatomic_read");
  EXPECT_EQ(A.Kind, Access::Load);
  EXPECT_EQ(A.Ordering, Order::Relaxed);
  EXPECT_EQ(A.Classes, unsigned(RelaxedLoad));
  EXPECT_EQ(A.Location.Kind, MemoryLocation::Field);
  EXPECT_EQ(A.Location.Key, "f:Event::shutting_down");
  EXPECT_EQ(A.Location.Spelling, "ev->shutting_down");
  EXPECT_EQ(A.Function, "event_wait");
  EXPECT_EQ(A.File, Source);
  EXPECT_EQ(A.Line, 41u);
  EXPECT_EQ(A.Column, 12u);

  auto Missing = (*Opened)->summary("event_set");
  ASSERT_EQ(message(Missing), "");
  EXPECT_FALSE(Missing->has_value());
}

TEST_F(Database, OpeningAMissingFileSaysSo) {
  auto Opened = FactsDatabase::open(path("none.db"));
  EXPECT_EQ(message(Opened), "cannot read the database '" + path("none.db") +
                                 "': no such file; build it with "
                                 "'atomics-tidy-db build'");
}

TEST_F(Database, OpeningAnotherKindOfFileFails) {
  auto Opened = FactsDatabase::open(Source);
  std::string Message = message(Opened);
  EXPECT_NE(Message.find("is not an atomics-tidy database (not an "
                         "SQLite file)"),
            std::string::npos)
      << Message;
}

} // namespace
} // namespace clang::tidy::atomics
