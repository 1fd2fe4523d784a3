/* Another file, for the updates: one acquire load. */
int ready;
int h(void) { return __atomic_load_n(&ready, __ATOMIC_ACQUIRE); }
