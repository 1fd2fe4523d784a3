/* No ordering operation, and only a header of macros: skipped. The words
 * smp_mb() and qatomic_read() in this comment, and in the string below,
 * perform nothing. */
#include "macros.h"

const char *plain_name(void)
{
    return "qatomic_read(&x) is not called here";
}
