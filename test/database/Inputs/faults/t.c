/* The release side: publishes data behind a flag. Its partner is g() in
   g.c; without one, atomics-unpaired-barrier and atomics-pairing-comment
   report the fence. */
int data, flag;
void publish(void) {
  data = 1;
  /* Pairs with the fence in g(). */
  __atomic_thread_fence(__ATOMIC_RELEASE);
  __atomic_store_n(&flag, 1, __ATOMIC_RELAXED);
}
