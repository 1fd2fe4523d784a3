/* The acquire side of t.c's publication. */
extern int data, flag;
int g(void) {
  while (!__atomic_load_n(&flag, __ATOMIC_RELAXED)) {
  }
  __atomic_thread_fence(__ATOMIC_ACQUIRE);
  return data;
}
