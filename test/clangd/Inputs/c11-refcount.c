/*
 * A reference count with a "closing" flag, in C11 atomics: needs clang's
 * builtin <stdatomic.h> and <stddef.h>, which atomics-clangd must find in
 * the LLVM's resource directory wherever it is installed.
 */
#include <stdatomic.h>
#include <stddef.h>

struct object {
    atomic_int refs;
    atomic_int closing;
    size_t size;
};

int object_get(struct object *o)
{
    atomic_fetch_add(&o->refs, 1);
    return atomic_load_explicit(&o->closing, memory_order_relaxed);
}

/* The other thread: it marks the object closing, then looks at the count. */
int object_close(struct object *o)
{
    atomic_store(&o->closing, 1);
    return atomic_load(&o->refs);
}
