/* Partners in other files, of each shape the database is searched for:
   an RCU publication and its readers, and two full barriers that order
   each side's store before its load (Dekker). Nothing is static, so only
   the whole program shows which operations pair. */
#include <atomic.h>
struct node { int val; struct node *next; };
extern struct node *head;
extern int want_a, want_b, turn;
extern int lone_flag;
