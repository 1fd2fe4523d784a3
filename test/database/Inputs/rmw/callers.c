/* Callers of the functions of callees.c, another translation unit. */
#include <atomic.h>
int x, y, z;
void bump(void); /* callees.c */
int peek(void);
int use_bump(void) {
  bump();
  return qatomic_read(&z);
}
int use_peek(void) {
  qatomic_inc(&z);
  return peek();
}
