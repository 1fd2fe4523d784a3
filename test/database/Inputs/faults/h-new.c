/* h.c, changed: an acquire load and a release store. */
int ready;
int h(void) { return __atomic_load_n(&ready, __ATOMIC_ACQUIRE); }
void h_set(void) { __atomic_store_n(&ready, 1, __ATOMIC_RELEASE); }
