/* A fence written as inline assembly. */
void full_fence(void) { __asm__ __volatile__("mfence" ::: "memory"); }
