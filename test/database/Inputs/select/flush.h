/* Statistics, flushed by flush.c. */
struct stats {
  int count;
  int flushed;
};

void stats_flush(struct stats *s);
