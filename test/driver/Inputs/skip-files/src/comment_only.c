/* Pairs with smp_wmb() in commented_publish(): a pairing comment that is
 * near no operation of this file is not checked (atomics-pairing-comment
 * checks the comments next to the main file's operations): skipped. */
int comment_only(void)
{
    return 0;
}
