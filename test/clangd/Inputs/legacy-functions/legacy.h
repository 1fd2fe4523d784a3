/* An old API written as functions, in a header (clangd keeps it in the
   preamble). */
int atomic_mb_read_int(int *p);
int qatomic_mb_read(int *p);
int qatomic_load_acquire(int *p);
