/* Preloaded into clang-tidy (LD_PRELOAD) by test/database/faults-commit.test:
   when the analysis is about to commit a translation unit's facts
   (lib/FactsWriter.cpp: a COMMIT after rows were written), it runs the
   shell command FAULT_BEFORE_COMMIT first, with the transaction open and
   the write lock held; with FAULT_BEFORE_COMMIT=kill it kills clang-tidy
   with SIGKILL instead. Every other call goes to SQLite. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct sqlite3 sqlite3;
typedef int (*Callback)(void *, int, char **, char **);
typedef int (*Exec)(sqlite3 *, const char *, Callback, void *, char **);
typedef int (*Changes)(sqlite3 *);

static void *real(const char *Name) {
  void *F = dlsym(RTLD_NEXT, Name);
  if (!F) {
    fprintf(stderr, "commit-hook: no %s to call: %s\n", Name, dlerror());
    abort();
  }
  return F;
}

int sqlite3_exec(sqlite3 *DB, const char *SQL, Callback CB, void *Arg,
                 char **Err) {
  const char *Command = getenv("FAULT_BEFORE_COMMIT");
  if (Command && strcmp(SQL, "COMMIT") == 0 &&
      ((Changes)real("sqlite3_total_changes"))(DB) > 0) {
    if (strcmp(Command, "kill") == 0)
      kill(getpid(), SIGKILL);
    /* Once: the command's own processes do not run it again. */
    char *Copy = strdup(Command);
    unsetenv("FAULT_BEFORE_COMMIT");
    unsetenv("LD_PRELOAD");
    if (system(Copy) != 0)
      fprintf(stderr, "commit-hook: '%s' failed\n", Copy);
    free(Copy);
  }
  return ((Exec)real("sqlite3_exec"))(DB, SQL, CB, Arg, Err);
}
