/* Functions that callers in callers.c call: bump() returns with its RMW
   not followed by a full barrier; peek() loads before any barrier. */
#include <atomic.h>
extern int x, y, z;
void bump(void) { qatomic_fetch_add(&x, 1); }
int peek(void) { return qatomic_read(&y); }
