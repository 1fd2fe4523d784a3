#include "legacy.h"

int poll_flag(int *flag)
{
    return qatomic_mb_read(flag);
}
