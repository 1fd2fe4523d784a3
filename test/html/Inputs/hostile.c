#include <atomics-tidy/atomic.h>

struct s { int v; int w[512]; };
static struct s st;

int f(void)
{
    const char *s = "</script><script>document.title=/PWNED/.source</script><img src=x onerror=document.title=/PWNED/.source>";
    /* </script><script>document.title=/PWNED/.source</script> <img src=x onerror=document.title=/PWNED/.source> */
    qatomic_inc(&st.v);
    return qatomic_read(&st.w[sizeof("</script><img src=x onerror=document.title=/PWNED/.source>")]) + !s;
}

void g(void)
{
    qatomic_set(&st.w[sizeof("</script><img src=x onerror=document.title=/PWNED/.source>")], 1);
    smp_mb();
    if (qatomic_read(&st.v)) {   /* <img src=x onerror=document.title=/PWNED/.source> */
        return;
    }
    qatomic_mb_set(&st.v, 2);  // </script><script>document.title=/PWNED/.source</script>
}

/* A barrier whose candidate reads another field; the messages and the
   pairing graph's labels quote the expression. */
static int flag;

void h(void)
{
    st.w[sizeof("</script><img src=x onerror=document.title=/PWNED/.source>")] = 1;
    smp_wmb();
    qatomic_set(&flag, 1);
}

int k(void)
{
    int fl = qatomic_read(&flag);
    smp_rmb();
    return fl + st.v;
}
