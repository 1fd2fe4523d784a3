/* Calls legacy_sync_flag(), which the project's .clang-tidy makes a
 * deprecated operation (ExtraNames): analysed. */
#include "macros.h"

static int flag;

int legacy_poll(void)
{
    return legacy_sync_flag(&flag);
}
