/* g.c, changed: the acquire fence is gone, and t.c's fence has no
   partner left. */
extern int data, flag;
int g(void) {
  while (!__atomic_load_n(&flag, __ATOMIC_RELAXED)) {
  }
  return data;
}
