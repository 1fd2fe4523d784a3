/* A library header installed as a system header whose own macros use the
 * deprecated operations: its internals are not the user's to fix. */
#ifndef TEST_WRAPPERS_H
#define TEST_WRAPPERS_H
#include "atomic.h"
#define LIB_WAIT_FLAG(p) qatomic_mb_read(p)
static inline int lib_peek(int *p) { return qatomic_mb_read(p); }
#endif
