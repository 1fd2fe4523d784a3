/* It names PUBLISH and PEEK, macros of macros.h that perform operations:
 * analysed (the findings are at the uses). */
#include "macros.h"

static int ready, value;

void macro_publish(int v)
{
    value = v;
    PUBLISH(&ready, 1);
}
